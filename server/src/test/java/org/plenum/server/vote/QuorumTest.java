package org.plenum.server.vote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.vote.VoteFixtures.failsWith;
import static org.plenum.server.vote.VoteFixtures.turnout;
import static org.plenum.server.vote.VoteFixtures.w;
import static org.plenum.server.vote.VoteFixtures.yesNo;

import java.math.BigDecimal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.plenum.server.core.error.ErrorCode;

class QuorumTest {

  @ParameterizedTest(name = "{0} of {1} present: reached {2}, required {3}")
  @CsvSource({"26,50,true,26", "25,50,false,26", "50,50,true,26", "26,51,true,26", "25,51,false,26", "1,1,true,1", "0,1,false,1"})
  @DisplayName("Q1: MORE_THAN_HALF_OF_MEMBERS is reached by 26 of 50, not by 25 of 50")
  void more_than_half(int present, int members, boolean reached, int required) {
    Quorum q = Quorum.check(QuorumRule.moreThanHalfOfMembers(), turnout(members, present));
    assertThat(q.reached()).isEqualTo(reached);
    assertThat(q.required()).isEqualByComparingTo(BigDecimal.valueOf(required));
    assertThat(q.ruleName()).isEqualTo("MORE_THAN_HALF_OF_MEMBERS");
  }

  @ParameterizedTest(name = "{0} of {1} present: reached {2}, required {3}")
  @CsvSource({"20,30,true,20", "19,30,false,20", "34,50,true,34", "33,50,false,34", "2,3,true,2", "1,2,false,2"})
  @DisplayName("Q2: TWO_THIRDS_OF_MEMBERS is reached by 20 of 30 (exactly two thirds), not by 19 of 30")
  void two_thirds(int present, int members, boolean reached, int required) {
    Quorum q = Quorum.check(QuorumRule.twoThirdsOfMembers(), turnout(members, present));
    assertThat(q.reached()).isEqualTo(reached);
    assertThat(q.required()).isEqualByComparingTo(BigDecimal.valueOf(required));
  }

  @Test
  @DisplayName("Q3: AT_LEAST_N(n) needs n present; n = 0 means no quorum; n < 0 or n on another kind is BAD_MESSAGE")
  void at_least_n() {
    assertThat(Quorum.check(QuorumRule.atLeast(10), turnout(50, 10)).reached()).isTrue();
    Quorum nine = Quorum.check(QuorumRule.atLeast(10), turnout(50, 9));
    assertThat(nine.reached()).isFalse();
    assertThat(nine.required()).isEqualByComparingTo("10");
    assertThat(nine.ruleName()).isEqualTo("AT_LEAST_N(10)");
    assertThat(Quorum.check(QuorumRule.atLeast(0), turnout(50, 0)).reached()).isTrue();
    failsWith(ErrorCode.BAD_MESSAGE, () -> QuorumRule.atLeast(-1)).hasMessageContaining("n >= 0");
    failsWith(ErrorCode.BAD_MESSAGE, () -> new QuorumRule(QuorumRule.Kind.TWO_THIRDS_OF_MEMBERS, 3, QuorumRule.Proxies.NOT_COUNTED))
        .hasMessageContaining("takes no n");
  }

  @Test
  @DisplayName("Q4: members represented by proxy count toward quorum only when the rule says COUNTED")
  void proxies_flag() {
    Turnout t = new Turnout(w(50), w(20), w(6));
    Quorum physical = Quorum.check(QuorumRule.moreThanHalfOfMembers(), t);
    assertThat(physical.reached()).isFalse();
    assertThat(physical.present()).isEqualByComparingTo("20");
    Quorum withProxies = Quorum.check(QuorumRule.moreThanHalfOfMembers().with(QuorumRule.Proxies.COUNTED), t);
    assertThat(withProxies.reached()).isTrue();
    assertThat(withProxies.present()).isEqualByComparingTo("26");
    assertThat(withProxies.ruleName()).isEqualTo("MORE_THAN_HALF_OF_MEMBERS+PROXIES");
  }

  @ParameterizedTest(name = "{0} present of {1}: required {2}, reached {3}")
  @CsvSource({"5.5,10.5,5.3,true", "5.2,10.5,5.3,false", "5.25,10.5,5.26,false", "5.26,10.5,5.26,true", "7,10.5,5.3,true"})
  @DisplayName("Q5: with fractional weights, required is in the finest unit and reached is decided exactly")
  void fractional(String present, String members, String required, boolean reached) {
    Quorum q = Quorum.check(QuorumRule.moreThanHalfOfMembers(), new Turnout(w(members), w(present), BigDecimal.ZERO));
    assertThat(q.required()).isEqualByComparingTo(required);
    assertThat(q.reached()).isEqualTo(reached).isEqualTo(q.present().compareTo(q.required()) >= 0);
  }

  @Test
  @DisplayName("Q5: reached agrees with present >= required for every presence from 0 to 60 of 60")
  void required_agrees_with_reached() {
    for (QuorumRule rule : new QuorumRule[] {QuorumRule.moreThanHalfOfMembers(), QuorumRule.twoThirdsOfMembers(), QuorumRule.atLeast(31)}) {
      for (int present = 0; present <= 60; present++) {
        Quorum q = Quorum.check(rule, turnout(60, present));
        assertThat(q.reached()).as(rule.ruleName() + " at " + present).isEqualTo(present >= q.required().intValueExact());
      }
    }
  }

  @Test
  @DisplayName("Q6: without quorum the outcome is NO_QUORUM whatever the votes, and the totals are still reported")
  void no_quorum_outcome() {
    PollSpec spec = PollSpec.yesNo("Nghị quyết", Secrecy.NAMED, MajorityRule.SIMPLE, QuorumRule.moreThanHalfOfMembers(),
        Abstentions.IGNORED);
    PollResult r = Tally.count(spec, turnout(50, 25), yesNo(25, 0, 0));
    assertThat(r.outcome().verdict()).isEqualTo(Outcome.Verdict.NO_QUORUM);
    assertThat(r.total("YES")).isEqualByComparingTo("25");
    assertThat(r.explanation()).isEqualTo(
        "Không đủ số lượng đại biểu: có mặt 25/50, cần 26 — không có kết quả / No quorum: 25 of 50 present, 26 required — no result");
    assertThat(Tally.count(spec, turnout(50, 26), yesNo(25, 0, 0)).outcome().verdict()).isEqualTo(Outcome.Verdict.ADOPTED);
  }

  @Test
  @DisplayName("E6: a turnout with more present than members is BAD_MESSAGE")
  void impossible_turnout() {
    failsWith(ErrorCode.BAD_MESSAGE, () -> new Turnout(w(10), w(8), w(3))).hasMessageContaining("impossible");
    failsWith(ErrorCode.BAD_MESSAGE, () -> new Turnout(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO)).hasMessageContaining("impossible");
  }
}
