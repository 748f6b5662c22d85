package org.plenum.server.vote;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;

/**
 * The ballots of one poll in memory: the reference for the ballot store contract (rules V11, V12) and a test
 * double. Not thread-safe. A PostgreSQL store does the same in one transaction: insert the voter row
 * {@code poll_voter(poll_id, voter_id primary key, cast_by, key_digest)} and the ballot row
 * {@code ballot(poll_id, receipt unique, choice, weight)}; a duplicate voter key is ALREADY_VOTED unless its
 * key_digest matches (then REPEATED with the recomputed receipt); a duplicate receipt means a reused key.
 */
public final class BallotBox {
  /** What a cast did: stored a ballot, or recognised the retry of one already stored. */
  public record Cast(String receipt, Kind kind) {
    public enum Kind { RECORDED, REPEATED }
  }

  private record VoterRow(UUID castBy, String keyDigest) {}

  private record BallotRow(Choice choice, BigDecimal weight) {}

  private final PollId pollId;
  private final PollSpec spec;
  private final Map<UUID, VoterRow> voters = new HashMap<>();
  private final Map<String, BallotRow> ballots = new HashMap<>();
  private final Map<UUID, Choice> named = new HashMap<>();

  public BallotBox(PollId pollId, PollSpec spec) {
    this.pollId = pollId;
    this.spec = spec;
  }

  /**
   * Stores {@code ballot} once. {@code idempotencyKey} may be null (then the receipt is random and a retry is
   * ALREADY_VOTED); with a key the receipt derives from it (R3) and a retry with the same key gets it back.
   */
  public Cast cast(Ballot ballot, String idempotencyKey) {
    if (!ballot.pollId().equals(pollId)) {
      throw new IllegalArgumentException("Ballot for poll " + ballot.pollId() + " in the box of poll " + pollId);
    }
    String digest = idempotencyKey == null ? null : Receipts.keyDigest(pollId, idempotencyKey);
    VoterRow existing = voters.get(ballot.voter());
    if (existing != null) {
      if (digest != null && digest.equals(existing.keyDigest())) {
        return new Cast(Receipts.fromIdempotencyKey(pollId, idempotencyKey), Cast.Kind.REPEATED);
      }
      throw new PlenumException(ErrorCode.ALREADY_VOTED, "Member " + ballot.voter() + " has already voted in poll '"
          + spec.title() + "'.");
    }
    String receipt = idempotencyKey == null ? Receipts.newCode() : Receipts.fromIdempotencyKey(pollId, idempotencyKey);
    if (ballots.containsKey(receipt)) {
      throw PlenumException.badMessage("This idempotency key was already used for another ballot; use a new key per ballot.");
    }
    voters.put(ballot.voter(), new VoterRow(ballot.castBy(), digest));
    ballots.put(receipt, new BallotRow(ballot.choice(), ballot.weight()));
    if (spec.secrecy() == Secrecy.NAMED) {
      named.put(ballot.voter(), ballot.choice());
    }
    return new Cast(receipt, Cast.Kind.RECORDED);
  }

  /** Who has voted (for the roll of a secret poll too). */
  public Set<UUID> voters() {
    return Set.copyOf(voters.keySet());
  }

  public int ballotsCast() {
    return ballots.size();
  }

  public List<CountedBallot> counted() {
    return ballots.values().stream().map(b -> new CountedBallot(b.choice(), b.weight())).toList();
  }

  public List<PublishedResult.Entry> entries() {
    return ballots.entrySet().stream().map(e -> new PublishedResult.Entry(e.getKey(), e.getValue().choice(), e.getValue().weight()))
        .toList();
  }

  /** Who chose what, for a NAMED poll (biểu quyết công khai); FORBIDDEN for a SECRET one. */
  public Map<UUID, Choice> namedChoices() {
    if (spec.secrecy() != Secrecy.NAMED) {
      throw PlenumException.forbidden("Poll '" + spec.title() + "' is secret: who chose what is not recorded.");
    }
    return Map.copyOf(named);
  }
}
