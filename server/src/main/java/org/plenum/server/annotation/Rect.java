package org.plenum.server.annotation;

import java.util.Collection;
import java.util.List;

/** An upright rectangle in PDF user space; the constructor orders the corners so that x0 <= x1 and y0 <= y1. */
public record Rect(double x0, double y0, double x1, double y1) {
  public Rect {
    if (x0 > x1) {
      double t = x0;
      x0 = x1;
      x1 = t;
    }
    if (y0 > y1) {
      double t = y0;
      y0 = y1;
      y1 = t;
    }
  }

  /** The smallest rectangle around the points (at least one). */
  public static Rect around(Collection<Point> points) {
    double x0 = Double.POSITIVE_INFINITY;
    double y0 = Double.POSITIVE_INFINITY;
    double x1 = Double.NEGATIVE_INFINITY;
    double y1 = Double.NEGATIVE_INFINITY;
    for (Point p : points) {
      x0 = Math.min(x0, p.x());
      y0 = Math.min(y0, p.y());
      x1 = Math.max(x1, p.x());
      y1 = Math.max(y1, p.y());
    }
    if (points.isEmpty()) {
      throw new IllegalArgumentException("no points");
    }
    return new Rect(x0, y0, x1, y1);
  }

  public double width() {
    return x1 - x0;
  }

  public double height() {
    return y1 - y0;
  }

  public Point centre() {
    return new Point((x0 + x1) / 2, (y0 + y1) / 2);
  }

  public List<Point> corners() {
    return List.of(new Point(x0, y0), new Point(x1, y0), new Point(x0, y1), new Point(x1, y1));
  }

  public boolean contains(Point p) {
    return p.x() >= x0 && p.x() <= x1 && p.y() >= y0 && p.y() <= y1;
  }

  /** This rectangle grown by {@code margin} on every side. */
  public Rect grown(double margin) {
    return new Rect(x0 - margin, y0 - margin, x1 + margin, y1 + margin);
  }

  public Rect translated(double dx, double dy) {
    return new Rect(x0 + dx, y0 + dy, x1 + dx, y1 + dy);
  }

  /** The distance between the nearest points of the two rectangles; 0 when they overlap. */
  public double distanceTo(Rect other) {
    double dx = Math.max(0, Math.max(other.x0 - x1, x0 - other.x1));
    double dy = Math.max(0, Math.max(other.y0 - y1, y0 - other.y1));
    return Math.hypot(dx, dy);
  }
}
