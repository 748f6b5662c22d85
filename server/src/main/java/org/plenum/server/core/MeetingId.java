package org.plenum.server.core;

import java.util.UUID;
import org.plenum.server.core.error.PlenumException;

public record MeetingId(UUID value) {
  public static MeetingId random() {
    return new MeetingId(UUID.randomUUID());
  }

  public static MeetingId parse(String text) {
    try {
      return new MeetingId(UUID.fromString(text));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw PlenumException.notFound("No meeting '" + text + "'.");
    }
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
