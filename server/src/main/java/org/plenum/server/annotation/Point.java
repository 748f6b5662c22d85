package org.plenum.server.annotation;

/** A point in PDF user space (points of 1/72 inch, y upwards, as the page's own coordinates). */
public record Point(double x, double y) {
  public Point translated(double dx, double dy) {
    return new Point(x + dx, y + dy);
  }
}
