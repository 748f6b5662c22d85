package org.plenum.server.vote;

import java.math.BigDecimal;
import org.plenum.server.core.error.PlenumException;

/** What the tally sees of a ballot: the choice and the weight, never the voter. */
public record CountedBallot(Choice choice, BigDecimal weight) {
  public CountedBallot {
    if (choice == null || weight == null) {
      throw PlenumException.badMessage("A counted ballot needs a choice and a weight.");
    }
    if (weight.signum() <= 0) {
      throw PlenumException.badMessage("A ballot weight must be > 0, got " + weight.toPlainString() + ".");
    }
    weight = Decimals.normal(weight);
  }

  public static CountedBallot of(String... optionIds) {
    return new CountedBallot(Choice.of(optionIds), BigDecimal.ONE);
  }
}
