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

  /**
   * Orders ids as their text orders (the order of canonical encodings): for fixed-width lower-case hex that is the
   * unsigned order of the bits, without making the text.
   */
  @Override
  public int compareTo(AnnotationId other) {
    int high = Long.compareUnsigned(value.getMostSignificantBits(), other.value.getMostSignificantBits());
    return high != 0 ? high
        : Long.compareUnsigned(value.getLeastSignificantBits(), other.value.getLeastSignificantBits());
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
