package org.plenum.server.annotation;

import java.util.Comparator;

/**
 * When and where a change was made: its {@link Hlc} and its {@link DeviceId}. Stamps are totally ordered — clock
 * first, then the device id's text as the fixed tie-break — so "the later change" is the same on every replica.
 */
public record Stamp(Hlc hlc, DeviceId device) implements Comparable<Stamp> {
  private static final Comparator<Stamp> ORDER = Comparator.comparing(Stamp::hlc).thenComparing(Stamp::device);

  public Stamp {
    if (hlc == null || device == null) {
      throw new IllegalArgumentException("A stamp needs a clock reading and a device");
    }
  }

  public static Stamp of(long millis, int counter, String device) {
    return new Stamp(new Hlc(millis, counter), new DeviceId(device));
  }

  @Override
  public int compareTo(Stamp other) {
    return ORDER.compare(this, other);
  }

  public boolean isAfter(Stamp other) {
    return compareTo(other) > 0;
  }

  @Override
  public String toString() {
    return hlc + "@" + device;
  }
}
