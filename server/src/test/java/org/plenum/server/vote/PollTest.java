package org.plenum.server.vote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.vote.VoteFixtures.concat;
import static org.plenum.server.vote.VoteFixtures.failsWith;
import static org.plenum.server.vote.VoteFixtures.member;
import static org.plenum.server.vote.VoteFixtures.members;
import static org.plenum.server.vote.VoteFixtures.w;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.vote.Voter.Presence;

class PollTest {
  private static final PollSpec SECRET = PollSpec.yesNo("Ngân sách 2026", Secrecy.SECRET, MajorityRule.ABSOLUTE_OF_MEMBERS,
      QuorumRule.moreThanHalfOfMembers(), Abstentions.IGNORED);
  /** Members 1-4 present, 5 absent with proxy to 1 and weight 0.5, 6 absent without proxy. */
  private static final Eligibility ROLL = Eligibility.of(concat(members(1, 4, Presence.TABLET),
      List.of(new Voter(member(5), w("0.5"), Presence.ABSENT), Voter.of(member(6), Presence.ABSENT))),
      List.of(new Proxy(member(5), member(1))), 2);

  @Test
  @DisplayName("V9: a poll goes DRAFT → OPEN → CLOSED")
  void lifecycle() {
    Poll draft = Poll.draft(PollId.random(), SECRET);
    Poll open = draft.open();
    assertThat(open.status()).isEqualTo(PollStatus.OPEN);
    assertThat(open.close().status()).isEqualTo(PollStatus.CLOSED);
    assertThat(draft.status()).isEqualTo(PollStatus.DRAFT);
    assertThat(draft.cancel().status()).isEqualTo(PollStatus.CANCELLED);
    assertThat(open.cancel().status()).isEqualTo(PollStatus.CANCELLED);
  }

  @Test
  @DisplayName("V9: reopening is CONFLICT, closing a poll that is not open POLL_NOT_OPEN, cancelling a closed poll CONFLICT")
  void wrong_transitions() {
    Poll open = Poll.draft(PollId.random(), SECRET).open();
    failsWith(ErrorCode.CONFLICT, open::open).hasMessageContaining("only a draft can be opened");
    failsWith(ErrorCode.POLL_NOT_OPEN, () -> Poll.draft(PollId.random(), SECRET).close()).hasMessageContaining("is not open (DRAFT)");
    failsWith(ErrorCode.CONFLICT, () -> open.close().cancel()).hasMessageContaining("CLOSED and can no longer be cancelled");
    failsWith(ErrorCode.POLL_NOT_OPEN, () -> open.cancel().close()).hasMessageContaining("CANCELLED");
  }

  @Test
  @DisplayName("V10: a ballot is refused POLL_NOT_OPEN first, then FORBIDDEN, then INVALID_BALLOT")
  void ballot_checks_in_order() {
    Poll draft = Poll.draft(PollId.random(), SECRET);
    UUID stranger = UUID.randomUUID();
    failsWith(ErrorCode.POLL_NOT_OPEN, () -> draft.ballotFor(ROLL, stranger, stranger, Choice.of("x")))
        .hasMessageContaining("Poll 'Ngân sách 2026' is not open");
    Poll open = draft.open();
    failsWith(ErrorCode.FORBIDDEN, () -> open.ballotFor(ROLL, stranger, stranger, Choice.of("x"))).hasMessageContaining("not eligible");
    failsWith(ErrorCode.FORBIDDEN, () -> open.ballotFor(ROLL, member(6), member(6), Choice.YES)).hasMessageContaining("absent");
    failsWith(ErrorCode.INVALID_BALLOT, () -> open.ballotFor(ROLL, member(2), member(2), Choice.of("x")))
        .hasMessageContaining("unknown option 'x'");
    failsWith(ErrorCode.POLL_NOT_OPEN, () -> open.close().ballotFor(ROLL, member(2), member(2), Choice.YES));
  }

  @Test
  @DisplayName("V10: a proxy holder's ballot for the member they represent carries that member's weight")
  void proxy_ballot() {
    Poll open = Poll.draft(PollId.random(), SECRET).open();
    Ballot b = open.ballotFor(ROLL, member(1), member(5), Choice.NO);
    assertThat(b).isEqualTo(new Ballot(open.id(), member(5), member(1), Choice.NO, w("0.5")));
    assertThat(b.counted()).isEqualTo(new CountedBallot(Choice.NO, w("0.5")));
    failsWith(ErrorCode.FORBIDDEN, () -> open.ballotFor(ROLL, member(2), member(5), Choice.NO)).hasMessageContaining("holds no proxy");
  }

  @Test
  @DisplayName("V11: a second ballot from the same member is ALREADY_VOTED, with or without a key")
  void exactly_once() {
    Poll open = Poll.draft(PollId.random(), SECRET).open();
    BallotBox box = new BallotBox(open.id(), open.spec());
    box.cast(open.ballotFor(ROLL, member(2), member(2), Choice.YES), "first-key-0123456789");
    failsWith(ErrorCode.ALREADY_VOTED, () -> box.cast(open.ballotFor(ROLL, member(2), member(2), Choice.NO), "second-key-0123456789"))
        .hasMessageContaining("has already voted in poll 'Ngân sách 2026'");
    failsWith(ErrorCode.ALREADY_VOTED, () -> box.cast(open.ballotFor(ROLL, member(2), member(2), Choice.NO), null));
    box.cast(open.ballotFor(ROLL, member(3), member(3), Choice.NO), null);
    failsWith(ErrorCode.ALREADY_VOTED, () -> box.cast(open.ballotFor(ROLL, member(3), member(3), Choice.NO), null));
    assertThat(box.ballotsCast()).isEqualTo(2);
    assertThat(box.counted()).extracting(CountedBallot::choice).containsExactlyInAnyOrder(Choice.YES, Choice.NO);
  }

  @Test
  @DisplayName("V11: a retry with the same key returns the same receipt and stores nothing; the first choice stands")
  void idempotent_retry() {
    Poll open = Poll.draft(PollId.random(), SECRET).open();
    BallotBox box = new BallotBox(open.id(), open.spec());
    String key = UUID.randomUUID().toString();
    BallotBox.Cast first = box.cast(open.ballotFor(ROLL, member(4), member(4), Choice.YES), key);
    BallotBox.Cast retry = box.cast(open.ballotFor(ROLL, member(4), member(4), Choice.NO), key);
    assertThat(first.kind()).isEqualTo(BallotBox.Cast.Kind.RECORDED);
    assertThat(retry).isEqualTo(new BallotBox.Cast(first.receipt(), BallotBox.Cast.Kind.REPEATED));
    assertThat(first.receipt()).isEqualTo(Receipts.fromIdempotencyKey(open.id(), key));
    assertThat(box.counted()).containsExactly(new CountedBallot(Choice.YES, w(1)));
  }

  @Test
  @DisplayName("V11: a proxy holder casts their own ballot and the represented one, one key each; reusing a key is BAD_MESSAGE")
  void holder_casts_two() {
    Poll open = Poll.draft(PollId.random(), SECRET).open();
    BallotBox box = new BallotBox(open.id(), open.spec());
    List<UUID> principals = ROLL.principalsFor(member(1));
    assertThat(principals).containsExactly(member(1), member(5));
    String reused = UUID.randomUUID().toString();
    box.cast(open.ballotFor(ROLL, member(1), member(1), Choice.YES), reused);
    failsWith(ErrorCode.BAD_MESSAGE, () -> box.cast(open.ballotFor(ROLL, member(1), member(5), Choice.NO), reused))
        .hasMessageContaining("use a new key per ballot");
    box.cast(open.ballotFor(ROLL, member(1), member(5), Choice.NO), UUID.randomUUID().toString());
    assertThat(box.voters()).containsExactlyInAnyOrder(member(1), member(5));
    failsWith(ErrorCode.ALREADY_VOTED, () -> box.cast(open.ballotFor(ROLL, member(1), member(5), Choice.YES), null));
  }

  @Test
  @DisplayName("V12: a secret poll keeps who voted apart from what they chose; a named poll also records who chose what")
  void secret_and_named_storage() {
    Poll secret = Poll.draft(PollId.random(), SECRET).open();
    BallotBox box = new BallotBox(secret.id(), secret.spec());
    box.cast(secret.ballotFor(ROLL, member(2), member(2), Choice.NO), UUID.randomUUID().toString());
    box.cast(secret.ballotFor(ROLL, member(3), member(3), Choice.YES), null);
    assertThat(box.voters()).containsExactlyInAnyOrder(member(2), member(3));
    assertThat(box.entries()).allSatisfy(e -> assertThat(e.toJson().encode()).doesNotContain(member(2).toString(), member(3).toString()));
    failsWith(ErrorCode.FORBIDDEN, box::namedChoices).hasMessageContaining("is secret");

    PollSpec namedSpec = PollSpec.yesNo("Công khai", Secrecy.NAMED, MajorityRule.SIMPLE, QuorumRule.atLeast(0), Abstentions.IGNORED);
    Poll named = Poll.draft(PollId.random(), namedSpec).open();
    BallotBox open = new BallotBox(named.id(), namedSpec);
    open.cast(named.ballotFor(ROLL, member(2), member(2), Choice.NO), null);
    assertThat(open.namedChoices()).containsExactly(java.util.Map.entry(member(2), Choice.NO));
  }
}
