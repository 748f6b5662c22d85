package org.plenum.server.annotation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Where an annotation lies on its page and what it looks like there, per kind, in PDF user space. */
public sealed interface Shape permits Shape.Ink, Shape.Highlight, Shape.Note, Shape.Framed, Shape.Arrow {

  AnnotationKind kind();

  /** Every point that has to lie on the page (samples, corners, ends). */
  List<Point> points();

  /** The same shape moved by (dx, dy). */
  Shape translated(double dx, double dy);

  default Rect bounds() {
    return Rect.around(points());
  }

  /** A pen stroke (bút): samples in drawing order, with pressure. */
  record Ink(List<InkPoint> samples) implements Shape {
    public Ink {
      samples = List.copyOf(samples);
    }

    public AnnotationKind kind() {
      return AnnotationKind.INK;
    }

    public List<Point> points() {
      return samples.stream().map(InkPoint::point).toList();
    }

    public Ink translated(double dx, double dy) {
      return new Ink(samples.stream().map(p -> p.translated(dx, dy)).toList());
    }
  }

  /** Highlighted text (tô sáng): quads from the PDF text layer, one per line, and the text they cover. */
  record Highlight(List<Quad> quads, String quote) implements Shape {
    public Highlight {
      quads = List.copyOf(quads);
      Objects.requireNonNull(quote, "quote");
    }

    public AnnotationKind kind() {
      return AnnotationKind.HIGHLIGHT;
    }

    public List<Point> points() {
      List<Point> out = new ArrayList<>(quads.size() * 4);
      quads.forEach(q -> out.addAll(q.corners()));
      return out;
    }

    public Highlight translated(double dx, double dy) {
      return new Highlight(quads.stream().map(q -> q.translated(dx, dy)).toList(), quote);
    }
  }

  /** A sticky note (ghi chú dán) pinned at a point; its text is kept apart (it merges differently). */
  record Note(Point at) implements Shape {
    public Note {
      Objects.requireNonNull(at, "at");
    }

    public AnnotationKind kind() {
      return AnnotationKind.NOTE;
    }

    public List<Point> points() {
      return List.of(at);
    }

    public Note translated(double dx, double dy) {
      return new Note(at.translated(dx, dy));
    }
  }

  /** A shape drawn in a rectangle: its corners must lie on the page. */
  sealed interface Framed extends Shape permits Rectangle, Ellipse {
    Rect rect();

    default List<Point> points() {
      return rect().corners();
    }
  }

  record Rectangle(Rect rect) implements Framed {
    public Rectangle {
      Objects.requireNonNull(rect, "rect");
    }

    public AnnotationKind kind() {
      return AnnotationKind.RECTANGLE;
    }

    public Rectangle translated(double dx, double dy) {
      return new Rectangle(rect.translated(dx, dy));
    }
  }

  /** An ellipse inside {@code rect}. */
  record Ellipse(Rect rect) implements Framed {
    public Ellipse {
      Objects.requireNonNull(rect, "rect");
    }

    public AnnotationKind kind() {
      return AnnotationKind.ELLIPSE;
    }

    public Ellipse translated(double dx, double dy) {
      return new Ellipse(rect.translated(dx, dy));
    }
  }

  /** An arrow from {@code from}, its head at {@code to}. */
  record Arrow(Point from, Point to) implements Shape {
    public Arrow {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
    }

    public AnnotationKind kind() {
      return AnnotationKind.ARROW;
    }

    public List<Point> points() {
      return List.of(from, to);
    }

    public Arrow translated(double dx, double dy) {
      return new Arrow(from.translated(dx, dy), to.translated(dx, dy));
    }
  }
}
