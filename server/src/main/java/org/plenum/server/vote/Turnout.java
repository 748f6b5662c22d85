package org.plenum.server.vote;

import java.math.BigDecimal;
import org.plenum.server.core.error.PlenumException;

/**
 * The weights a poll is measured against (rule E6): all members, those present in person (hall, tablet, remote
 * room), and absent members represented by a proxy holder. Taken from {@link Eligibility#turnout()}.
 */
public record Turnout(BigDecimal membersWeight, BigDecimal presentWeight, BigDecimal representedWeight) {
  public Turnout {
    if (membersWeight == null || presentWeight == null || representedWeight == null) {
      throw PlenumException.badMessage("A turnout needs members, present and represented weights.");
    }
    if (membersWeight.signum() <= 0 || presentWeight.signum() < 0 || representedWeight.signum() < 0
        || presentWeight.add(representedWeight).compareTo(membersWeight) > 0) {
      throw PlenumException.badMessage("Turnout " + Decimals.text(presentWeight) + " present + " + Decimals.text(representedWeight)
          + " represented of " + Decimals.text(membersWeight) + " members is impossible.");
    }
    membersWeight = Decimals.normal(membersWeight);
    presentWeight = Decimals.normal(presentWeight);
    representedWeight = Decimals.normal(representedWeight);
  }

  /** Present in person or by proxy: the weight that can be cast. */
  public BigDecimal eligibleWeight() {
    return Decimals.normal(presentWeight.add(representedWeight));
  }
}
