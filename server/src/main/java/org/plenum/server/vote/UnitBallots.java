package org.plenum.server.vote;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * D24: a SECRET poll publishes no weight that could single a member out. Every ballot of weight w becomes w / q
 * entries of weight q, where q is the largest unit that divides every weight counted (1 when all weights are whole
 * numbers with no common factor); each entry has its own receipt ({@link Receipts#unit}), which only the voter's
 * receipt derives. Totals, and so the recount, are unchanged.
 */
final class UnitBallots {
  private UnitBallots() {}

  /** The largest decimal q that divides every weight exactly (weights > 0); 1 for none. */
  static BigDecimal quantum(Collection<BigDecimal> weights) {
    if (weights.isEmpty()) {
      return BigDecimal.ONE;
    }
    int scale = 0;
    for (BigDecimal w : weights) {
      scale = Math.max(scale, Math.max(0, w.stripTrailingZeros().scale()));
    }
    BigInteger g = BigInteger.ZERO;
    for (BigDecimal w : weights) {
      g = g.gcd(w.movePointRight(scale).toBigIntegerExact());
    }
    return Decimals.normal(new BigDecimal(g, scale));
  }

  /** How many unit entries these weights make (their sum divided by their quantum). */
  static long count(Collection<BigDecimal> weights) {
    BigDecimal q = quantum(weights);
    BigDecimal sum = weights.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    return sum.divide(q).longValueExact();
  }

  /** The entries to publish: each ballot split into units of the common quantum; a ballot of one unit keeps its receipt. */
  static List<PublishedResult.Entry> split(PollId poll, List<PublishedResult.Entry> ballots) {
    BigDecimal q = quantum(ballots.stream().map(PublishedResult.Entry::weight).toList());
    List<PublishedResult.Entry> out = new ArrayList<>();
    for (PublishedResult.Entry b : ballots) {
      int n = b.weight().divide(q).intValueExact();
      if (n == 1) {
        out.add(new PublishedResult.Entry(b.receipt(), b.choice(), q));
        continue;
      }
      for (int i = 1; i <= n; i++) {
        out.add(new PublishedResult.Entry(Receipts.unit(poll, b.receipt(), i), b.choice(), q));
      }
    }
    return out;
  }
}
