package org.plenum.server.core.ledger;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.plenum.server.core.DomainEvent;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Tx;

/**
 * The meeting ledger's storage: per meeting a clock (head seq and hash) and the append-only chain of events.
 * Appends run under the clock's lock, so every writer — in any server process — gets the next seq with no gaps and
 * chains to the true previous hash.
 */
public interface LedgerStore {
  /** The locked head of a meeting's ledger, held for the rest of the transaction. */
  record Head(long seq, byte[] hash) {}

  /** Starts a new meeting's chain at seq 0 (no effect when it exists). */
  Future<Void> createClock(Tx tx, MeetingId meeting);

  /** Locks the meeting's clock: writers of one meeting run one after the other from here to commit. NOT_FOUND without one. */
  Future<Head> lock(Tx tx, MeetingId meeting);

  /** Appends {@code events} after {@code head} (which the caller locked) and moves the clock. */
  Future<List<LedgerEvent>> append(Tx tx, MeetingId meeting, Head head, UUID actor, List<? extends DomainEvent> events);

  /** The head seq (0 for an unknown meeting). */
  Future<Long> headSeq(MeetingId meeting);

  /** The head seq as {@code tx} sees it; empty for an unknown meeting. */
  Future<Optional<Long>> headSeq(Tx tx, MeetingId meeting);

  /** Events with {@code after < seq <= upTo}, in order, at most {@code limit}. */
  Future<List<LedgerEvent>> read(Tx tx, MeetingId meeting, long after, long upTo, int limit);

  Future<List<LedgerEvent>> read(MeetingId meeting, long after, long upTo, int limit);

  /** Events of the given types only, in seq order, at most {@code limit} (a feature folding its own history). */
  Future<List<LedgerEvent>> readTypes(MeetingId meeting, java.util.Set<String> types, int limit);
}
