package org.plenum.server.document;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code Range} header asks of a file of {@code size} bytes (RFC 9110 §14, DC1–DC3): the whole file (no header,
 * a header that does not parse, another unit, or several ranges), one satisfiable range, or nothing satisfiable.
 */
sealed interface ByteRange {
  Pattern ONE = Pattern.compile("(\\d*)-(\\d*)");

  /** Serve the whole file with 200. */
  record Whole() implements ByteRange {}

  /** Serve bytes {@code first..last} (inclusive) with 206. */
  record Part(long first, long last) implements ByteRange {
    long length() {
      return last - first + 1;
    }
  }

  /** 416 with {@code Content-Range: bytes *}{@code /size}. */
  record Unsatisfiable() implements ByteRange {}

  static ByteRange of(String header, long size) {
    if (header == null) {
      return new Whole();
    }
    String h = header.strip();
    if (!h.toLowerCase(Locale.ROOT).startsWith("bytes=")) {
      return new Whole();
    }
    String spec = h.substring(6).strip();
    if (spec.contains(",")) {
      return new Whole();
    }
    Matcher m = ONE.matcher(spec);
    if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
      return new Whole();
    }
    if (m.group(1).isEmpty()) {
      long suffix = number(m.group(2));
      if (suffix == 0 || size == 0) {
        return new Unsatisfiable();
      }
      return new Part(Math.max(0, size - suffix), size - 1);
    }
    long first = number(m.group(1));
    long last = m.group(2).isEmpty() ? Long.MAX_VALUE : number(m.group(2));
    if (last < first) {
      return new Whole();
    }
    if (first >= size) {
      return new Unsatisfiable();
    }
    return new Part(first, Math.min(last, size - 1));
  }

  private static long number(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException tooLong) {
      return Long.MAX_VALUE;
    }
  }
}
