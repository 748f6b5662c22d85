package org.plenum.server.vote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;

/** Readable fixtures for the vote tests: members, turnouts, ballots, specs. */
final class VoteFixtures {
  private VoteFixtures() {}

  /** Member number i (1-based), a stable UUID. */
  static UUID member(int i) {
    return new UUID(0xDE1E6A7EL, i);
  }

  static BigDecimal w(String weight) {
    return new BigDecimal(weight);
  }

  static BigDecimal w(int weight) {
    return BigDecimal.valueOf(weight);
  }

  /** Members 1..n, all with weight 1 and the given presence. */
  static List<Voter> members(int from, int to, Voter.Presence presence) {
    List<Voter> out = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      out.add(Voter.of(member(i), presence));
    }
    return out;
  }

  @SafeVarargs
  static <T> List<T> concat(List<? extends T>... lists) {
    List<T> out = new ArrayList<>();
    Arrays.stream(lists).forEach(out::addAll);
    return out;
  }

  static Turnout turnout(int members, int present) {
    return new Turnout(w(members), w(present), BigDecimal.ZERO);
  }

  /** {@code n} ballots of weight 1 choosing {@code optionIds}. */
  static List<CountedBallot> ballots(int n, String... optionIds) {
    return Collections.nCopies(n, new CountedBallot(Choice.of(optionIds), BigDecimal.ONE));
  }

  static List<CountedBallot> yesNo(int yes, int no, int abstain) {
    return concat(ballots(yes, "YES"), ballots(no, "NO"), ballots(abstain, "ABSTAIN"));
  }

  static PollSpec resolution(MajorityRule rule, Abstentions abstentions) {
    return PollSpec.yesNo("Nghị quyết dự toán ngân sách 2026", Secrecy.NAMED, rule, QuorumRule.atLeast(0), abstentions);
  }

  static List<PollOption> options(String... ids) {
    return Arrays.stream(ids).map(id -> new PollOption(id, "Phương án " + id)).toList();
  }

  static PollSpec choice(PollKind kind, int min, int max, MajorityRule rule, String... ids) {
    return new PollSpec("Lựa chọn " + kind, kind, Secrecy.SECRET, options(ids), min, max, rule, QuorumRule.atLeast(0),
        Abstentions.IGNORED);
  }

  static AbstractThrowableAssert<?, ? extends Throwable> failsWith(ErrorCode code, ThrowingCallable call) {
    return assertThatThrownBy(call).isInstanceOf(PlenumException.class)
        .satisfies(e -> assertThat(((PlenumException) e).code()).isEqualTo(code));
  }
}
