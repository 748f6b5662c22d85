package org.plenum.server.minutes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * A small flowing-text writer on A4 pages with the margins of Decree 30/2020 (top and bottom 20 mm, left 30 mm,
 * right 20 mm): wrapped lines, left or centred, in one of three embedded fonts, a new page when the page is full.
 */
final class PdfLayout {
  static final float LEFT = 85f;
  static final float RIGHT = 57f;
  static final float TOP = 57f;
  static final float BOTTOM = 72f;
  static final PDRectangle SIZE = PDRectangle.A4;

  enum Align { LEFT, CENTER, RIGHT }

  record Style(PDType0Font font, float size, boolean underline) {
    Style(PDType0Font font, float size) {
      this(font, size, false);
    }
  }

  private final PDDocument doc;
  private PDPageContentStream cs;
  private float y;

  PdfLayout(PDDocument doc) {
    this.doc = doc;
    newPage();
  }

  float width() {
    return SIZE.getWidth() - LEFT - RIGHT;
  }

  float y() {
    return y;
  }

  void newPage() {
    try {
      if (cs != null) {
        cs.close();
      }
      PDPage page = new PDPage(SIZE);
      doc.addPage(page);
      cs = new PDPageContentStream(doc, page);
      y = SIZE.getHeight() - TOP;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void gap(float points) {
    y -= points;
  }

  void ensure(float points) {
    if (y - points < BOTTOM) {
      newPage();
    }
  }

  /** Wrapped text across the full width, {@code indent} points in from the left margin. */
  void para(String text, Style style, Align align, float indent) {
    block(text, style, align, LEFT + indent, width() - indent);
  }

  /** Wrapped text in the column starting at {@code x} of width {@code w}; moves down; new pages as needed. */
  void block(String text, Style style, Align align, float x, float w) {
    for (String line : wrap(text, style, w)) {
      ensure(style.size() * 1.35f);
      y -= style.size() * 1.35f;
      draw(line, style, align, x, w, y);
    }
  }

  /** Two columns side by side (the administrative header, the signatures); the cursor ends below the taller one. */
  void columns(List<Object[]> left, float xLeft, float wLeft, List<Object[]> right, float xRight, float wRight) {
    float top = y;
    for (Object[] l : left) {
      block((String) l[0], (Style) l[1], Align.CENTER, xLeft, wLeft);
    }
    float leftEnd = y;
    y = top;
    for (Object[] r : right) {
      block((String) r[0], (Style) r[1], Align.CENTER, xRight, wRight);
    }
    y = Math.min(leftEnd, y);
  }

  void draw(String line, Style style, Align align, float x, float w, float atY) {
    try {
      float tw = style.font().getStringWidth(line) / 1000f * style.size();
      float tx = switch (align) {
        case LEFT -> x;
        case CENTER -> x + (w - tw) / 2f;
        case RIGHT -> x + w - tw;
      };
      cs.beginText();
      cs.setFont(style.font(), style.size());
      cs.newLineAtOffset(tx, atY);
      cs.showText(line);
      cs.endText();
      if (style.underline() && !line.isEmpty()) {
        cs.setLineWidth(0.6f);
        cs.moveTo(tx, atY - 2.5f);
        cs.lineTo(tx + tw, atY - 2.5f);
        cs.stroke();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A horizontal rule of {@code length} centred on the column at {@code x}, {@code w}. */
  void rule(float x, float w, float length) {
    try {
      float x0 = x + (w - length) / 2f;
      cs.setLineWidth(0.6f);
      cs.moveTo(x0, y - 3f);
      cs.lineTo(x0 + length, y - 3f);
      cs.stroke();
      y -= 6f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void finish() {
    try {
      cs.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Lines of at most {@code w} points: words moved whole to the next line, a word longer than a line cut. */
  static List<String> wrap(String text, Style style, float w) {
    List<String> out = new ArrayList<>();
    for (String para : printable(style.font(), text).split("\n", -1)) {
      StringBuilder line = new StringBuilder();
      for (String word : para.split(" ")) {
        String candidate = line.length() == 0 ? word : line + " " + word;
        if (width(style, candidate) <= w) {
          line.setLength(0);
          line.append(candidate);
          continue;
        }
        if (line.length() > 0) {
          out.add(line.toString());
          line.setLength(0);
        }
        String rest = word;
        while (width(style, rest) > w && rest.length() > 1) {
          int n = rest.length() - 1;
          while (n > 1 && width(style, rest.substring(0, n)) > w) {
            n--;
          }
          out.add(rest.substring(0, n));
          rest = rest.substring(n);
        }
        line.append(rest);
      }
      out.add(line.toString());
    }
    return out;
  }

  static float width(Style style, String s) {
    try {
      return style.font().getStringWidth(s) / 1000f * style.size();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text with characters the font cannot show replaced by '?', so a stray symbol never fails the minutes. */
  static String printable(PDType0Font font, String text) {
    StringBuilder sb = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> {
      if (cp == '\n') {
        sb.append('\n');
        return;
      }
      if (cp == '\t') {
        sb.append(' ');
        return;
      }
      String ch = new String(Character.toChars(cp));
      try {
        font.encode(ch);
        sb.append(ch);
      } catch (IOException | IllegalArgumentException e) {
        sb.append('?');
      }
    });
    return sb.toString();
  }
}
