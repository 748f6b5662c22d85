package org.plenum.server.pdf;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;
import org.apache.pdfbox.util.Matrix;

/**
 * Stamps a personal, leak-tracing watermark on every page of a PDF: the given lines (for example the reader's name
 * and the date) drawn large and diagonally across the page in light, semi-transparent grey, plus the same lines
 * joined into one small horizontal line at the bottom margin (which also makes them reliably extractable as text).
 *
 * <p>The marks are appended content streams (the page's own content is wrapped in q/Q first, so a page that leaves
 * its graphics state changed cannot distort the mark), marked as an /Artifact for assistive technology, in DejaVu
 * Sans embedded as a subset (Vietnamese and other Latin, Greek and Cyrillic text works). Pages with /Rotate and crop
 * boxes are handled: the mark follows the page as displayed. Characters the font lacks become '?'.
 *
 * <p>Signed PDFs: stamping changes the content, so the copy's signatures no longer verify. That is expected for a
 * personal copy; the result is a normal full save. Pure and blocking: run it on a worker thread. Meant for PDFs
 * {@link PdfInspector} has accepted (an encrypted PDF is refused with an {@link IOException}).
 */
public final class Watermarker {

  /** Main memory for PDFBox's stream cache per document, before it spills to temporary files. */
  static final long MAIN_MEMORY_BYTES = 32L << 20;

  private static final float DIAGONAL_GREY = 0.55f;
  private static final float DIAGONAL_ALPHA = 0.22f;
  private static final float FOOTER_GREY = 0.35f;
  private static final float FOOTER_ALPHA = 0.75f;
  private static final float FOOTER_SIZE = 7f;
  private static final String FOOTER_SEPARATOR = " \u00b7 ";

  private Watermarker() {}

  /**
   * @param in an accepted PDF
   * @param out where to write the stamped copy (replaced atomically when the file system allows; not {@code in})
   * @param lines at least one non-blank line, e.g. {@code ["Nguyễn Văn An", "Bản sao cá nhân · 12/03/2027"]}
   */
  public static void stamp(Path in, Path out, List<String> lines) throws IOException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(lines, "lines");
    if (in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
      throw new IllegalArgumentException("Watermarker writes a new file: out must differ from in (" + in + ")");
    }
    Path partial = out.resolveSibling(out.getFileName() + ".part");
    try (RandomAccessReadBufferedFile source = new RandomAccessReadBufferedFile(in);
        PDDocument doc = PdfInspector.load(source, MAIN_MEMORY_BYTES)) {
      if (doc.isEncrypted()) {
        throw new IOException("Encrypted PDFs are not stamped (PdfInspector refuses them): " + in);
      }
      PDType0Font font = PDType0Font.load(doc, new RandomAccessReadBuffer(FontHolder.BYTES), true, false);
      List<String> clean = new ArrayList<>();
      for (String line : lines) {
        String s = printable(font, line);
        if (!s.isBlank()) {
          clean.add(s.strip());
        }
      }
      if (clean.isEmpty()) {
        throw new IllegalArgumentException("Watermarker needs at least one non-blank line: " + lines);
      }
      String footer = String.join(FOOTER_SEPARATOR, clean);
      PDExtendedGraphicsState diagonal = alpha(DIAGONAL_ALPHA);
      PDExtendedGraphicsState bottom = alpha(FOOTER_ALPHA);
      for (PDPage page : doc.getPages()) {
        stampPage(doc, page, font, clean, footer, diagonal, bottom);
      }
      try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
        doc.save(os);
      }
      try {
        Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  private static void stampPage(PDDocument doc, PDPage page, PDType0Font font, List<String> lines, String footer,
      PDExtendedGraphicsState diagonalState, PDExtendedGraphicsState footerState) throws IOException {
    PDRectangle box = page.getCropBox();
    int rotation = PageGeometry.rotation(page);
    float bw = box.getWidth();
    float bh = box.getHeight();
    float vw = rotation % 180 == 0 ? bw : bh; // the page as displayed
    float vh = rotation % 180 == 0 ? bh : bw;
    if (!(vw > 1 && vh > 1)) {
      return;
    }
    // Maps the displayed page (origin bottom-left) to the crop box's user space.
    Matrix displayToBox = switch (rotation) {
      case 90 -> new Matrix(0, 1, -1, 0, bw, 0);
      case 180 -> new Matrix(-1, 0, 0, -1, bw, bh);
      case 270 -> new Matrix(0, -1, 1, 0, 0, bh);
      default -> new Matrix();
    };
    try (PDPageContentStream cs = new PDPageContentStream(doc, page, AppendMode.APPEND, true, true)) {
      cs.beginMarkedContent(COSName.getPDFName("Artifact"));
      cs.saveGraphicsState();
      cs.transform(Matrix.getTranslateInstance(box.getLowerLeftX(), box.getLowerLeftY()));
      cs.transform(displayToBox);

      // Diagonal lines, centred on the page, along the bottom-left to top-right diagonal.
      float diagonal = (float) Math.hypot(vw, vh);
      float widest = 1;
      for (String line : lines) {
        widest = Math.max(widest, font.getStringWidth(line));
      }
      int n = lines.size();
      float size = 0.72f * diagonal * 1000f / widest;
      size = Math.min(size, 0.45f * Math.min(vw, vh) / (n * 1.25f));
      size = Math.max(4f, Math.min(96f, size));
      float leading = size * 1.25f;
      double angle = Math.atan2(vh, vw);
      cs.saveGraphicsState();
      cs.setGraphicsStateParameters(diagonalState);
      cs.setNonStrokingColor(DIAGONAL_GREY);
      cs.beginText();
      cs.setFont(font, size);
      for (int i = 0; i < n; i++) {
        String line = lines.get(i);
        float width = font.getStringWidth(line) / 1000f * size;
        float offset = ((n - 1) / 2f - i) * leading - size * 0.35f;
        Matrix m = Matrix.getRotateInstance(angle, vw / 2, vh / 2);
        m.translate(-width / 2, offset);
        cs.setTextMatrix(m);
        cs.showText(line);
      }
      cs.endText();
      cs.restoreGraphicsState();

      // One small horizontal line at the bottom margin.
      float footerUnits = Math.max(1, font.getStringWidth(footer));
      float footerSize = Math.max(3f, Math.min(FOOTER_SIZE, 0.92f * vw * 1000f / footerUnits));
      float footerWidth = footerUnits / 1000f * footerSize;
      float baseline = Math.max(3f, Math.min(12f, vh * 0.015f));
      cs.setGraphicsStateParameters(footerState);
      cs.setNonStrokingColor(FOOTER_GREY);
      cs.beginText();
      cs.setFont(font, footerSize);
      cs.newLineAtOffset(Math.max(0, (vw - footerWidth) / 2), baseline);
      cs.showText(footer);
      cs.endText();

      cs.restoreGraphicsState();
      cs.endMarkedContent();
    }
  }

  private static PDExtendedGraphicsState alpha(float alpha) {
    PDExtendedGraphicsState gs = new PDExtendedGraphicsState();
    gs.setNonStrokingAlphaConstant(alpha);
    gs.setStrokingAlphaConstant(alpha);
    return gs;
  }

  /** NFC, control characters and line breaks as spaces, characters the font cannot show as '?'. */
  static String printable(PDType0Font font, String line) {
    String nfc = Normalizer.normalize(line == null ? "" : line, Normalizer.Form.NFC);
    StringBuilder sb = new StringBuilder(nfc.length());
    nfc.codePoints().forEach(cp -> {
      if (Character.isISOControl(cp) || Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        sb.append(' ');
        return;
      }
      String s = new String(Character.toChars(cp));
      try {
        font.encode(s);
        sb.append(s);
      } catch (IllegalArgumentException | IOException e) {
        sb.append('?');
      }
    });
    return sb.toString().replaceAll(" {2,}", " ");
  }

  /** DejaVu Sans from the classpath, read once. */
  static final class FontHolder {
    static final String RESOURCE = "fonts/DejaVuSans.ttf";
    static final byte[] BYTES = read();

    private static byte[] read() {
      try (InputStream in = Watermarker.class.getClassLoader().getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("Missing font on the classpath: " + RESOURCE);
        }
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + RESOURCE, e);
      }
    }
  }
}
