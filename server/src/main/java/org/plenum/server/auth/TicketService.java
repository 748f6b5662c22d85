package org.plenum.server.auth;

import org.plenum.server.core.Principal;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.plenum.server.account.AccountId;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.MeetingId;

/**
 * Browsers cannot set headers on a WebSocket, so a client exchanges its access token for a ticket: random,
 * single-use, valid for one meeting and a few seconds ({@code auth.ticket_ttl}), stored only as a hash.
 */
public final class TicketService {
  private final Pool pool;
  private final Duration ttl;

  public TicketService(Pool pool, Duration ttl) {
    this.pool = pool;
    this.ttl = ttl;
  }

  public record Ticket(String value, long expiresIn) {}

  /** Who redeemed a ticket, for which meeting and login session. */
  public record Holder(AccountId accountId, MeetingId meetingId, UUID sessionId) {}

  /** The caller's access to the meeting is checked by the caller of this method. */
  public Future<Ticket> issue(Principal principal, MeetingId meeting) {
    String value = Tokens.random(32);
    OffsetDateTime expires = OffsetDateTime.now(ZoneOffset.UTC).plus(ttl);
    return pool.preparedQuery("with cleanup as (delete from ws_ticket where expires_at < now() - interval '1 hour') "
            + "insert into ws_ticket (ticket_hash, account_id, session_id, meeting_id, expires_at) values ($1, $2, $3, $4, $5)")
        .execute(Tuple.of(Buffer.buffer(Tokens.sha256(value)), principal.accountId(), principal.sessionId(), meeting.value(), expires))
        .map(v -> new Ticket(value, ttl.toSeconds()));
  }

  /** Consumes a ticket for {@code meeting}; a ticket works once, before it expires, for its own meeting only. */
  public Future<Holder> redeem(String ticket, MeetingId meeting) {
    if (ticket == null || ticket.isBlank() || ticket.length() > 100) {
      return Future.failedFuture(PlenumException.notAuthenticated("A WebSocket ticket is required (?ticket=...)."));
    }
    return pool.preparedQuery("update ws_ticket t set used_at = now() from auth_session s "
            + "where t.ticket_hash = $1 and t.used_at is null and t.expires_at > now() and s.id = t.session_id and s.revoked_at is null "
            + "returning t.account_id, t.meeting_id, t.session_id")
        .execute(Tuple.of(Buffer.buffer(Tokens.sha256(ticket))))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(PlenumException.notAuthenticated("The WebSocket ticket is unknown, expired or already used."));
          }
          Row r = rows.iterator().next();
          if (!r.getUUID("meeting_id").equals(meeting.value())) {
            return Future.failedFuture(PlenumException.forbidden("This ticket was issued for another meeting."));
          }
          return Future.succeededFuture(new Holder(new AccountId(r.getUUID("account_id")), meeting, r.getUUID("session_id")));
        });
  }
}
