package org.plenum.server.annotation;

import org.plenum.server.core.error.PlenumException;

/**
 * A hybrid logical clock reading: wall-clock milliseconds since the epoch, and a counter that orders readings within
 * one millisecond (Kulkarni et al., "Logical Physical Clocks", 2014). Ordered by milliseconds, then counter.
 */
public record Hlc(long millis, int counter) implements Comparable<Hlc> {
  /** The counter stays below this; a reading that needs more is refused rather than wrapped. */
  public static final int MAX_COUNTER = 0xFFFF;
  /** No reading can be earlier. */
  public static final Hlc ZERO = new Hlc(0, 0);

  public Hlc {
    if (millis < 0 || counter < 0 || counter > MAX_COUNTER) {
      throw PlenumException.badMessage("A clock reading needs milliseconds >= 0 and a counter of 0-" + MAX_COUNTER
          + " (got " + millis + ", " + counter + ").");
    }
  }

  @Override
  public int compareTo(Hlc other) {
    int byMillis = Long.compare(millis, other.millis);
    return byMillis != 0 ? byMillis : Integer.compare(counter, other.counter);
  }

  public boolean isAfter(Hlc other) {
    return compareTo(other) > 0;
  }

  @Override
  public String toString() {
    return millis + "." + counter;
  }
}
