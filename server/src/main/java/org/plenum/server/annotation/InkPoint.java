package org.plenum.server.annotation;

/** One sample of a pen stroke in PDF user space, with the pen's pressure from 0 to 1. */
public record InkPoint(double x, double y, double pressure) {
  public Point point() {
    return new Point(x, y);
  }

  public InkPoint translated(double dx, double dy) {
    return new InkPoint(x + dx, y + dy, pressure);
  }
}
