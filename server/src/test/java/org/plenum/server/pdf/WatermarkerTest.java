package org.plenum.server.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plenum.server.pdf.PdfInspectorTest.timed;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenum.server.pdf.PdfInspector.Inspection;
import org.plenum.server.pdf.PdfInspector.PageInfo;
import org.plenum.server.testing.PdfCorpus;

public class WatermarkerTest {

  static {
    if (System.getProperty("pdfbox.fontcache") == null) {
      System.setProperty("pdfbox.fontcache", Path.of("target").toAbsolutePath().toString());
    }
  }

  static final String READER = PdfCorpus.READER; // "Nguyễn Văn An"
  static final String SECOND_LINE = "B\u1ea3n sao c\u00e1 nh\u00e2n \u00b7 12/03/2027";

  @TempDir static Path dir;
  static Path valid;
  static Path stamped;

  @BeforeAll
  static void stampOnce() throws IOException {
    valid = PdfCorpus.validPdf(dir, 4, PdfCorpus.VIETNAMESE);
    stamped = dir.resolve("stamped.pdf");
    Watermarker.stamp(valid, stamped, List.of(READER, SECOND_LINE));
  }

  @Test
  @DisplayName("WM1: the stamped copy passes qpdf --check")
  void qpdfCheck() throws Exception {
    assertQpdfClean(stamped);
  }

  @Test
  @DisplayName("WM2: PDFBox finds the reader's name \"Nguyễn Văn An\" and the second line on every page of the "
      + "stamped copy, and so does poppler's pdftotext")
  void textContainsReader() throws Exception {
    try (PDDocument doc = Loader.loadPDF(stamped.toFile())) {
      PDFTextStripper stripper = new PDFTextStripper();
      for (int page = 1; page <= 4; page++) {
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        assertThat(stripper.getText(doc)).as("page " + page).contains(READER + " \u00b7 " + SECOND_LINE);
      }
    }
    String poppler = run(List.of("pdftotext", "-enc", "UTF-8", stamped.toString(), "-"));
    assertThat(poppler.split("\f")).hasSizeGreaterThanOrEqualTo(4)
        .allSatisfy(page -> assertThat(page).contains(READER));
  }

  @Test
  @DisplayName("WM3: the stamped copy is still accepted by PdfInspector with the same pages, sizes and original "
      + "text, and the mark on every page (rotated page included)")
  void stampedIsAccepted() throws Exception {
    Inspection before = PdfInspector.inspect(valid, PdfInspectorTest.LIMITS);
    Inspection after = PdfInspector.inspect(stamped, PdfInspectorTest.LIMITS);

    assertThat(after.pageCount()).isEqualTo(4);
    for (int i = 0; i < 4; i++) {
      PageInfo b = before.pages().get(i);
      PageInfo a = after.pages().get(i);
      assertThat(a.widthPt()).isEqualTo(b.widthPt());
      assertThat(a.heightPt()).isEqualTo(b.heightPt());
      assertThat(a.text()).startsWith(b.text()).contains(READER + " \u00b7 " + SECOND_LINE);
    }
  }

  @Test
  @DisplayName("WM4: the font is embedded as a subset (a few kB, not DejaVu Sans' 750 kB) and the marks use a "
      + "transparent graphics state")
  void subsetAndTransparency() throws Exception {
    assertThat(Files.size(stamped) - Files.size(valid)).isLessThan(60_000);
    String qdf = run(List.of("qpdf", "--qdf", "--object-streams=disable", stamped.toString(), "-"));
    assertThat(qdf).contains("/FontFile2").containsPattern("/BaseFont /[A-Z]{6}\\+DejaVuSans")
        .contains("/ca 0.22").contains("/Artifact BMC");
  }

  @Test
  @DisplayName("WM5: a signed PDF is stamped as a normal full save (its signature no longer covers the copy, as "
      + "expected for a personal copy)")
  void signedPdf() throws Exception {
    Path out = dir.resolve("signed-stamped.pdf");
    Watermarker.stamp(PdfCorpus.signedPdf(dir), out, List.of(READER));

    assertQpdfClean(out);
    String bytes = new String(Files.readAllBytes(out), StandardCharsets.ISO_8859_1);
    assertThat(bytes.split("%%EOF", -1)).as("one revision: a full save").hasSize(2);
    assertThat(PdfInspector.inspect(out, PdfInspectorTest.LIMITS).pages())
        .allSatisfy(p -> assertThat(p.text()).contains(READER));
  }

  @Test
  @DisplayName("WM6: a 20 MB PDF is stamped within the time budget and passes qpdf --check")
  void bigPdf() throws Exception {
    Path big = PdfCorpus.bigPdf(dir, 20L << 20);
    Path out = dir.resolve("big-stamped.pdf");

    timed(() -> {
      Watermarker.stamp(big, out, List.of(READER, SECOND_LINE));
      return null;
    });

    assertQpdfClean(out);
    assertThat(PdfInspector.inspect(out, PdfInspectorTest.LIMITS).pageCount()).isEqualTo(21);
  }

  @Test
  @DisplayName("WM7: characters DejaVu Sans lacks become '?', tabs and line breaks become spaces, nothing throws")
  void missingGlyphs() throws Exception {
    Path out = dir.resolve("glyphs.pdf");
    Watermarker.stamp(valid, out, List.of(READER + "\t\u738b\ud83d\ude42\nx"));

    assertQpdfClean(out);
    assertThat(PdfInspector.inspect(out, PdfInspectorTest.LIMITS).pages().get(0).text())
        .contains(READER + " ?? x");
  }

  @Test
  @DisplayName("WM8: blank lines or writing over the input are refused with IllegalArgumentException")
  void badArguments() {
    assertThatThrownBy(() -> Watermarker.stamp(valid, dir.resolve("x.pdf"), List.of(" ", "")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Watermarker.stamp(valid, valid, List.of(READER)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(dir.resolve("x.pdf")).doesNotExist();
    assertThat(dir.resolve("x.pdf.part")).doesNotExist();
  }

  // -------------------------------------------------------------------------------------------------------------

  @Test
  @DisplayName("TH1: a thumbnail is a PNG of exactly the requested width, A4 proportions, white paper with "
      + "something drawn on it")
  void thumbnail() throws Exception {
    byte[] png = Thumbnailer.png(stamped, 1, 200);

    assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth()).isEqualTo(200);
    assertThat(image.getHeight()).isEqualTo(283); // 200 × 841.89 / 595.28
    assertThat(image.getRGB(1, 1) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    assertThat(darkPixels(image)).isGreaterThan(50);
  }

  @Test
  @DisplayName("TH2: the thumbnail of a page with /Rotate 90 is landscape, like the page as displayed")
  void rotatedThumbnail() throws Exception {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(Thumbnailer.png(valid, 3, 300)));

    assertThat(image.getWidth()).isEqualTo(300);
    assertThat(image.getHeight()).isEqualTo(212);
  }

  @Test
  @DisplayName("TH3: widths 16 and 1024 work; a page number or width out of range is an IllegalArgumentException "
      + "with a clear message")
  void thumbnailArguments() throws Exception {
    assertThat(ImageIO.read(new ByteArrayInputStream(Thumbnailer.png(valid, 4, 16))).getWidth()).isEqualTo(16);
    assertThat(ImageIO.read(new ByteArrayInputStream(Thumbnailer.png(valid, 2, 1024))).getWidth()).isEqualTo(1024);
    assertThatThrownBy(() -> Thumbnailer.png(valid, 5, 200)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Page 5 does not exist: the PDF has 4 pages");
    assertThatThrownBy(() -> Thumbnailer.png(valid, 0, 200)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Page numbers start at 1, not 0");
    assertThatThrownBy(() -> Thumbnailer.png(valid, 1, 15)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("16..1024");
    assertThatThrownBy(() -> Thumbnailer.png(valid, 1, 1025)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("TH4: a file that is not a PDF, or is cut off, gives PdfRejected for a thumbnail too")
  void thumbnailOfBadFile() throws Exception {
    assertThatThrownBy(() -> Thumbnailer.png(PdfCorpus.notPdf(dir), 1, 200)).isInstanceOf(PdfRejected.class);
    assertThatThrownBy(() -> Thumbnailer.png(PdfCorpus.truncated(valid, 0.5), 1, 200))
        .isInstanceOf(PdfRejected.class);
  }

  @Test
  @DisplayName("TH5: a page of the 20 MB PDF (a 600 × 560 random-pixel image) renders within the time budget")
  void bigThumbnail() throws Exception {
    Path big = PdfCorpus.bigPdf(Files.createTempDirectory(dir, "big"), 20L << 20);

    byte[] png = timed(() -> Thumbnailer.png(big, 21, 512));

    assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth()).isEqualTo(512);
  }

  // -------------------------------------------------------------------------------------------------------------

  public static void assertQpdfClean(Path file) throws Exception {
    List<String> command = List.of("qpdf", "--check", file.toString());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("qpdf --check %s:%n%s", file.getFileName(), output).isZero();
    assertThat(output).contains("No syntax or stream encoding errors found");
  }

  public static String run(List<String> command) throws Exception {
    Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(false).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
    return output;
  }

  static int darkPixels(BufferedImage image) {
    int dark = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        if (((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF) < 3 * 160) {
          dark++;
        }
      }
    }
    return dark;
  }
}
