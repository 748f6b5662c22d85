package org.plenum.server.annotation;

import java.util.Objects;

/**
 * One field's value and the stamp of the write that set it. Merging keeps {@linkplain #later the later} write (or,
 * for the author, {@linkplain #earlier the earlier}); two different values under one stamp — which correct devices
 * never make — are decided by their canonical encoding, so even then every replica keeps the same one.
 */
public record Register<T>(Stamp stamp, T value) {
  public Register {
    Objects.requireNonNull(stamp, "stamp");
    Objects.requireNonNull(value, "value");
  }

  /** The later of two writes (either may be null: not written yet). */
  public static <T> Register<T> later(Register<T> a, Register<T> b) {
    return pick(a, b, 1);
  }

  /** The earlier of two writes (either may be null). */
  public static <T> Register<T> earlier(Register<T> a, Register<T> b) {
    return pick(a, b, -1);
  }

  private static <T> Register<T> pick(Register<T> a, Register<T> b, int sign) {
    if (a == null) {
      return b;
    }
    if (b == null || a.equals(b)) {
      return a;
    }
    int order = a.stamp.compareTo(b.stamp);
    if (order == 0) {
      order = AnnotationJson.valueText(a.value).compareTo(AnnotationJson.valueText(b.value));
    }
    return order * sign >= 0 ? a : b;
  }
}
