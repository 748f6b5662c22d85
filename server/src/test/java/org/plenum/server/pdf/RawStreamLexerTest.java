package org.plenum.server.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.cos.COSName;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.pdf.RawStreamLexer.RawStream;

/** The raw-file lexer behind PD21: which streams it finds before PDFBox parses anything, and what it reads of each. */
class RawStreamLexerTest {

  static List<RawStream> streams(String file) throws PdfRejected {
    List<RawStream> found = new ArrayList<>();
    RawStreamLexer.scan(ByteBuffer.wrap(file.getBytes(StandardCharsets.ISO_8859_1)), found::add);
    return found;
  }

  static String data(RawStream stream) throws IOException {
    return new String(stream.data().readAllBytes(), StandardCharsets.ISO_8859_1);
  }

  @Test
  @DisplayName("a stream after its dictionary: its data ends where a direct /Length says, named by its object number")
  void directLength() throws Exception {
    List<RawStream> found = streams("%PDF-1.7\n12 0 obj\n<< /Length 5 /Filter /FlateDecode >>\nstream\n"
        + "HELLO, not data\nendstream\nendobj\n%%EOF\n");

    assertThat(found).singleElement().satisfies(s -> {
      assertThat(data(s)).isEqualTo("HELLO");
      assertThat(s.where()).isEqualTo("object 12");
      assertThat(s.dictionary()).contains("/Length 5").endsWith(">>").doesNotContain("obj");
      assertThat(s.filters()).containsExactly(COSName.FLATE_DECODE);
    });
  }

  @Test
  @DisplayName("an indirect /Length, or one past the end of the file, gives way to 'endstream'; without one the data "
      + "runs to the end of the file (truncated input)")
  void lengthFallbacks() throws Exception {
    assertThat(data(streams("1 0 obj\n<< /Length 7 0 R >>\nstream\nabc\nendstream\nendobj\n").get(0)))
        .isEqualTo("abc\n");
    assertThat(data(streams("1 0 obj\n<< /Length 999999999 >>\nstream\nabc\nendstream\nendobj\n").get(0)))
        .isEqualTo("abc\n");
    assertThat(data(streams("1 0 obj\n<< /Length 99 >>\nstream\nabc").get(0))).isEqualTo("abc");
  }

  @Test
  @DisplayName("the data starts after 'stream' and CR LF, LF or a lone CR; 'stream' followed by anything else, at the "
      + "end of the file, or as part of 'endstream' is no stream")
  void endOfLineAfterKeyword() throws Exception {
    assertThat(data(streams("1 0 obj\n<< /Length 3 >>\nstream\r\nabc\r\nendstream").get(0))).isEqualTo("abc");
    assertThat(data(streams("1 0 obj\n<< /Length 3 >>\nstream\rabc\rendstream").get(0))).isEqualTo("abc");
    assertThat(streams("1 0 obj\n<< /Type /X >>\nstreamx\n")).isEmpty();
    assertThat(streams("1 0 obj\n<< /Type /X >>\nstream")).isEmpty();
    assertThat(streams("1 0 obj\n<< /Type /X >>\nendstream\nendobj\n")).isEmpty();
  }

  @Test
  @DisplayName("a 'stream' keyword that does not follow a dictionary (in a string, after an array) is skipped")
  void keywordOutsideADictionary() throws Exception {
    assertThat(streams("1 0 obj\n(a stream\nof words)\nendobj\n2 0 obj\n[1 2]\nstream\nabc\nendstream\n")).isEmpty();
  }

  @Test
  @DisplayName("nested dictionaries stay in the dictionary text; the stream is found after the outer '>>'")
  void nestedDictionaries() throws Exception {
    assertThat(streams("3 0 obj\n<< /DecodeParms << /Predictor 12 /Columns 5 >> /Filter /FlateDecode /Length 3 >>"
        + "\nstream\nabc\nendstream\nendobj\n")).singleElement().satisfies(s -> {
          assertThat(s.dictionary()).contains("/DecodeParms << /Predictor 12 /Columns 5 >>");
          assertThat(s.filters()).containsExactly(COSName.FLATE_DECODE);
          assertThat(data(s)).isEqualTo("abc");
        });
  }

  @Test
  @DisplayName("a filter array is read in order with #xx escapes in names; an indirect /Filter counts as FlateDecode "
      + "only when the data starts like zlib")
  void filters() throws Exception {
    assertThat(streams("1 0 obj\n<< /Filter [/Fl#61teDecode /ASCIIHexDecode] /Length 1 >>\nstream\nx\nendstream")
        .get(0).filters()).containsExactly(COSName.FLATE_DECODE, COSName.ASCII_HEX_DECODE);
    assertThat(streams("1 0 obj\n<< /Filter 9 0 R /Length 2 >>\nstream\n\u0078\u009c\nendstream").get(0).filters())
        .containsExactly(COSName.FLATE_DECODE);
    assertThat(streams("1 0 obj\n<< /Filter 9 0 R /Length 2 >>\nstream\nab\nendstream").get(0).filters()).isEmpty();
    assertThat(streams("1 0 obj\n<< /Length 2 >>\nstream\n\u0078\u009c\nendstream").get(0).filters()).isEmpty();
  }

  @Test
  @DisplayName("an image's declared /Width, /Height and /BitsPerComponent are read; absent ones are 0")
  void imageDimensions() throws Exception {
    RawStream image = streams("5 0 obj\n<< /Type /XObject /Subtype /Image /Width 640 /Height 480 "
        + "/BitsPerComponent 8 /Length 1 >>\nstream\nx\nendstream").get(0);
    assertThat(image.image()).isTrue();
    assertThat(List.of(image.width(), image.height(), image.bitsPerComponent())).containsExactly(640L, 480L, 8L);

    RawStream form = streams("6 0 obj\n<< /Subtype /Form /Length 1 >>\nstream\nx\nendstream").get(0);
    assertThat(form.image()).isFalse();
    assertThat(List.of(form.width(), form.height(), form.bitsPerComponent())).containsExactly(0L, 0L, 0L);
  }

  @Test
  @DisplayName("a stream with no 'N G obj' before it is named by the byte offset of its keyword")
  void noObjectNumber() throws Exception {
    String file = "%PDF-1.7\n<< /Length 3 >>\nstream\nabc\nendstream\n";

    assertThat(streams(file)).singleElement().extracting(RawStream::where)
        .isEqualTo("at byte " + file.indexOf("stream"));
  }

  @Test
  @DisplayName("what looks like a stream inside another stream's data is not visited; the next object's stream is")
  void nextStreamAfterTheData() throws Exception {
    String inner = "<< >>\nstream\ninner\n";
    List<RawStream> found = streams("1 0 obj\n<< /Length " + inner.length() + " >>\nstream\n" + inner
        + "endstream\nendobj\n2 0 obj\n<< /Length 2 >>\nstream\nok\nendstream\nendobj\n");

    assertThat(found).extracting(RawStream::where).containsExactly("object 1", "object 2");
    assertThat(data(found.get(0))).isEqualTo(inner);
    assertThat(data(found.get(1))).isEqualTo("ok");
  }

  @Test
  @DisplayName("#xx escapes in names are decoded; a '#' without two hex digits stays as it is")
  void nameEscapes() {
    assertThat(RawStreamLexer.unescapeName("Fl#61te#44ecode")).isEqualTo("FlateDecode");
    assertThat(RawStreamLexer.unescapeName("A#zz1")).isEqualTo("A#zz1");
    assertThat(RawStreamLexer.unescapeName("Plain")).isEqualTo("Plain");
  }
}
