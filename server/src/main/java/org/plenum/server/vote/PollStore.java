package org.plenum.server.vote;

import io.vertx.core.Future;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Tx;

/**
 * Polls, ballots and proxies. Who voted and what was chosen are kept apart, sharing nothing but the poll (V12, D12);
 * one voter row per (poll, voter) is the final word on double voting (VT3). When a secret poll closes, both kinds of
 * rows of that poll are written again in an order that says nothing ({@link #reorder}, D13).
 */
public interface PollStore {
  /**
   * A stored poll: the domain poll, its agenda item, its settings, when it closes by itself (null without a time
   * limit or before it opens), whether that time has passed, and its stored result and published texts (null until
   * closed).
   */
  record Stored(Poll poll, MeetingId meeting, UUID agendaItemId, PollSettings settings, OffsetDateTime closesAt, boolean expired,
                String resultText, String publishedText) {}

  /** A named vote: who chose what (NAMED polls only). */
  record Named(UUID voter, Choice choice) {}

  Future<Void> insert(Tx tx, MeetingId meeting, Poll poll, UUID agendaItem, PollSettings settings);

  /** The poll of this meeting, locked for the transaction; NOT_FOUND otherwise. */
  Future<Stored> get(Tx tx, MeetingId meeting, PollId id);

  /**
   * D47: the poll of this meeting held FOR SHARE for the transaction (a ballot batch), or NOT_FOUND. Batches share it;
   * {@link #get} (open, close, cancel) waits for them, and a batch waits for a close and then sees the poll closed.
   */
  Future<Stored> share(Tx tx, MeetingId meeting, PollId id);

  /** The poll of this meeting without a lock, or NOT_FOUND. */
  Future<Stored> read(Tx tx, MeetingId meeting, PollId id);

  /** Every poll of the meeting, oldest first. */
  Future<List<Stored>> all(Tx tx, MeetingId meeting);

  /** Open polls of the meeting (for quorum views). */
  Future<List<Stored>> open(Tx tx, MeetingId meeting);

  /** Open polls of every meeting that close by themselves, for the timers after a start. */
  Future<List<Stored>> timed(Tx tx);

  /** Sets the status; opening starts the clock of a timed poll. Returns when it closes by itself (or null). */
  Future<OffsetDateTime> setStatus(Tx tx, PollId id, PollStatus status, String resultText);

  Future<Void> setPublished(Tx tx, PollId id, String publishedText);

  /**
   * Members among {@code ids} who have a voting right in the meeting, with weight and presence now (for checking a
   * batch of casts without loading every member).
   */
  Future<List<Voter>> votersAmong(Tx tx, MeetingId meeting, Collection<UUID> ids);

  /** The proxies given by any of {@code givers}. */
  Future<List<Proxy>> proxiesFrom(Tx tx, MeetingId meeting, Collection<UUID> givers);

  /**
   * The weight that can be cast now (E6): members with voting right present in the hall or a room, plus absent
   * members whose proxy holder is present.
   */
  Future<BigDecimal> eligibleWeight(Tx tx, MeetingId meeting);

  /**
   * Inserts the voter rows of a batch at once; returns the voters whose row is new. The others already had one (a
   * double vote or a retry: see {@link #keyDigests}).
   */
  Future<Set<UUID>> insertVoters(Tx tx, PollId poll, List<Ballot> ballots, List<String> digests);

  /** Key digests of existing voter rows, by voter (null digest: cast without a key). */
  Future<Map<UUID, String>> keyDigests(Tx tx, PollId poll, Collection<UUID> voters);

  /** Inserts the ballots of a batch (receipt, choice, weight) at once; returns the receipts that were new. */
  Future<Set<String>> insertBallots(Tx tx, PollId poll, List<Ballot> ballots, List<String> receipts);

  Future<Void> deleteVoters(Tx tx, PollId poll, Collection<UUID> voters);

  /** NAMED polls: who chose what, for a batch. */
  Future<Void> insertNamed(Tx tx, PollId poll, List<Ballot> ballots);

  Future<Integer> ballotsCast(Tx tx, PollId poll);

  /** Who cast each voter's ballot (themself, their proxy holder, or the secretary for a paper ballot). */
  Future<Map<UUID, UUID>> castBy(Tx tx, PollId poll);

  /** Every ballot as it will be published: receipt, choice, weight. */
  Future<List<PublishedResult.Entry>> entries(Tx tx, PollId poll);

  /** NAMED polls: who chose what, by voter id. */
  Future<List<Named>> named(Tx tx, PollId poll);

  /**
   * D13: writes the poll's ballots again in a uniformly random order and its voter rows sorted by voter id, so the
   * physical order of neither follows the order of casting. Run in the closing transaction; {@link #vacuum} after the
   * commit reclaims the old row versions.
   */
  Future<Void> reorder(Tx tx, PollId poll, SecureRandom random);

  /** Reclaims dead row versions of the vote tables; {@code tx} must not be a transaction ({@code Database.auto()}). */
  Future<Void> vacuum(Tx tx);

  /** D24: stores (or, with null, erases) the poll's ballot key wrapped under the master key. */
  Future<Void> setSealedKey(Tx tx, PollId poll, byte[] wrapped);

  /** D24: the poll's wrapped ballot key, or null. */
  Future<byte[]> sealedKey(Tx tx, PollId poll);

  /** D24: inserts sealed ballots of a batch (tag, sealed bytes); returns the tags (hex) that were new. */
  Future<Set<String>> insertSealed(Tx tx, PollId poll, List<byte[]> tags, List<byte[]> sealed);

  /** D24: the poll's sealed ballots, in no meaningful order. */
  Future<List<byte[]>> sealedBallots(Tx tx, PollId poll);

  /** D24: deletes the poll's sealed ballots (closing, cancelling). */
  Future<Void> deleteSealed(Tx tx, PollId poll);

  /** D24: writes the entries of a closing secret poll as plaintext ballot rows, in the order given. */
  Future<Void> insertEntries(Tx tx, PollId poll, List<PublishedResult.Entry> entries);

  /** Members with voting right: their weight and where they are now (PRESENT in the hall, REMOTE through a room). */
  Future<List<Voter>> voters(Tx tx, MeetingId meeting);

  /** The proxies registered in the meeting, giver → holder. */
  Future<List<Proxy>> proxies(Tx tx, MeetingId meeting);

  /** Registers (or moves) the giver's proxy. */
  Future<Void> putProxy(Tx tx, MeetingId meeting, Proxy proxy, UUID registeredBy);

  /** Withdraws the giver's proxy; NOT_FOUND when there is none. */
  Future<Void> deleteProxy(Tx tx, MeetingId meeting, UUID giver);
}
