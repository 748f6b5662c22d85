package org.plenum.server.auth;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.Principal;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;

/**
 * Browsers cannot set headers on a WebSocket, so a client exchanges its access token for a ticket: random,
 * single-use, valid for one meeting and a few seconds ({@code auth.ticket_ttl}), stored only as a hash.
 */
public final class TicketService {
  private final TicketStore store;
  private final Duration ttl;
  private final int perMinute;
  /** AU13: when this process issued each account's tickets of the last minute (at most {@code perMinute} each). */
  private final java.util.concurrent.ConcurrentHashMap<UUID, java.util.ArrayDeque<Long>> issued = new java.util.concurrent.ConcurrentHashMap<>();

  public TicketService(TicketStore store, Duration ttl, int perMinute) {
    this.store = store;
    this.ttl = ttl;
    this.perMinute = perMinute;
  }

  /** AU13: RATE_LIMITED once the account took {@code auth.tickets_per_minute} tickets in the last 60 s (per process). */
  private void count(UUID account) {
    long now = System.nanoTime();
    long minute = 60_000_000_000L;
    if (issued.size() > 10_000) {
      issued.values().removeIf(q -> {
        synchronized (q) {
          return q.isEmpty() || now - q.peekLast() > minute;
        }
      });
    }
    java.util.ArrayDeque<Long> q = issued.computeIfAbsent(account, k -> new java.util.ArrayDeque<>());
    synchronized (q) {
      while (!q.isEmpty() && now - q.peekFirst() > minute) {
        q.pollFirst();
      }
      if (q.size() >= perMinute) {
        Duration retry = Duration.ofNanos(Math.max(1_000_000_000L, minute - (now - q.peekFirst())));
        throw new PlenumException(ErrorCode.RATE_LIMITED, "Too many WebSocket tickets for this account; try again in "
            + Math.max(1, retry.toSeconds()) + " s.", retry);
      }
      q.addLast(now);
    }
  }

  public record Ticket(String value, long expiresIn) {}

  /** Who redeemed a ticket, for which meeting and login session. */
  public record Holder(AccountId accountId, MeetingId meetingId, UUID sessionId) {}

  /** The caller's access to the meeting is checked by the caller of this method. */
  public Future<Ticket> issue(Principal principal, MeetingId meeting) {
    try {
      count(principal.accountId());
    } catch (PlenumException e) {
      return Future.failedFuture(e);
    }
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
