package org.plenum.server.vote;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The quorum check of one poll (rules Q1–Q5): {@code present} is the weight counted (with proxies only if the rule
 * says so), {@code required} the least weight that reaches the rule in the finest decimal unit of the numbers
 * involved (26 for 50 members under MORE_THAN_HALF_OF_MEMBERS). {@code reached} is decided exactly.
 */
public record Quorum(BigDecimal present, BigDecimal members, BigDecimal required, boolean reached, String ruleName) {

  public static Quorum check(QuorumRule rule, Turnout turnout) {
    BigDecimal members = turnout.membersWeight();
    BigDecimal counted = rule.proxies() == QuorumRule.Proxies.COUNTED ? turnout.eligibleWeight() : turnout.presentWeight();
    BigDecimal unit = BigDecimal.ONE.movePointLeft(Math.max(0, Math.max(members.scale(), counted.scale())));
    BigDecimal required;
    boolean reached;
    switch (rule.kind()) {
      case MORE_THAN_HALF_OF_MEMBERS -> {
        required = members.divide(unit.multiply(BigDecimal.valueOf(2)), 0, RoundingMode.FLOOR).add(BigDecimal.ONE).multiply(unit);
        reached = Decimals.moreThanHalf(counted, members);
      }
      case TWO_THIRDS_OF_MEMBERS -> {
        required = members.multiply(BigDecimal.valueOf(2)).divide(unit.multiply(BigDecimal.valueOf(3)), 0, RoundingMode.CEILING)
            .multiply(unit);
        reached = Decimals.atLeastTwoThirds(counted, members);
      }
      default -> {
        required = BigDecimal.valueOf(rule.n());
        reached = counted.compareTo(required) >= 0;
      }
    }
    return new Quorum(Decimals.normal(counted), members, Decimals.normal(required), reached, rule.ruleName());
  }
}
