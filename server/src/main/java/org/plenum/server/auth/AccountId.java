package org.plenum.server.auth;

import java.util.UUID;
import org.plenum.server.core.error.PlenumException;

public record AccountId(UUID value) {
  public static AccountId random() {
    return new AccountId(UUID.randomUUID());
  }

  public static AccountId parse(String text) {
    try {
      return new AccountId(UUID.fromString(text));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw PlenumException.badMessage("'" + text + "' is not an account id (expected a UUID).");
    }
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
