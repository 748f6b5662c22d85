package org.plenum.server.annotation;

import java.util.regex.Pattern;
import org.plenum.server.core.error.PlenumException;

/**
 * The device (tablet, browser profile) that made a change: chosen by the client once and kept. Part of every
 * {@link Stamp}; its text order is the fixed tie-break between changes made at the same clock time, so it is limited
 * to ASCII (1–64 of {@code A-Z a-z 0-9 . _ : -}), where text order and byte order agree.
 */
public record DeviceId(String value) implements Comparable<DeviceId> {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  public DeviceId {
    if (value == null || !VALID.matcher(value).matches()) {
      throw PlenumException.badMessage("A device id must be 1-64 of A-Z a-z 0-9 . _ : - (got '" + value + "').");
    }
  }

  @Override
  public int compareTo(DeviceId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
