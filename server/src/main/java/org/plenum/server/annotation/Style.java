package org.plenum.server.annotation;

import java.util.Objects;

/**
 * How an annotation is drawn: colour, line width in points and, for ink, the tool (a highlighter pen draws
 * translucent). Changes apart from the shape: recolouring while the annotation is moved elsewhere keeps both.
 */
public record Style(Rgb color, double width, Tool tool) {
  public enum Tool {
    PEN, HIGHLIGHTER
  }

  public Style {
    Objects.requireNonNull(color, "color");
    Objects.requireNonNull(tool, "tool");
  }

  public static Style pen(Rgb color, double width) {
    return new Style(color, width, Tool.PEN);
  }
}
