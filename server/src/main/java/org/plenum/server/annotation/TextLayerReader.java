package org.plenum.server.annotation;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * Reads the {@link TextLayer} of a PDF with PDFBox's {@link PDFTextStripper}: every word with its box in PDF user
 * space (from each glyph's text rendering matrix, so page rotation and crop boxes do not shift it). Blocking: run it
 * on a worker thread, like every PDFBox job.
 */
public final class TextLayerReader {
  private TextLayerReader() {}

  public static TextLayer read(Path pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      return read(doc);
    }
  }

  public static TextLayer read(PDDocument doc) throws IOException {
    WordStripper stripper = new WordStripper();
    stripper.setSortByPosition(true);
    stripper.writeText(doc, Writer.nullWriter());
    return new TextLayer(stripper.pages);
  }

  private static final class WordStripper extends PDFTextStripper {
    private final List<TextLayer.Page> pages = new ArrayList<>();
    private List<TextLayer.Word> words;

    @Override
    protected void startPage(PDPage page) throws IOException {
      words = new ArrayList<>();
      super.startPage(page);
    }

    @Override
    protected void endPage(PDPage page) throws IOException {
      PDRectangle crop = page.getCropBox();
      pages.add(new TextLayer.Page(getCurrentPageNo(), new Rect(crop.getLowerLeftX(), crop.getLowerLeftY(),
          crop.getUpperRightX(), crop.getUpperRightY()), words));
      super.endPage(page);
    }

    /** Called per word of a line (the stripper splits at gaps); split again at any space glyph inside. */
    @Override
    protected void writeString(String text, List<TextPosition> positions) {
      List<TextPosition> word = new ArrayList<>();
      for (TextPosition p : positions) {
        if (p.getUnicode().isBlank()) {
          flush(word);
        } else {
          word.add(p);
        }
      }
      flush(word);
    }

    private void flush(List<TextPosition> glyphs) {
      if (glyphs.isEmpty()) {
        return;
      }
      StringBuilder text = new StringBuilder();
      double x0 = Double.POSITIVE_INFINITY;
      double y0 = Double.POSITIVE_INFINITY;
      double x1 = Double.NEGATIVE_INFINITY;
      double y1 = Double.NEGATIVE_INFINITY;
      for (TextPosition g : glyphs) {
        text.append(g.getUnicode());
        double x = g.getTextMatrix().getTranslateX();
        double y = g.getTextMatrix().getTranslateY();
        double size = Math.max(g.getFontSizeInPt(), g.getHeightDir());
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x + g.getWidthDirAdj());
        y0 = Math.min(y0, y - 0.2 * size);
        y1 = Math.max(y1, y + Math.max(g.getHeightDir(), 0.7 * size));
      }
      words.add(new TextLayer.Word(text.toString(), new Rect(x0, y0, x1, y1)));
      glyphs.clear();
    }
  }
}
