package org.plenum.server.annotation;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;

/**
 * A hybrid logical clock (Kulkarni et al., 2014): readings follow the wall clock, never go backwards, and come
 * after every reading this clock has {@linkplain #receive received}. One instance per device or server node.
 *
 * <p>A receiver bounds how far ahead of its own wall clock a remote reading may be ({@code maxAhead}); a reading
 * beyond it is refused with {@link ErrorCode#STALE_CLOCK} and does not move this clock, so one device with a wrong
 * clock cannot drag every replica into the future.
 */
public final class HlcClock {
  private final LongSupplier wallMillis;
  private final Duration maxAhead;
  private Hlc last = Hlc.ZERO;

  public HlcClock(LongSupplier wallMillis, Duration maxAhead) {
    if (maxAhead.isNegative()) {
      throw new IllegalArgumentException("maxAhead must not be negative: " + maxAhead);
    }
    this.wallMillis = wallMillis;
    this.maxAhead = maxAhead;
  }

  /** A clock on the system wall clock. */
  public static HlcClock system(Duration maxAhead) {
    return new HlcClock(System::currentTimeMillis, maxAhead);
  }

  /** A reading for a local change (or a message to send): after every earlier reading of this clock. */
  public synchronized Hlc now() {
    long wall = wallMillis.getAsLong();
    last = wall > last.millis() ? new Hlc(wall, 0) : next(last.millis(), last.counter());
    return last;
  }

  /**
   * Takes a remote reading into account: later readings of this clock come after it. Returns this clock's new
   * reading. Refuses (and ignores) a remote reading too far ahead of the wall clock.
   */
  public synchronized Hlc receive(Hlc remote) {
    long wall = wallMillis.getAsLong();
    requireNotAhead(remote, wall, maxAhead);
    long millis = Math.max(wall, Math.max(last.millis(), remote.millis()));
    int counter;
    if (millis == last.millis() && millis == remote.millis()) {
      counter = Math.max(last.counter(), remote.counter());
    } else if (millis == last.millis()) {
      counter = last.counter();
    } else if (millis == remote.millis()) {
      counter = remote.counter();
    } else {
      last = new Hlc(millis, 0);
      return last;
    }
    last = next(millis, counter);
    return last;
  }

  /** The last reading given out or received. */
  public synchronized Hlc last() {
    return last;
  }

  /** Refuses a reading more than {@code maxAhead} after {@code wallMillis}, with {@link ErrorCode#STALE_CLOCK}. */
  public static void requireNotAhead(Hlc remote, long wallMillis, Duration maxAhead) {
    long ahead = remote.millis() - wallMillis;
    if (ahead > maxAhead.toMillis()) {
      throw new PlenumException(ErrorCode.STALE_CLOCK, "The change's clock is " + ahead / 1000 + " s ahead of the "
          + "server's (at most " + maxAhead.toSeconds() + " s allowed); correct the device's clock with the "
          + "server time and send it again.");
    }
  }

  /** The reading after (millis, counter); a full counter moves on to the next millisecond instead of wrapping. */
  private static Hlc next(long millis, int counter) {
    return counter < Hlc.MAX_COUNTER ? new Hlc(millis, counter + 1) : new Hlc(millis + 1, 0);
  }
}
