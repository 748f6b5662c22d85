package org.plenum.server.auth;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Database;

/** WebSocket tickets in PostgreSQL. */
public final class PgTicketStore implements TicketStore {
  private final Pool pool;

  public PgTicketStore(Database db) {
    this(db, java.time.Duration.ofMinutes(1));
  }

  /** With expired tickets removed at most once every {@code cleanupEvery} (zero: with every insert). */
  PgTicketStore(Database db, java.time.Duration cleanupEvery) {
    this.pool = db.pool();
    this.cleanupEveryNanos = cleanupEvery.toNanos();
    this.lastCleanup = new java.util.concurrent.atomic.AtomicLong(System.nanoTime() - cleanupEveryNanos);
  }

  /**
   * When this process last removed tickets that expired over an hour ago. The removal scans the table (there is no
   * index on the expiry), so it runs with at most one insert a minute, not with every one: with thousands of
   * sockets opening, a scan per ticket made minting quadratic (D46).
   */
  private final java.util.concurrent.atomic.AtomicLong lastCleanup;
  private final long cleanupEveryNanos;

  @Override
  public Future<Void> insert(byte[] ticketHash, TicketService.Holder holder, OffsetDateTime expiresAt) {
    long now = System.nanoTime();
    long last = lastCleanup.get();
    boolean cleanup = now - last >= cleanupEveryNanos && lastCleanup.compareAndSet(last, now);
    return pool.preparedQuery((cleanup ? "with cleanup as (delete from ws_ticket where expires_at < now() - interval '1 hour') " : "")
            + "insert into ws_ticket (ticket_hash, account_id, session_id, meeting_id, expires_at) values ($1, $2, $3, $4, $5)")
        .execute(Tuple.of(Buffer.buffer(ticketHash), holder.accountId().value(), holder.sessionId(), holder.meetingId().value(), expiresAt))
        .mapEmpty();
  }

  @Override
  public Future<Optional<TicketService.Holder>> redeem(byte[] ticketHash) {
    return pool.preparedQuery("update ws_ticket t set used_at = now() from auth_session s "
            + "where t.ticket_hash = $1 and t.used_at is null and t.expires_at > now() and s.id = t.session_id and s.revoked_at is null "
            + "returning t.account_id, t.meeting_id, t.session_id")
        .execute(Tuple.of(Buffer.buffer(ticketHash)))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          Row r = rows.iterator().next();
          return Optional.of(new TicketService.Holder(new AccountId(r.getUUID("account_id")), new MeetingId(r.getUUID("meeting_id")),
              r.getUUID("session_id")));
        });
  }
}
