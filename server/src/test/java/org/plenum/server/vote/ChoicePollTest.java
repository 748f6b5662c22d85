package org.plenum.server.vote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.vote.VoteFixtures.ballots;
import static org.plenum.server.vote.VoteFixtures.choice;
import static org.plenum.server.vote.VoteFixtures.concat;
import static org.plenum.server.vote.VoteFixtures.options;
import static org.plenum.server.vote.VoteFixtures.turnout;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.vote.Outcome.Verdict;

class ChoicePollTest {
  private static final QuorumRule ANY = QuorumRule.atLeast(0);

  @Test
  @DisplayName("M5, M7: SINGLE_CHOICE under RELATIVE elects the option with most votes")
  void single_relative() {
    PollSpec spec = choice(PollKind.SINGLE_CHOICE, 1, 1, MajorityRule.RELATIVE, "A", "B", "C");
    PollResult r = Tally.count(spec, turnout(10, 10), concat(ballots(2, "C"), ballots(5, "A"), ballots(3, "B")));
    assertThat(r.outcome()).isEqualTo(Outcome.elected(List.of("A")));
    assertThat(r.explanation()).isEqualTo("Được chọn: Phương án A 5/10 (50%) — nhiều phiếu nhất / Chosen: Phương án A 5 of 10 (50%) — most votes");
  }

  @Test
  @DisplayName("M7: a tie for the only place is TIE with both options, never broken silently")
  void single_tie() {
    PollSpec spec = choice(PollKind.SINGLE_CHOICE, 1, 1, MajorityRule.RELATIVE, "A", "B", "C");
    PollResult r = Tally.count(spec, turnout(10, 10), concat(ballots(4, "B"), ballots(4, "A"), ballots(2, "C")));
    assertThat(r.outcome()).isEqualTo(Outcome.tie(List.of(), List.of("A", "B")));
    assertThat(r.explanation()).isEqualTo("Bằng phiếu: Phương án A 4/10 (40%), Phương án B 4/10 (40%) cho 1 vị trí — chưa quyết định"
        + " / Tie: Phương án A 4 of 10 (40%), Phương án B 4 of 10 (40%) for 1 place — undecided");
  }

  @Test
  @DisplayName("M7: with SIMPLE a single choice must also exceed half of valid votes: 5 of 10 is not enough, 6 is")
  void single_must_exceed_half() {
    PollSpec spec = choice(PollKind.SINGLE_CHOICE, 1, 1, MajorityRule.SIMPLE, "A", "B", "C");
    PollResult five = Tally.count(spec, turnout(10, 10), concat(ballots(5, "A"), ballots(3, "B"), ballots(2, "C")));
    assertThat(five.outcome()).isEqualTo(Outcome.rejected());
    assertThat(five.explanation()).isEqualTo("Không phương án nào đạt quá 1/2 số phiếu biểu quyết — không có kết quả"
        + " / No option reaches more than 1/2 of votes cast — none chosen");
    PollResult six = Tally.count(spec, turnout(10, 10), concat(ballots(6, "A"), ballots(3, "B"), ballots(1, "C")));
    assertThat(six.outcome()).isEqualTo(Outcome.elected(List.of("A")));
  }

  @Test
  @DisplayName("M7: an election for 3 seats with a tie at the cut elects those above it and reports the tied ones")
  void election_tie_at_cut() {
    PollSpec spec = PollSpec.election("Bầu Ủy viên Thường trực", Secrecy.SECRET, options("A", "B", "C", "D", "E"), 3,
        MajorityRule.RELATIVE, ANY);
    List<CountedBallot> bs = concat(ballots(3, "A", "B", "C"), ballots(4, "A", "B", "D"), ballots(3, "A", "C", "D"),
        ballots(2, "B", "E"), ballots(1, "E"));
    PollResult r = Tally.count(spec, turnout(13, 13), bs);
    assertThat(r.totals()).containsExactly(entry("A", 10), entry("B", 9), entry("C", 6), entry("D", 7), entry("E", 3));
    assertThat(r.outcome().verdict()).isEqualTo(Verdict.ELECTED);
    assertThat(r.outcome().elected()).containsExactly("A", "B", "D");

    List<CountedBallot> tied = concat(bs, ballots(1, "C"));
    PollResult t = Tally.count(spec, turnout(14, 14), tied);
    assertThat(t.outcome()).isEqualTo(Outcome.tie(List.of("A", "B"), List.of("C", "D")));
    assertThat(t.explanation()).startsWith("Trúng cử: Phương án A 10/14").contains("bằng phiếu: Phương án C 7/14 (50%), Phương án D 7/14 (50%) cho 1 vị trí")
        .contains("tie: Phương án C 7 of 14 (50%), Phương án D 7 of 14 (50%) for 1 place — undecided");
  }

  @Test
  @DisplayName("M7: equal totals above the cut are no tie: 10, 10, 5 for 2 seats elects both leaders")
  void tie_above_cut() {
    PollSpec spec = PollSpec.election("E", Secrecy.SECRET, options("A", "B", "C"), 2, MajorityRule.RELATIVE, ANY);
    PollResult r = Tally.count(spec, turnout(13, 13), concat(ballots(5, "A", "B"), ballots(5, "B", "A"), ballots(3, "C")));
    assertThat(r.outcome()).isEqualTo(Outcome.elected(List.of("A", "B")));
  }

  @Test
  @DisplayName("M7: in an HĐND election each elected candidate needs more than half of all members; fewer may pass than seats")
  void election_absolute_of_members() {
    PollSpec spec = PollSpec.election("Bầu Phó Chủ tịch", Secrecy.SECRET, options("A", "B", "C"), 2,
        MajorityRule.ABSOLUTE_OF_MEMBERS, QuorumRule.twoThirdsOfMembers());
    PollResult two = Tally.count(spec, turnout(10, 9), concat(ballots(5, "A", "B"), ballots(1, "A", "C"), ballots(2, "C"), ballots(1)));
    assertThat(two.totals()).containsExactly(entry("A", 6), entry("B", 5), entry("C", 3));
    assertThat(two.outcome()).isEqualTo(Outcome.elected(List.of("A")));
    PollResult none = Tally.count(spec, turnout(10, 9), concat(ballots(4, "A", "B"), ballots(5, "C")));
    assertThat(none.outcome()).isEqualTo(Outcome.rejected());
    assertThat(none.explanation()).startsWith("Không ứng cử viên nào đạt quá 1/2 tổng số đại biểu").endsWith("none chosen");
  }

  @Test
  @DisplayName("M7: two candidates over the threshold tied for one seat is a TIE")
  void tie_among_passing() {
    PollSpec spec = PollSpec.election("E", Secrecy.SECRET, options("A", "B"), 1, MajorityRule.ABSOLUTE_OF_MEMBERS, ANY);
    PollResult r = Tally.count(spec, turnout(10, 10), concat(ballots(6, "A"), ballots(6, "B")));
    assertThat(r.outcome()).isEqualTo(Outcome.tie(List.of(), List.of("A", "B")));
  }

  @Test
  @DisplayName("V5, M7: one candidate for chair (HĐND): kept on 40 of 50 ballots, elected with more than half of all members")
  void single_candidate() {
    PollSpec spec = PollSpec.election("Bầu Chủ tịch HĐND tỉnh", Secrecy.SECRET, List.of(new PollOption("AN", "Nguyễn Văn An")), 1,
        MajorityRule.ABSOLUTE_OF_MEMBERS, QuorumRule.twoThirdsOfMembers());
    PollResult r = Tally.count(spec, turnout(50, 45), concat(ballots(40, "AN"), ballots(5)));
    assertThat(r.outcome()).isEqualTo(Outcome.elected(List.of("AN")));
    assertThat(r.validWeight()).isEqualByComparingTo("45");
    assertThat(r.explanation()).isEqualTo("Trúng cử: Nguyễn Văn An 40/50 (80%) — quá 1/2 tổng số đại biểu"
        + " / Elected: Nguyễn Văn An 40 of 50 (80%) — more than 1/2 of all members");
    assertThat(Tally.count(spec, turnout(50, 45), concat(ballots(25, "AN"), ballots(20))).outcome()).isEqualTo(Outcome.rejected());
  }

  @Test
  @DisplayName("M7: empty election ballots are left out of votes cast when IGNORED and count against when COUNTED")
  void empty_ballots_and_abstentions() {
    List<CountedBallot> bs = concat(ballots(4, "A"), ballots(4));
    PollSpec ignored = new PollSpec("E", PollKind.ELECTION, Secrecy.SECRET, options("A", "B"), 0, 1, MajorityRule.SIMPLE, ANY,
        Abstentions.IGNORED);
    assertThat(Tally.count(ignored, turnout(8, 8), bs).outcome()).isEqualTo(Outcome.elected(List.of("A")));
    PollSpec counted = new PollSpec("E", PollKind.ELECTION, Secrecy.SECRET, options("A", "B"), 0, 1, MajorityRule.SIMPLE, ANY,
        Abstentions.COUNTED);
    assertThat(Tally.count(counted, turnout(8, 8), bs).outcome()).isEqualTo(Outcome.rejected());
  }

  @Test
  @DisplayName("M7: MULTIPLE_CHOICE selects the top maxChoices options, best first")
  void multiple_top_n() {
    PollSpec spec = choice(PollKind.MULTIPLE_CHOICE, 1, 2, MajorityRule.RELATIVE, "A", "B", "C", "D");
    PollResult r = Tally.count(spec, turnout(10, 10), concat(ballots(4, "C", "D"), ballots(3, "D"), ballots(2, "A", "C"), ballots(1, "B")));
    assertThat(r.outcome()).isEqualTo(Outcome.elected(List.of("D", "C")));
    assertThat(r.explanation()).startsWith("Được chọn: Phương án D 7/10 (70%), Phương án C 6/10 (60%)");
  }

  @Test
  @DisplayName("M7: no ballots under RELATIVE is REJECTED, not a tie of everything")
  void no_ballots() {
    PollSpec spec = choice(PollKind.SINGLE_CHOICE, 1, 1, MajorityRule.RELATIVE, "A", "B");
    PollResult r = Tally.count(spec, turnout(10, 10), List.of());
    assertThat(r.outcome()).isEqualTo(Outcome.rejected());
    assertThat(r.explanation()).startsWith("Không phương án nào có phiếu");
  }

  private static java.util.Map.Entry<String, java.math.BigDecimal> entry(String id, int total) {
    return java.util.Map.entry(id, java.math.BigDecimal.valueOf(total));
  }
}
