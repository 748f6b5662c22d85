package org.plenum.server.vote;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts ballots into a {@link PollResult} (rules T1–T3, Q6, M1–M8). Pure and deterministic: a recount is equal. */
public final class Tally {
  private Tally() {}

  /**
   * @param turnout  the members, present and represented weights the quorum and the majority are measured against
   * @param ballots  every ballot of the poll, in any order; each is validated against the spec (INVALID_BALLOT)
   */
  public static PollResult count(PollSpec spec, Turnout turnout, Collection<CountedBallot> ballots) {
    Map<String, BigDecimal> totals = new LinkedHashMap<>();
    spec.options().forEach(o -> totals.put(o.id(), BigDecimal.ZERO));
    BigDecimal valid = BigDecimal.ZERO;
    BigDecimal abstained = BigDecimal.ZERO;
    for (CountedBallot b : ballots) {
      spec.validate(b.choice());
      b.choice().optionIds().forEach(id -> totals.merge(id, b.weight(), BigDecimal::add));
      valid = valid.add(b.weight());
      if (spec.isAbstention(b.choice())) {
        abstained = abstained.add(b.weight());
      }
    }
    totals.replaceAll((id, w) -> Decimals.normal(w));
    BigDecimal cast = spec.abstentions() == Abstentions.COUNTED ? valid : valid.subtract(abstained);
    BigDecimal base = Decimals.normal(spec.rule().base(cast, turnout));
    Quorum quorum = Quorum.check(spec.quorum(), turnout);
    Outcome outcome;
    if (!quorum.reached()) {
      outcome = Outcome.noQuorum();
    } else if (spec.kind() == PollKind.YES_NO_ABSTAIN) {
      outcome = spec.rule().isMet(totals.get("YES"), base) ? Outcome.adopted() : Outcome.rejected();
    } else {
      outcome = rank(spec, totals, base);
    }
    String explanation = Explanation.of(spec, totals, base, quorum, outcome);
    return new PollResult(totals, valid, ballots.size(), turnout.membersWeight(), turnout.presentWeight(),
        turnout.representedWeight(), outcome, spec.rule().name(), explanation);
  }

  /** Rule M7: options passing the rule, best first; the last seat's total equal to the next one is a TIE. */
  private static Outcome rank(PollSpec spec, Map<String, BigDecimal> totals, BigDecimal base) {
    List<String> passing = new ArrayList<>();
    totals.forEach((id, total) -> {
      if (spec.rule().isMet(total, base)) {
        passing.add(id);
      }
    });
    passing.sort(Comparator.comparing(totals::get, Comparator.reverseOrder()));
    int seats = spec.seats();
    if (passing.isEmpty()) {
      return Outcome.rejected();
    }
    if (passing.size() <= seats) {
      return Outcome.elected(passing);
    }
    BigDecimal cut = totals.get(passing.get(seats - 1));
    if (totals.get(passing.get(seats)).compareTo(cut) != 0) {
      return Outcome.elected(passing.subList(0, seats));
    }
    List<String> above = passing.stream().filter(id -> totals.get(id).compareTo(cut) > 0).toList();
    List<String> tied = passing.stream().filter(id -> totals.get(id).compareTo(cut) == 0).toList();
    return Outcome.tie(above, tied);
  }
}
