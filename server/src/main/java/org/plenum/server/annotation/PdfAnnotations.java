package org.plenum.server.annotation;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.color.PDColor;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceRGB;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationCircle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationFreeText;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationHighlight;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationInk;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLine;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationMarkup;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationSquare;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationSquareCircle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationText;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDBorderStyleDictionary;

/**
 * Our annotations as standard PDF annotations (ISO 32000 §12.5.6) and back: Ink, Highlight (the quoted text in
 * /Contents, as Acrobat does), Text (sticky note, its icon's top left at the note's point), Square, Circle and Line
 * with an open arrow head. /NM is the annotation id, /T the author's name, /M and /CreationDate the stamps' times;
 * a highlighter pen is an Ink at 40 % opacity. Pen pressure has no place in PDF and is not written. Used by
 * {@link AnnotatedPdf} and {@link Xfdf}; blocking PDFBox code.
 */
final class PdfAnnotations {
  static final float HIGHLIGHTER_OPACITY = 0.4f;
  static final float NOTE_ICON = 20;
  /** Imported pen samples have no pressure: the middle. */
  static final double NO_PRESSURE = 0.5;

  /** An annotation read from a PDF or FDF dictionary, before it is one of ours. */
  record Imported(Optional<String> name, Shape shape, Style style, Optional<String> text) {}

  private PdfAnnotations() {}

  static PDAnnotationMarkup toPdf(Annotation a, String authorName) {
    Shape shape = a.shape();
    float width = (float) a.style().width();
    PDAnnotationMarkup m;
    Rect rect;
    if (shape instanceof Shape.Ink ink) {
      PDAnnotationInk pdf = new PDAnnotationInk();
      pdf.setInkList(new float[][] {floats(ink.points())});
      rect = ink.bounds().grown(width);
      m = pdf;
    } else if (shape instanceof Shape.Highlight h) {
      PDAnnotationHighlight pdf = new PDAnnotationHighlight();
      pdf.setQuadPoints(floats(h.points()));
      pdf.setContents(h.quote());
      rect = h.bounds();
      m = pdf;
    } else if (shape instanceof Shape.Note n) {
      PDAnnotationText pdf = new PDAnnotationText();
      pdf.setName(PDAnnotationText.NAME_COMMENT);
      pdf.setContents(a.text().orElse(""));
      rect = new Rect(n.at().x(), n.at().y() - NOTE_ICON, n.at().x() + NOTE_ICON, n.at().y());
      m = pdf;
    } else if (shape instanceof Shape.Arrow arrow) {
      PDAnnotationLine pdf = new PDAnnotationLine();
      pdf.setLine(floats(arrow.points()));
      pdf.setStartPointEndingStyle(PDAnnotationLine.LE_NONE);
      pdf.setEndPointEndingStyle(PDAnnotationLine.LE_OPEN_ARROW);
      rect = arrow.bounds().grown(4 * width + 6); // room for the head
      m = pdf;
    } else {
      boolean ellipse = shape instanceof Shape.Ellipse;
      PDAnnotationSquareCircle pdf = ellipse ? new PDAnnotationCircle() : new PDAnnotationSquare();
      rect = shape.bounds().grown(width / 2);
      pdf.setRectDifferences(width / 2);
      m = pdf;
    }
    m.setRectangle(new PDRectangle((float) rect.x0(), (float) rect.y0(), (float) rect.width(), (float) rect.height()));
    if (!(shape instanceof Shape.Note || shape instanceof Shape.Highlight)) {
      PDBorderStyleDictionary border = new PDBorderStyleDictionary();
      border.setWidth(width);
      m.setBorderStyle(border);
    }
    Rgb c = a.style().color();
    m.setColor(new PDColor(new float[] {c.red() / 255f, c.green() / 255f, c.blue() / 255f}, PDDeviceRGB.INSTANCE));
    if (a.style().tool() == Style.Tool.HIGHLIGHTER) {
      m.setConstantOpacity(HIGHLIGHTER_OPACITY);
    }
    m.setAnnotationName(a.id().toString());
    m.setTitlePopup(authorName);
    m.setCreationDate(calendar(a.created()));
    m.setModifiedDate(calendar(a.updated()));
    m.setPrinted(true);
    return m;
  }

  /** The annotations one dictionary holds (an Ink may hold several strokes); none for kinds we do not have. */
  static List<Imported> fromPdf(COSDictionary dict) throws IOException {
    PDAnnotation pdf = PDAnnotation.createAnnotation(dict);
    if (!(pdf instanceof PDAnnotationMarkup m)) {
      return List.of();
    }
    Optional<String> name = Optional.ofNullable(m.getAnnotationName());
    Rgb color = color(m.getColor());
    double width = m.getBorderStyle() != null ? m.getBorderStyle().getWidth() : 1;
    Style style = Style.pen(color, width > 0 ? width : 1);
    Rect rect = rect(m.getRectangle());
    List<Imported> out = new ArrayList<>();
    if (m instanceof PDAnnotationInk ink && ink.getInkList() != null) {
      Style pen = m.getConstantOpacity() < 1 ? new Style(color, style.width(), Style.Tool.HIGHLIGHTER) : style;
      for (float[] path : ink.getInkList()) {
        List<InkPoint> samples = new ArrayList<>();
        for (int i = 0; i + 1 < path.length; i += 2) {
          samples.add(new InkPoint(round(path[i]), round(path[i + 1]), NO_PRESSURE));
        }
        out.add(new Imported(out.isEmpty() ? name : name.map(n -> n + "#" + out.size()), new Shape.Ink(samples), pen,
            Optional.empty()));
      }
    } else if (m instanceof PDAnnotationHighlight h && h.getQuadPoints() != null) {
      float[] q = h.getQuadPoints();
      List<Quad> quads = new ArrayList<>();
      for (int i = 0; i + 7 < q.length; i += 8) {
        quads.add(new Quad(point(q, i), point(q, i + 2), point(q, i + 4), point(q, i + 6)));
      }
      String quote = h.getContents() == null ? "" : h.getContents();
      out.add(new Imported(name, new Shape.Highlight(quads, quote), Style.pen(color, 1), Optional.empty()));
    } else if (m instanceof PDAnnotationText || m instanceof PDAnnotationFreeText) {
      Optional<String> text = Optional.of(m.getContents() == null ? "" : m.getContents());
      out.add(new Imported(name, new Shape.Note(new Point(rect.x0(), rect.y1())), Style.pen(color, 1), text));
    } else if (m instanceof PDAnnotationLine line && line.getLine() != null && line.getLine().length == 4) {
      float[] l = line.getLine();
      out.add(new Imported(name, new Shape.Arrow(point(l, 0), point(l, 2)), style, Optional.empty()));
    } else if (m instanceof PDAnnotationSquareCircle sc) {
      float[] rd = sc.getRectDifferences();
      Rect inner = rd.length == 4 ? new Rect(rect.x0() + rd[0], rect.y0() + rd[1], rect.x1() - rd[2], rect.y1() - rd[3])
          : rect;
      inner = new Rect(round(inner.x0()), round(inner.y0()), round(inner.x1()), round(inner.y1()));
      out.add(new Imported(name, sc instanceof PDAnnotationCircle ? new Shape.Ellipse(inner)
          : new Shape.Rectangle(inner), style, Optional.empty()));
    }
    return out;
  }

  private static float[] floats(List<Point> points) {
    float[] out = new float[points.size() * 2];
    for (int i = 0; i < points.size(); i++) {
      out[2 * i] = (float) points.get(i).x();
      out[2 * i + 1] = (float) points.get(i).y();
    }
    return out;
  }

  private static Point point(float[] values, int at) {
    return new Point(round(values[at]), round(values[at + 1]));
  }

  private static Rect rect(PDRectangle r) {
    return r == null ? new Rect(0, 0, 0, 0)
        : new Rect(r.getLowerLeftX(), r.getLowerLeftY(), r.getUpperRightX(), r.getUpperRightY());
  }

  /** A PDF float as the decimal it was written from (PDF keeps 32-bit floats): at most 3 decimals. */
  static double round(double value) {
    return new BigDecimal(Float.toString((float) value)).setScale(3, RoundingMode.HALF_EVEN).doubleValue();
  }

  private static Rgb color(PDColor color) throws IOException {
    return color == null || color.getComponents().length == 0 ? new Rgb(0) : new Rgb(color.toRGB() & 0xFFFFFF);
  }

  private static Calendar calendar(Stamp stamp) {
    Calendar c = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
    c.setTimeInMillis(stamp.hlc().millis());
    return c;
  }
}
