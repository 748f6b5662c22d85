package org.plenum.server.vote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.vote.VoteFixtures.concat;
import static org.plenum.server.vote.VoteFixtures.failsWith;
import static org.plenum.server.vote.VoteFixtures.member;
import static org.plenum.server.vote.VoteFixtures.members;
import static org.plenum.server.vote.VoteFixtures.w;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.vote.Voter.Presence;

class EligibilityTest {
  /** Members 1-3 present (hall, tablet, remote room), 4-6 absent. */
  private static final List<Voter> SIX = List.of(Voter.of(member(1), Presence.HALL), Voter.of(member(2), Presence.TABLET),
      Voter.of(member(3), Presence.REMOTE_ROOM), Voter.of(member(4), Presence.ABSENT), Voter.of(member(5), Presence.ABSENT),
      Voter.of(member(6), Presence.ABSENT));

  @Test
  @DisplayName("E1: voters are unique, weigh more than 0, and there is at least one")
  void voters_are_valid() {
    failsWith(ErrorCode.BAD_MESSAGE, () -> Eligibility.of(concat(SIX, List.of(Voter.of(member(1), Presence.HALL))), List.of(), 2))
        .hasMessageContaining(member(1) + " is listed twice");
    failsWith(ErrorCode.BAD_MESSAGE, () -> new Voter(member(1), BigDecimal.ZERO, Presence.HALL)).hasMessageContaining("must be > 0");
    failsWith(ErrorCode.BAD_MESSAGE, () -> new Voter(member(1), w("-1"), Presence.HALL)).hasMessageContaining("must be > 0");
    failsWith(ErrorCode.BAD_MESSAGE, () -> Eligibility.of(List.of(), List.of(), 2)).hasMessageContaining("at least one member");
    failsWith(ErrorCode.BAD_MESSAGE, () -> Eligibility.of(SIX, List.of(), -1)).hasMessageContaining("maxProxiesPerVoter");
  }

  @Test
  @DisplayName("E2, E6: hall, tablet and remote room are present; turnout sums weights exactly, 0.5 votes included")
  void turnout() {
    List<Voter> voters = List.of(new Voter(member(1), w("0.5"), Presence.HALL), new Voter(member(2), w("1.50"), Presence.TABLET),
        new Voter(member(3), w("1"), Presence.REMOTE_ROOM), new Voter(member(4), w("0.5"), Presence.ABSENT),
        new Voter(member(5), w("2"), Presence.ABSENT));
    Eligibility e = Eligibility.of(voters, List.of(new Proxy(member(4), member(1))), 1);
    assertThat(e.turnout()).isEqualTo(new Turnout(w("5.5"), w("3"), w("0.5")));
    assertThat(e.eligibleWeight()).isEqualByComparingTo("3.5");
    assertThat(e.turnout().presentWeight().toPlainString()).isEqualTo("3");
    assertThat(e.members()).extracting(Voter::accountId).containsExactly(member(1), member(2), member(3), member(4), member(5));
  }

  @Test
  @DisplayName("E3: a present member casts only their own ballot; an absent member casts none")
  void own_ballot_only() {
    Eligibility e = Eligibility.of(SIX, List.of(), 2);
    assertThat(e.principalsFor(member(3))).containsExactly(member(3));
    assertThat(e.weightFor(member(2), member(2))).isEqualByComparingTo("1");
    failsWith(ErrorCode.FORBIDDEN, () -> e.principalsFor(member(4))).hasMessageContaining("is not eligible to vote: absent");
  }

  @Test
  @DisplayName("E3, E5: a proxy holder casts their own ballot and those they represent, with the represented member's weight")
  void holder_casts_for_represented() {
    List<Voter> voters = concat(members(1, 3, Presence.HALL), List.of(new Voter(member(4), w("0.5"), Presence.ABSENT)),
        members(5, 5, Presence.ABSENT));
    Eligibility e = Eligibility.of(voters, List.of(new Proxy(member(4), member(1)), new Proxy(member(5), member(1))), 2);
    assertThat(e.principalsFor(member(1))).containsExactly(member(1), member(4), member(5));
    assertThat(e.weightFor(member(1), member(4))).isEqualByComparingTo("0.5");
    assertThat(e.findProxyHolder(member(4))).contains(member(1));
    assertThat(e.findProxyHolder(member(2))).isEmpty();
    failsWith(ErrorCode.FORBIDDEN, () -> e.weightFor(member(2), member(4)))
        .hasMessageContaining("is not eligible to vote for " + member(4)).hasMessageContaining("holds no proxy");
    failsWith(ErrorCode.FORBIDDEN, () -> e.weightFor(member(4), member(4)))
        .hasMessageContaining("absent; their proxy holder votes for them");
    failsWith(ErrorCode.FORBIDDEN, () -> e.weightFor(member(2), member(3))).hasMessageContaining("holds no proxy");
  }

  @Test
  @DisplayName("E5: someone who is not a member with voting right is not eligible")
  void stranger_is_forbidden() {
    Eligibility e = Eligibility.of(SIX, List.of(), 2);
    UUID observer = UUID.randomUUID();
    failsWith(ErrorCode.FORBIDDEN, () -> e.principalsFor(observer))
        .hasMessageContaining(observer + " is not eligible to vote: not a member with voting right");
    failsWith(ErrorCode.FORBIDDEN, () -> e.weightFor(null, member(1))).hasMessageContaining("not eligible");
  }

  @Test
  @DisplayName("E4: a holder may carry up to maxProxiesPerVoter proxies; one more is BAD_MESSAGE")
  void proxy_limit() {
    List<Proxy> two = List.of(new Proxy(member(4), member(1)), new Proxy(member(5), member(1)));
    assertThat(Eligibility.of(SIX, two, 2).principalsFor(member(1))).hasSize(3);
    List<Proxy> three = concat(two, List.of(new Proxy(member(6), member(1))));
    failsWith(ErrorCode.BAD_MESSAGE, () -> Eligibility.of(SIX, three, 2))
        .hasMessageContaining(member(1) + " carries 3 proxies; at most 2 allowed");
    List<Proxy> spread = concat(two.subList(0, 1), List.of(new Proxy(member(5), member(2)), new Proxy(member(6), member(3))));
    assertThat(Eligibility.of(SIX, spread, 1).turnout().representedWeight()).isEqualByComparingTo("3");
  }

  @Test
  @DisplayName("E4: maxProxiesPerVoter = 0 disables proxies")
  void proxies_disabled() {
    assertThat(Eligibility.of(SIX, List.of(), 0).eligibleWeight()).isEqualByComparingTo("3");
    failsWith(ErrorCode.BAD_MESSAGE, () -> Eligibility.of(SIX, List.of(new Proxy(member(4), member(1))), 0))
        .hasMessageContaining("proxies are disabled");
  }

  @Test
  @DisplayName("E4: no chains: a member holding a proxy cannot give one, whatever the order")
  void no_chains() {
    List<Voter> voters = concat(members(1, 2, Presence.HALL), members(3, 4, Presence.ABSENT));
    failsWith(ErrorCode.BAD_MESSAGE, () -> Eligibility.of(voters, List.of(new Proxy(member(3), member(4)), new Proxy(member(4), member(1))), 3))
        .hasMessageContaining("proxy chains are not allowed: " + member(4));
    failsWith(ErrorCode.BAD_MESSAGE, () -> Eligibility.of(voters, List.of(new Proxy(member(4), member(1)), new Proxy(member(3), member(4))), 3))
        .hasMessageContaining("proxy chains are not allowed");
  }

  @Test
  @DisplayName("E4: a present member cannot give a proxy; an absent member cannot hold one")
  void presence_of_giver_and_holder() {
    failsWith(ErrorCode.BAD_MESSAGE, () -> Eligibility.of(SIX, List.of(new Proxy(member(2), member(1))), 2))
        .hasMessageContaining(member(2) + " is present and votes in person");
    failsWith(ErrorCode.BAD_MESSAGE, () -> Eligibility.of(SIX, List.of(new Proxy(member(4), member(5))), 2))
        .hasMessageContaining("proxy holder " + member(5) + " is absent");
  }

  @Test
  @DisplayName("E4: a proxy needs two different members, and a member gives only one")
  void proxy_ends() {
    UUID stranger = UUID.randomUUID();
    failsWith(ErrorCode.BAD_MESSAGE, () -> Eligibility.of(SIX, List.of(new Proxy(member(1), member(1))), 2))
        .hasMessageContaining("cannot hold their own proxy");
    failsWith(ErrorCode.BAD_MESSAGE, () -> Eligibility.of(SIX, List.of(new Proxy(stranger, member(1))), 2))
        .hasMessageContaining("proxy giver " + stranger + " is not a member");
    failsWith(ErrorCode.BAD_MESSAGE, () -> Eligibility.of(SIX, List.of(new Proxy(member(4), stranger)), 2))
        .hasMessageContaining("proxy holder " + stranger + " is not a member");
    failsWith(ErrorCode.BAD_MESSAGE, () -> Eligibility.of(SIX, List.of(new Proxy(member(4), member(1)), new Proxy(member(4), member(2))), 2))
        .hasMessageContaining(member(4) + " gives more than one proxy");
    failsWith(ErrorCode.BAD_MESSAGE, () -> new Proxy(null, member(1))).hasMessageContaining("needs both");
  }
}
