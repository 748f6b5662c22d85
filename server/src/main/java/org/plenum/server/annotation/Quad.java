package org.plenum.server.annotation;

import java.util.List;

/**
 * One highlighted run of text (usually a line) as four corners in PDF user space, in the order PDF readers use for
 * {@code /QuadPoints}: upper left, upper right, lower left, lower right.
 */
public record Quad(Point upperLeft, Point upperRight, Point lowerLeft, Point lowerRight) {
  /** The quad of an upright rectangle. */
  public static Quad of(Rect r) {
    return new Quad(new Point(r.x0(), r.y1()), new Point(r.x1(), r.y1()), new Point(r.x0(), r.y0()),
        new Point(r.x1(), r.y0()));
  }

  public List<Point> corners() {
    return List.of(upperLeft, upperRight, lowerLeft, lowerRight);
  }

  public Quad translated(double dx, double dy) {
    return new Quad(upperLeft.translated(dx, dy), upperRight.translated(dx, dy), lowerLeft.translated(dx, dy),
        lowerRight.translated(dx, dy));
  }
}
