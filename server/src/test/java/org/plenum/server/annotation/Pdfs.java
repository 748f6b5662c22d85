package org.plenum.server.annotation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Real PDFs for the annotation tests, written with PDFBox: A4 pages of text lines in DejaVu Sans 12 pt (so
 * Vietnamese shows as in real agendas), from the top margin down, 18 pt apart; an empty line is a paragraph gap.
 */
final class Pdfs {
  static final float LEFT = 72;
  static final float TOP = 770;
  static final float LEADING = 18;

  static {
    if (System.getProperty("pdfbox.fontcache") == null) {
      System.setProperty("pdfbox.fontcache", Path.of("target").toAbsolutePath().toString());
    }
  }

  private Pdfs() {}

  /** A page of lines. */
  static List<String> page(String... lines) {
    return List.of(lines);
  }

  /** Concatenates paragraphs (each a list of lines) with a gap between them. */
  @SafeVarargs
  static List<String> page(List<String>... paragraphs) {
    List<String> lines = new ArrayList<>();
    for (List<String> p : paragraphs) {
      if (!lines.isEmpty()) {
        lines.add("");
      }
      lines.addAll(p);
    }
    return lines;
  }

  static Path write(Path file, List<List<String>> pages) {
    try (PDDocument doc = new PDDocument(); InputStream font = Pdfs.class.getResourceAsStream("/fonts/DejaVuSans.ttf")) {
      PDType0Font dejaVu = PDType0Font.load(doc, font, true);
      for (List<String> lines : pages) {
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
          cs.beginText();
          cs.setFont(dejaVu, 12);
          cs.newLineAtOffset(LEFT, TOP);
          for (String line : lines) {
            if (!line.isEmpty()) {
              cs.showText(line);
            }
            cs.newLineAtOffset(0, -LEADING);
          }
          cs.endText();
        }
      }
      doc.save(file.toFile());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The words of {@code phrase} on {@code page} of a text layer, as a client's text selection finds them. */
  static List<TextLayer.Word> select(TextLayer layer, int page, String phrase) {
    List<TextLayer.Word> words = layer.page(page).orElseThrow().words();
    String[] wanted = phrase.split(" ");
    for (int i = 0; i + wanted.length <= words.size(); i++) {
      boolean all = true;
      for (int j = 0; j < wanted.length && all; j++) {
        all = words.get(i + j).text().equals(wanted[j]);
      }
      if (all) {
        return words.subList(i, i + wanted.length);
      }
    }
    throw new AssertionError("'" + phrase + "' is not on page " + page);
  }

  /** A client's highlight quads for the words: one per line. */
  static List<Quad> quads(List<TextLayer.Word> words) {
    List<Quad> quads = new ArrayList<>();
    List<Point> line = new ArrayList<>();
    double baseline = Double.NaN;
    for (TextLayer.Word w : words) {
      if (!line.isEmpty() && Math.abs(w.box().y0() - baseline) > 3) {
        quads.add(Quad.of(Rect.around(line)));
        line.clear();
      }
      baseline = w.box().y0();
      line.addAll(w.box().corners());
    }
    quads.add(Quad.of(Rect.around(line)));
    return quads;
  }
}
