package org.plenum.server.vote;

import java.math.BigDecimal;

/**
 * What an option needs to pass (rules M1–M7). For YES_NO_ABSTAIN the option is YES; for choice polls every option
 * is measured the same way and the passing ones are ranked. Comparisons are exact (M6). The Vietnamese and English
 * words are used in {@link PollResult#explanation()}; {@link #name()} is the {@code ruleName} of a result.
 */
public enum MajorityRule {
  /** YES &gt; 1/2 of votes cast; with abstentions IGNORED, "more YES than NO". */
  SIMPLE("phiếu biểu quyết", "votes cast", "quá 1/2 số phiếu biểu quyết", "more than 1/2 of votes cast"),
  /** YES &gt; 1/2 of all members' weight: "quá bán tổng số đại biểu", how HĐND resolutions pass. */
  ABSOLUTE_OF_MEMBERS("đại biểu", "members", "quá 1/2 tổng số đại biểu", "more than 1/2 of all members"),
  /** YES &ge; 2/3 of the weight present in person or by proxy. */
  TWO_THIRDS_OF_PRESENT("đại biểu có mặt", "members present", "từ 2/3 số đại biểu có mặt trở lên",
      "at least 2/3 of members present"),
  /** YES &ge; 2/3 of votes cast (abstentions as for SIMPLE). */
  TWO_THIRDS_OF_VALID("phiếu biểu quyết", "votes cast", "từ 2/3 số phiếu biểu quyết trở lên", "at least 2/3 of votes cast"),
  /** Choice polls only: the most votes win, no threshold. */
  RELATIVE("phiếu biểu quyết", "votes cast", "nhiều phiếu nhất", "most votes");

  private final String baseVi;
  private final String baseEn;
  private final String vi;
  private final String en;

  MajorityRule(String baseVi, String baseEn, String vi, String en) {
    this.baseVi = baseVi;
    this.baseEn = baseEn;
    this.vi = vi;
    this.en = en;
  }

  /** The weight a vote count is measured against: votes cast, all members, or everyone able to vote. */
  public BigDecimal base(BigDecimal votesCast, Turnout turnout) {
    return switch (this) {
      case SIMPLE, TWO_THIRDS_OF_VALID, RELATIVE -> votesCast;
      case ABSOLUTE_OF_MEMBERS -> turnout.membersWeight();
      case TWO_THIRDS_OF_PRESENT -> turnout.eligibleWeight();
    };
  }

  /** Whether {@code votes} out of {@code base} pass; never with zero votes. */
  public boolean isMet(BigDecimal votes, BigDecimal base) {
    if (votes.signum() <= 0) {
      return false;
    }
    return switch (this) {
      case SIMPLE, ABSOLUTE_OF_MEMBERS -> Decimals.moreThanHalf(votes, base);
      case TWO_THIRDS_OF_PRESENT, TWO_THIRDS_OF_VALID -> Decimals.atLeastTwoThirds(votes, base);
      case RELATIVE -> true;
    };
  }

  /** "quá 1/2 tổng số đại biểu". */
  public String vietnamese() {
    return vi;
  }

  /** "more than 1/2 of all members". */
  public String english() {
    return en;
  }

  String baseVietnamese() {
    return baseVi;
  }

  String baseEnglish() {
    return baseEn;
  }
}
