package org.plenum.server.auth;

import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.Optional;

/** WebSocket tickets ({@code ws_ticket}), stored only as SHA-256 hashes. */
public interface TicketStore {
  /** Stores a ticket, dropping (now and then) those that expired over an hour ago. */
  Future<Void> insert(byte[] ticketHash, TicketService.Holder holder, OffsetDateTime expiresAt);

  /**
   * Marks the ticket used if it is unused, not expired and its login session is not revoked, all at once: who holds
   * it and for which meeting; empty otherwise.
   */
  Future<Optional<TicketService.Holder>> redeem(byte[] ticketHash);
}
