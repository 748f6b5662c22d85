package org.plenum.server.core.ledger;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import org.plenum.server.core.DomainEvent;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.db.Tx;

/**
 * Every state change of a meeting goes through {@link #write}: one PostgreSQL transaction that locks the meeting's
 * clock, applies the change to the projections, appends its events to the ledger and commits. Only after the
 * commit are the events published on the event bus (address {@link #address}), one message per event per node.
 */
public final class Ledger {
  public static final String ADDRESS_PREFIX = "plenum.meeting.";

  private final Vertx vertx;
  private final Database db;
  private final LedgerStore store;

  public Ledger(Vertx vertx, Database db, LedgerStore store) {
    this.vertx = vertx;
    this.db = db;
    this.store = store;
  }

  public static String address(MeetingId meeting) {
    return ADDRESS_PREFIX + meeting;
  }

  /** What a change produced: its value for the caller and its committed events. */
  public record Written<T>(T value, List<LedgerEvent> events) {
    public long lastSeq() {
      return events.isEmpty() ? 0 : events.get(events.size() - 1).seq();
    }
  }

  /** What the change function returns: a value for the caller and the events to append. */
  public record Change<T>(T value, List<? extends DomainEvent> events) {
    public static <T> Change<T> of(T value, DomainEvent... events) {
      return new Change<>(value, List.of(events));
    }
  }

  /**
   * Runs {@code change} in a transaction holding the meeting's clock lock; appends its events; commits; publishes.
   * A failed change rolls back and publishes nothing.
   */
  public <T> Future<Written<T>> write(MeetingId meeting, UUID actor, BiFunction<Tx, LedgerStore.Head, Future<Change<T>>> change) {
    return db.inTransaction(tx -> store.lock(tx, meeting)
            .compose(head -> change.apply(tx, head)
                .compose(c -> store.append(tx, meeting, head, actor, c.events()).map(events -> new Written<>(c.value(), events)))))
        .onSuccess(w -> w.events().forEach(this::publish));
  }

  public void publish(LedgerEvent e) {
    vertx.eventBus().publish(address(e.meetingId()), e.toBus());
  }

  public LedgerStore store() {
    return store;
  }
}
