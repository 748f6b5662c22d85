package org.plenum.server.annotation;

import java.util.UUID;
import org.plenum.server.core.error.PlenumException;

/** An annotation's id, made by the client that creates it (so it can work offline); a random UUID. */
public record AnnotationId(UUID value) implements Comparable<AnnotationId> {
  public AnnotationId {
    if (value == null) {
      throw PlenumException.badMessage("An annotation id is missing.");
    }
  }

  public static AnnotationId random() {
    return new AnnotationId(UUID.randomUUID());
  }

  public static AnnotationId parse(String text) {
    try {
      return new AnnotationId(UUID.fromString(text));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw PlenumException.badMessage("'" + text + "' is not an annotation id (expected a UUID).");
    }
  }

  /** Orders ids by their text, the order of canonical encodings. */
  @Override
  public int compareTo(AnnotationId other) {
    return toString().compareTo(other.toString());
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
