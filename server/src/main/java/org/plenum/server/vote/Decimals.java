package org.plenum.server.vote;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Exact weight arithmetic shared by quorum, majority and tally (rules M6, T1). */
final class Decimals {
  private static final BigDecimal TWO = BigDecimal.valueOf(2);
  private static final BigDecimal THREE = BigDecimal.valueOf(3);
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private Decimals() {}

  /** No trailing zeros and never a negative scale, so equal values are equal records ("1.50" → "1.5", "1E+1" → "10"). */
  static BigDecimal normal(BigDecimal x) {
    BigDecimal s = x.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }

  static String text(BigDecimal x) {
    return normal(x).toPlainString();
  }

  /** 2·part &gt; whole. */
  static boolean moreThanHalf(BigDecimal part, BigDecimal whole) {
    return part.multiply(TWO).compareTo(whole) > 0;
  }

  /** 3·part &ge; 2·whole. */
  static boolean atLeastTwoThirds(BigDecimal part, BigDecimal whole) {
    return part.multiply(THREE).compareTo(whole.multiply(TWO)) >= 0;
  }

  /** A number for people: Vietnamese writes a decimal comma. */
  static String show(BigDecimal x, boolean vietnamese) {
    String t = text(x);
    return vietnamese ? t.replace('.', ',') : t;
  }

  /** part / whole as a percentage rounded half-up to two decimals, "0%" when whole is 0. */
  static String percent(BigDecimal part, BigDecimal whole, boolean vietnamese) {
    if (whole.signum() == 0) {
      return "0%";
    }
    return show(part.multiply(HUNDRED).divide(whole, 2, RoundingMode.HALF_UP), vietnamese) + "%";
  }
}
