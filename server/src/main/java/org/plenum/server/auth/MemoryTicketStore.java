package org.plenum.server.auth;

import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * WebSocket tickets of a single node (D46): in memory, by their SHA-256, never in PostgreSQL. A ticket lives for a few
 * seconds ({@code auth.ticket_ttl}) and is redeemed on the node that issued it when there is only one node, so the
 * two commits a socket cost (insert, then mark used) buy nothing there; a restart loses unredeemed tickets, and their
 * clients ask for new ones as after any refusal. Clustered nodes keep {@link PgTicketStore} (a ticket issued through
 * one node may be redeemed through another). Same rules as the table: used once ({@code remove} is atomic), not after
 * its expiry, not when its login session has ended.
 */
final class MemoryTicketStore implements TicketStore {
  /** Above this many held tickets an insert first drops the expired ones (at most once a second). */
  static final int SWEEP_ABOVE = 10_000;

  private record Held(TicketService.Holder holder, OffsetDateTime expiresAt) {}

  private record Key(String hash) {}

  private final ConcurrentHashMap<Key, Held> tickets = new ConcurrentHashMap<>();
  private final BiFunction<UUID, UUID, Future<Boolean>> sessionLive;
  private final java.time.Clock clock;
  private volatile long lastSweep;

  /** {@code sessionLive(session, account)}: whether the login session still stands (not signed out). */
  MemoryTicketStore(BiFunction<UUID, UUID, Future<Boolean>> sessionLive, java.time.Clock clock) {
    this.sessionLive = sessionLive;
    this.clock = clock;
  }

  private static Key key(byte[] hash) {
    return new Key(java.util.HexFormat.of().formatHex(hash));
  }

  @Override
  public Future<Void> insert(byte[] ticketHash, TicketService.Holder holder, OffsetDateTime expiresAt) {
    long now = System.nanoTime();
    if (tickets.size() > SWEEP_ABOVE && now - lastSweep > 1_000_000_000L) {
      lastSweep = now;
      OffsetDateTime at = OffsetDateTime.now(clock);
      tickets.values().removeIf(h -> !h.expiresAt().isAfter(at));
    }
    if (tickets.putIfAbsent(key(ticketHash), new Held(holder, expiresAt)) != null) {
      return Future.failedFuture(new IllegalStateException("A ticket with this hash exists already."));
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Optional<TicketService.Holder>> redeem(byte[] ticketHash) {
    Held held = tickets.remove(key(ticketHash));
    if (held == null || !held.expiresAt().isAfter(OffsetDateTime.now(clock))) {
      return Future.succeededFuture(Optional.empty());
    }
    TicketService.Holder h = held.holder();
    return sessionLive.apply(h.sessionId(), h.accountId().value()).map(live -> live ? Optional.of(h) : Optional.empty());
  }

  /** How many tickets are held (for tests). */
  int size() {
    return tickets.size();
  }
}
