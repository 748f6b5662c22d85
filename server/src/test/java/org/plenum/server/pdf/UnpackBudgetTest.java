package org.plenum.server.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The memory budget behind PD10, PD12 and PD21: what a stream may unpack to, and what ends the unpacking. */
class UnpackBudgetTest {

  static final COSDictionary NO_PARAMETERS = new COSDictionary();

  static byte[] deflate(byte[] data) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream z = new DeflaterOutputStream(out, new Deflater(Deflater.BEST_COMPRESSION))) {
      z.write(data);
    }
    return out.toByteArray();
  }

  static void unpack(byte[] data, List<COSName> filters, long cap, java.io.OutputStream sink) throws PdfRejected {
    UnpackBudget.unpack(() -> new ByteArrayInputStream(data), filters, NO_PARAMETERS, cap, sink, "object 7");
  }

  @Test
  @DisplayName("an image's cap follows its declared raster (plus a margin) between 64 MB and 256 MB")
  void imageCaps() {
    assertThat(UnpackBudget.imageCap(100, 100, 3, 8)).isEqualTo(PdfInspector.MAX_DECODED_STREAM_BYTES);
    long a4At600DpiRgb = UnpackBudget.imageCap(4961, 7016, 3, 8);
    long raster = (4961L * 3 + 1) * 7016;
    assertThat(a4At600DpiRgb).isEqualTo(raster + raster / 16 + (1 << 16));
    assertThat(UnpackBudget.imageCap(100_000, 100_000, 4, 16)).isEqualTo(PdfInspector.MAX_DECODED_IMAGE_BYTES);
  }

  @Test
  @DisplayName("filters after the first image codec are not unpacked: an image decodes to a raster, not to bytes")
  void imageCodecsEndTheChain() {
    assertThat(UnpackBudget.beforeImageCodec(List.of(COSName.FLATE_DECODE, COSName.DCT_DECODE, COSName.FLATE_DECODE)))
        .containsExactly(COSName.FLATE_DECODE);
    assertThat(UnpackBudget.beforeImageCodec(List.of(COSName.JPX_DECODE))).isEmpty();
    assertThat(UnpackBudget.beforeImageCodec(List.of(COSName.ASCII_HEX_DECODE, COSName.FLATE_DECODE)))
        .containsExactly(COSName.ASCII_HEX_DECODE, COSName.FLATE_DECODE);
  }

  @Test
  @DisplayName("PD10: data that unpacks to exactly the cap passes; one byte more is refused, naming the object and "
      + "the cap in MB, through a chain of two filters too")
  void cap() throws Exception {
    long cap = 1L << 20;
    byte[] atCap = deflate(new byte[(int) cap]);
    assertThatCode(() -> unpack(atCap, List.of(COSName.FLATE_DECODE), cap, null)).doesNotThrowAnyException();

    byte[] over = deflate(new byte[(int) cap + 1]);
    assertThatThrownBy(() -> unpack(over, List.of(COSName.FLATE_DECODE), cap, null))
        .isInstanceOf(PdfRejected.class)
        .hasMessageStartingWith("The PDF contains a compressed part (object 7) that unpacks to more than 1 MB;");

    byte[] hex = (toHex(over) + ">").getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> unpack(hex, List.of(COSName.ASCII_HEX_DECODE, COSName.FLATE_DECODE), cap, null))
        .hasMessageStartingWith("The PDF contains a compressed part (object 7)");
  }

  @Test
  @DisplayName("without filters the stored bytes go to the sink as they are; the sink may refuse them (PD12)")
  void sinkSeesTheData() throws Exception {
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    unpack("0 0 m".getBytes(StandardCharsets.US_ASCII), List.of(), 1 << 20, copy);
    assertThat(copy.toString(StandardCharsets.US_ASCII)).isEqualTo("0 0 m");

    byte[] flood = deflate("1 ".repeat(OperandCounter.MAX_OPERANDS + 1).getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> unpack(flood, List.of(COSName.FLATE_DECODE), 1 << 20, new OperandCounter()))
        .hasMessageStartingWith("The PDF contains drawing instructions (object 7) with more than 50000 values");
  }

  @Test
  @DisplayName("corrupt data and unknown filters are left to PDFBox: no rejection here")
  void corruptDataIsLeftToPdfBox() {
    byte[] garbage = "not zlib at all".getBytes(StandardCharsets.US_ASCII);
    assertThatCode(() -> unpack(garbage, List.of(COSName.FLATE_DECODE), 1 << 20, null)).doesNotThrowAnyException();
    assertThatCode(() -> unpack(garbage, List.of(COSName.getPDFName("NoSuchDecode")), 1 << 20, null))
        .doesNotThrowAnyException();
  }

  @Test
  @DisplayName("PD18: once the thread is interrupted, unpacking ends with 'took too long' and the interrupt stays set")
  void interrupted() throws Exception {
    byte[] big = deflate(new byte[1 << 20]);
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> unpack(big, List.of(COSName.FLATE_DECODE), 2 << 20, null))
          .hasMessageStartingWith("The PDF took too long to check");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  private static String toHex(byte[] bytes) {
    StringBuilder sb = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      sb.append(String.format("%02x", b & 0xFF));
    }
    return sb.toString();
  }
}
