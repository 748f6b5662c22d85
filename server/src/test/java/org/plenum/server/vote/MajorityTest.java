package org.plenum.server.vote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.vote.VoteFixtures.concat;
import static org.plenum.server.vote.VoteFixtures.resolution;
import static org.plenum.server.vote.VoteFixtures.turnout;
import static org.plenum.server.vote.VoteFixtures.w;
import static org.plenum.server.vote.VoteFixtures.yesNo;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.plenum.server.vote.Outcome.Verdict;

class MajorityTest {

  @ParameterizedTest(name = "{0} yes, {1} no, {2} abstain, abstentions {3}: {4}")
  @CsvSource({
      "10,9,20,IGNORED,ADOPTED", "10,10,0,IGNORED,REJECTED", "10,10,5,IGNORED,REJECTED", "9,10,0,IGNORED,REJECTED",
      "10,9,2,COUNTED,REJECTED", "11,9,1,COUNTED,ADOPTED", "10,9,1,COUNTED,REJECTED", "1,0,0,IGNORED,ADOPTED",
      "0,0,5,IGNORED,REJECTED", "0,0,0,COUNTED,REJECTED"})
  @DisplayName("M1: SIMPLE is more YES than NO with abstentions IGNORED, YES over half of all ballots when COUNTED; a tie is no majority")
  void simple(int yes, int no, int abstain, Abstentions abstentions, Verdict verdict) {
    PollResult r = Tally.count(resolution(MajorityRule.SIMPLE, abstentions), turnout(60, 60), yesNo(yes, no, abstain));
    assertThat(r.outcome().verdict()).isEqualTo(verdict);
    assertThat(r.ruleName()).isEqualTo("SIMPLE");
  }

  @ParameterizedTest(name = "{0} yes of 50 members: {1}")
  @CsvSource({"26,ADOPTED", "25,REJECTED", "31,ADOPTED", "50,ADOPTED"})
  @DisplayName("M2: ABSOLUTE_OF_MEMBERS needs YES over half of all members (26 of 50), whatever NO and absence")
  void absolute_of_members(int yes, Verdict verdict) {
    PollResult r = Tally.count(resolution(MajorityRule.ABSOLUTE_OF_MEMBERS, Abstentions.IGNORED), turnout(50, 50), yesNo(yes, 0, 0));
    assertThat(r.outcome().verdict()).isEqualTo(verdict);
  }

  @Test
  @DisplayName("M2: 25 YES of 40 present is not a majority of 50 members, though nobody voted NO")
  void absolute_counts_absent_members() {
    PollResult r = Tally.count(resolution(MajorityRule.ABSOLUTE_OF_MEMBERS, Abstentions.IGNORED), turnout(50, 40), yesNo(25, 0, 15));
    assertThat(r.outcome().verdict()).isEqualTo(Verdict.REJECTED);
    assertThat(r.explanation()).isEqualTo("Tán thành 25/50 đại biểu (50%), không đạt quá 1/2 tổng số đại biểu — không thông qua"
        + " / Yes 25 of 50 members (50%), does not reach more than 1/2 of all members — rejected");
  }

  @Test
  @DisplayName("M2: the explanation reads \"Tán thành 31/50 đại biểu (62%) … thông qua / … adopted\"")
  void explanation_adopted() {
    PollResult r = Tally.count(resolution(MajorityRule.ABSOLUTE_OF_MEMBERS, Abstentions.IGNORED), turnout(50, 45), yesNo(31, 10, 4));
    assertThat(r.explanation()).isEqualTo("Tán thành 31/50 đại biểu (62%), đạt quá 1/2 tổng số đại biểu — thông qua"
        + " / Yes 31 of 50 members (62%), meets more than 1/2 of all members — adopted");
  }

  @ParameterizedTest(name = "{0} yes of {1} present + {2} represented: {3}")
  @CsvSource({"20,30,0,ADOPTED", "19,30,0,REJECTED", "20,27,3,ADOPTED", "19,27,3,REJECTED", "18,27,0,ADOPTED"})
  @DisplayName("M3: TWO_THIRDS_OF_PRESENT needs YES of at least 2/3 present in person or by proxy (20 of 30 yes, 19 of 30 no)")
  void two_thirds_of_present(int yes, int present, int represented, Verdict verdict) {
    PollResult r = Tally.count(resolution(MajorityRule.TWO_THIRDS_OF_PRESENT, Abstentions.IGNORED),
        new Turnout(w(50), w(present), w(represented)), yesNo(yes, 0, 0));
    assertThat(r.outcome().verdict()).isEqualTo(verdict);
  }

  @ParameterizedTest(name = "{0} yes, {1} no, {2} abstain, abstentions {3}: {4}")
  @CsvSource({"20,10,0,IGNORED,ADOPTED", "19,10,0,IGNORED,REJECTED", "20,10,5,IGNORED,ADOPTED", "20,9,1,COUNTED,ADOPTED",
      "19,10,1,COUNTED,REJECTED", "20,10,1,COUNTED,REJECTED", "2,1,0,IGNORED,ADOPTED"})
  @DisplayName("M4: TWO_THIRDS_OF_VALID needs YES of at least 2/3 of votes cast (20/30 yes, 19/30 no); abstentions as in M1")
  void two_thirds_of_valid(int yes, int no, int abstain, Abstentions abstentions, Verdict verdict) {
    PollResult r = Tally.count(resolution(MajorityRule.TWO_THIRDS_OF_VALID, abstentions), turnout(60, 60), yesNo(yes, no, abstain));
    assertThat(r.outcome().verdict()).isEqualTo(verdict);
  }

  @Test
  @DisplayName("M6: weights of 0.5 compare exactly: 1.5 YES against 1.5 NO is a tie, 2 against 1.5 a majority")
  void half_weights() {
    CountedBallot halfYes = new CountedBallot(Choice.YES, w("0.5"));
    CountedBallot halfNo = new CountedBallot(Choice.NO, w("0.5"));
    PollSpec spec = resolution(MajorityRule.SIMPLE, Abstentions.IGNORED);
    assertThat(Tally.count(spec, turnout(10, 10), concat(Collections.nCopies(3, halfYes), Collections.nCopies(3, halfNo)))
        .outcome().verdict()).isEqualTo(Verdict.REJECTED);
    PollResult r = Tally.count(spec, turnout(10, 10), concat(Collections.nCopies(4, halfYes), Collections.nCopies(3, halfNo)));
    assertThat(r.outcome().verdict()).isEqualTo(Verdict.ADOPTED);
    assertThat(r.explanation()).startsWith("Tán thành 2/3,5 phiếu biểu quyết (57,14%)").contains("Yes 2 of 3.5 votes cast (57.14%)");
  }

  @Test
  @DisplayName("M6: with 10.5 members' weight, 5.5 YES is over half (5.25) and 5 is not")
  void fractional_members() {
    Turnout t = new Turnout(w("10.5"), w("10.5"), BigDecimal.ZERO);
    PollSpec spec = resolution(MajorityRule.ABSOLUTE_OF_MEMBERS, Abstentions.IGNORED);
    List<CountedBallot> fiveAndAHalf = concat(yesNo(5, 0, 0), List.of(new CountedBallot(Choice.YES, w("0.5"))));
    assertThat(Tally.count(spec, t, fiveAndAHalf).outcome().verdict()).isEqualTo(Verdict.ADOPTED);
    assertThat(Tally.count(spec, t, yesNo(5, 5, 0)).outcome().verdict()).isEqualTo(Verdict.REJECTED);
  }

  @Test
  @DisplayName("M6: no votes never pass, even where 0 >= 2/3 of 0")
  void zero_votes() {
    for (MajorityRule rule : List.of(MajorityRule.SIMPLE, MajorityRule.TWO_THIRDS_OF_VALID, MajorityRule.ABSOLUTE_OF_MEMBERS,
        MajorityRule.TWO_THIRDS_OF_PRESENT)) {
      for (Abstentions a : Abstentions.values()) {
        assertThat(Tally.count(resolution(rule, a), turnout(10, 10), List.of()).outcome().verdict()).as(rule + " " + a)
            .isEqualTo(Verdict.REJECTED);
      }
    }
    assertThat(MajorityRule.TWO_THIRDS_OF_VALID.isMet(BigDecimal.ZERO, BigDecimal.ZERO)).isFalse();
  }

  @Test
  @DisplayName("M8: a yes/no poll ends ADOPTED or REJECTED with no elected or tied options")
  void yes_no_outcomes() {
    PollResult r = Tally.count(resolution(MajorityRule.SIMPLE, Abstentions.IGNORED), turnout(10, 10), yesNo(6, 4, 0));
    assertThat(r.outcome()).isEqualTo(Outcome.adopted());
    assertThat(r.outcome().elected()).isEmpty();
    assertThat(r.outcome().tied()).isEmpty();
  }

  @Test
  @DisplayName("M1-M5: every rule has a Vietnamese and an English name for results")
  void rule_names() {
    assertThat(MajorityRule.ABSOLUTE_OF_MEMBERS.vietnamese()).isEqualTo("quá 1/2 tổng số đại biểu");
    assertThat(MajorityRule.TWO_THIRDS_OF_PRESENT.english()).isEqualTo("at least 2/3 of members present");
    for (MajorityRule rule : MajorityRule.values()) {
      assertThat(rule.vietnamese()).isNotBlank();
      assertThat(rule.english()).isNotBlank();
    }
  }
}
