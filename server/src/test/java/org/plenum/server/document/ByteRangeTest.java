package org.plenum.server.document;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What a Range header asks of a 1,000-byte file (RFC 9110 §14). */
class ByteRangeTest {
  static final long SIZE = 1000;

  static ByteRange of(String header) {
    return ByteRange.of(header, SIZE);
  }

  @Test
  @DisplayName("DC1: bytes=a-b, bytes=a- and bytes=-n name one part; a last byte past the end is the end; a suffix longer than the file is all of it")
  void one_range_in_every_form() {
    assertThat(of("bytes=0-99")).isEqualTo(new ByteRange.Part(0, 99));
    assertThat(of("bytes=990-")).isEqualTo(new ByteRange.Part(990, 999));
    assertThat(of("bytes=-10")).isEqualTo(new ByteRange.Part(990, 999));
    assertThat(of("bytes=500-5000")).isEqualTo(new ByteRange.Part(500, 999));
    assertThat(of("bytes=-5000")).isEqualTo(new ByteRange.Part(0, 999));
    assertThat(of("bytes=999-999")).isEqualTo(new ByteRange.Part(999, 999));
    assertThat(of(" Bytes=1-2 ")).isEqualTo(new ByteRange.Part(1, 2));
    assertThat(of("bytes=0-99999999999999999999999")).isEqualTo(new ByteRange.Part(0, 999));
    assertThat(((ByteRange.Part) of("bytes=10-19")).length()).isEqualTo(10);
  }

  @Test
  @DisplayName("DC2: a first byte at or past the end, a zero suffix, or any range of an empty file cannot be satisfied")
  void unsatisfiable() {
    assertThat(of("bytes=1000-")).isInstanceOf(ByteRange.Unsatisfiable.class);
    assertThat(of("bytes=1000-2000")).isInstanceOf(ByteRange.Unsatisfiable.class);
    assertThat(of("bytes=-0")).isInstanceOf(ByteRange.Unsatisfiable.class);
    assertThat(of("bytes=99999999999999999999999-")).isInstanceOf(ByteRange.Unsatisfiable.class);
    assertThat(ByteRange.of("bytes=0-0", 0)).isInstanceOf(ByteRange.Unsatisfiable.class);
  }

  @Test
  @DisplayName("DC3: no header, another unit, a header that does not parse, last before first, or several ranges: the whole file")
  void ignored_headers_give_the_whole_file() {
    for (String h : new String[] {null, "", "items=0-1", "bytes=", "bytes=-", "bytes=abc", "bytes=1-a", "bytes=5-2", "bytes=0-1,5-6",
        "bytes=0-1, -5", "bytes = 0-1", "bytes=--1", "bytes=+1-2"}) {
      assertThat(of(h)).as(String.valueOf(h)).isInstanceOf(ByteRange.Whole.class);
    }
  }
}
