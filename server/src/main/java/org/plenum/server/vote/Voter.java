package org.plenum.server.vote;

import java.math.BigDecimal;
import java.util.UUID;
import org.plenum.server.core.error.PlenumException;

/** A member with voting right in one poll: their weight (usually 1) and where they are (rules E1, E2). */
public record Voter(UUID accountId, BigDecimal weight, Presence presence) {
  /** Where a member is when the poll opens; everything but ABSENT is present. */
  public enum Presence {
    HALL, TABLET, REMOTE_ROOM, ABSENT;

    public boolean isPresent() {
      return this != ABSENT;
    }
  }

  public Voter {
    if (accountId == null || weight == null || presence == null) {
      throw PlenumException.badMessage("A voter needs an account id, a weight and a presence.");
    }
    if (weight.signum() <= 0) {
      throw PlenumException.badMessage("Voter " + accountId + " has weight " + weight.toPlainString() + "; a weight must be > 0.");
    }
    weight = Decimals.normal(weight);
  }

  /** A member with weight 1. */
  public static Voter of(UUID accountId, Presence presence) {
    return new Voter(accountId, BigDecimal.ONE, presence);
  }

  public boolean isPresent() {
    return presence.isPresent();
  }
}
