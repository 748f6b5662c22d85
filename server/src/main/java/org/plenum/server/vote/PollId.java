package org.plenum.server.vote;

import java.util.UUID;
import org.plenum.server.core.error.PlenumException;

public record PollId(UUID value) {
  public PollId {
    if (value == null) {
      throw PlenumException.badMessage("A poll id is missing.");
    }
  }

  public static PollId random() {
    return new PollId(UUID.randomUUID());
  }

  public static PollId parse(String text) {
    try {
      return new PollId(UUID.fromString(text));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw PlenumException.notFound("No poll '" + text + "'.");
    }
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
