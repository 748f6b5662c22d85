package org.plenum.server.auth;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.Principal;
import org.plenum.server.core.error.PlenumException;

/**
 * Browsers cannot set headers on a WebSocket, so a client exchanges its access token for a ticket: random,
 * single-use, valid for one meeting and a few seconds ({@code auth.ticket_ttl}), stored only as a hash.
 */
public final class TicketService {
  private final TicketStore store;
  private final Duration ttl;

  public TicketService(TicketStore store, Duration ttl) {
    this.store = store;
    this.ttl = ttl;
  }

  public record Ticket(String value, long expiresIn) {}

  /** Who redeemed a ticket, for which meeting and login session. */
  public record Holder(AccountId accountId, MeetingId meetingId, UUID sessionId) {}

  /** The caller's access to the meeting is checked by the caller of this method. */
  public Future<Ticket> issue(Principal principal, MeetingId meeting) {
    String value = Tokens.random(32);
    OffsetDateTime expires = OffsetDateTime.now(ZoneOffset.UTC).plus(ttl);
    return store.insert(Tokens.sha256(value), new Holder(new AccountId(principal.accountId()), meeting, principal.sessionId()), expires)
        .map(v -> new Ticket(value, ttl.toSeconds()));
  }

  /** Consumes a ticket for {@code meeting}; a ticket works once, before it expires, for its own meeting only. */
  public Future<Holder> redeem(String ticket, MeetingId meeting) {
    if (ticket == null || ticket.isBlank() || ticket.length() > 100) {
      return Future.failedFuture(PlenumException.notAuthenticated("A WebSocket ticket is required (?ticket=...)."));
    }
    return store.redeem(Tokens.sha256(ticket))
        .compose(found -> {
          if (found.isEmpty()) {
            return Future.failedFuture(PlenumException.notAuthenticated("The WebSocket ticket is unknown, expired or already used."));
          }
          if (!found.get().meetingId().equals(meeting)) {
            return Future.failedFuture(PlenumException.forbidden("This ticket was issued for another meeting."));
          }
          return Future.succeededFuture(found.get());
        });
  }
}
