package org.plenum.server.auth;

import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;
import org.plenum.server.testing.StoreDb;

/**
 * The contract of {@link TicketStore} on the single node's memory store (D46): the same tests as the table's, the
 * login session read from real PostgreSQL on each redeem (as {@code AuthService.sessionLive} does between changes).
 */
class MemoryTicketStoreContractIT extends TicketStoreContractIT {
  @BeforeAll
  static void start() {
    pg = StoreDb.create();
    PgSessionStore sessions = new PgSessionStore(pg.db());
    store = new MemoryTicketStore((session, account) -> sessions.find(session, account)
        .map(found -> found.isPresent() && found.get().revokedAt() == null && !found.get().accountDisabled()), Clock.systemUTC());
  }
}
