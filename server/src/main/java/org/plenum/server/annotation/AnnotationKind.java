package org.plenum.server.annotation;

/** What an annotation is (bút, tô sáng, ghi chú dán, hình): each kind has its {@link Shape}. */
public enum AnnotationKind {
  INK, HIGHLIGHT, NOTE, RECTANGLE, ELLIPSE, ARROW
}
