package org.plenum.server.vote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.vote.VoteFixtures.ballots;
import static org.plenum.server.vote.VoteFixtures.choice;
import static org.plenum.server.vote.VoteFixtures.concat;
import static org.plenum.server.vote.VoteFixtures.failsWith;
import static org.plenum.server.vote.VoteFixtures.resolution;
import static org.plenum.server.vote.VoteFixtures.turnout;
import static org.plenum.server.vote.VoteFixtures.w;
import static org.plenum.server.vote.VoteFixtures.yesNo;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.core.error.ErrorCode;

class TallyTest {

  @Test
  @DisplayName("T1: totals list every option in poll order, zeros included; validWeight includes abstentions")
  void totals() {
    PollResult r = Tally.count(resolution(MajorityRule.SIMPLE, Abstentions.IGNORED), turnout(50, 45), yesNo(0, 10, 5));
    assertThat(r.totals().keySet()).containsExactly("YES", "NO", "ABSTAIN");
    assertThat(r.total("YES")).isEqualTo(BigDecimal.ZERO);
    assertThat(r.validWeight()).isEqualTo(w(15));
    assertThat(r.ballots()).isEqualTo(15);
    assertThat(r.membersWeight()).isEqualTo(w(50));
    assertThat(r.presentWeight()).isEqualTo(w(45));
    assertThat(r.representedWeight()).isEqualTo(BigDecimal.ZERO);
  }

  @Test
  @DisplayName("T1: weights sum exactly: ten ballots of 0.1 are 1, and 1.50 equals 1.5")
  void exact_sums() {
    List<CountedBallot> tenths = Collections.nCopies(10, new CountedBallot(Choice.YES, w("0.1")));
    PollResult r = Tally.count(resolution(MajorityRule.SIMPLE, Abstentions.IGNORED), turnout(10, 10),
        concat(tenths, List.of(new CountedBallot(Choice.NO, w("1.50")))));
    assertThat(r.total("YES")).isEqualTo(BigDecimal.ONE);
    assertThat(r.total("NO")).isEqualTo(w("1.5"));
    assertThat(r.validWeight().toPlainString()).isEqualTo("2.5");
    assertThat(r.ballots()).isEqualTo(11);
  }

  @Test
  @DisplayName("T2: a ballot that does not fit the poll stops the count with INVALID_BALLOT; weights must be > 0")
  void invalid_ballots() {
    PollSpec spec = resolution(MajorityRule.SIMPLE, Abstentions.IGNORED);
    failsWith(ErrorCode.INVALID_BALLOT, () -> Tally.count(spec, turnout(10, 10), concat(yesNo(3, 1, 0), ballots(1, "YES", "NO"))))
        .hasMessageContaining("too many choices: at most 1");
    failsWith(ErrorCode.BAD_MESSAGE, () -> new CountedBallot(Choice.YES, BigDecimal.ZERO)).hasMessageContaining("must be > 0");
  }

  @Test
  @DisplayName("T1: the count does not depend on the order of ballots")
  void order_independent() {
    PollSpec spec = choice(PollKind.MULTIPLE_CHOICE, 1, 2, MajorityRule.RELATIVE, "A", "B", "C");
    List<CountedBallot> bs = new ArrayList<>(concat(ballots(4, "A", "B"), ballots(3, "C"), ballots(2, "B"),
        List.of(new CountedBallot(Choice.of("A"), w("0.5")))));
    PollResult first = Tally.count(spec, turnout(20, 20), bs);
    Collections.shuffle(bs, new Random(7));
    assertThat(Tally.count(spec, turnout(20, 20), bs)).isEqualTo(first);
    assertThat(Tally.count(spec, turnout(20, 20), bs).canonicalJson()).isEqualTo(first.canonicalJson());
  }

  @Test
  @DisplayName("T3: the explanation is one line, Vietnamese then English")
  void explanation_one_line() {
    PollResult r = Tally.count(resolution(MajorityRule.TWO_THIRDS_OF_VALID, Abstentions.COUNTED), turnout(30, 30), yesNo(20, 9, 1));
    assertThat(r.explanation()).doesNotContain("\n").contains(" / ")
        .isEqualTo("Tán thành 20/30 phiếu biểu quyết (66,67%), đạt từ 2/3 số phiếu biểu quyết trở lên — thông qua"
            + " / Yes 20 of 30 votes cast (66.67%), meets at least 2/3 of votes cast — adopted");
  }

  @Test
  @DisplayName("T4: canonical JSON has sorted keys at every level and decimals as plain strings")
  void canonical_json() {
    List<CountedBallot> bs = concat(yesNo(2, 1, 0), List.of(new CountedBallot(Choice.YES, w("0.5"))));
    PollResult r = Tally.count(resolution(MajorityRule.SIMPLE, Abstentions.IGNORED), new Turnout(w(10), w("3.5"), BigDecimal.ZERO), bs);
    String json = r.canonicalJson();
    assertThat(json).startsWith("{\"ballots\":4,\"explanation\":\"Tán thành 2,5/3,5 phiếu biểu quyết")
        .contains("\"membersWeight\":\"10\",\"outcome\":{\"elected\":[],\"tied\":[],\"verdict\":\"ADOPTED\"},\"presentWeight\":\"3.5\"")
        .endsWith("\"ruleName\":\"SIMPLE\",\"totals\":{\"ABSTAIN\":\"0\",\"NO\":\"1\",\"YES\":\"2.5\"},\"validWeight\":\"3.5\"}");
    assertThat(new JsonObject(json).getString("explanation")).isEqualTo(r.explanation());
    assertThat(r.canonicalBytes()).isEqualTo(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
