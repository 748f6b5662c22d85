package org.plenum.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.testing.StoreDb.await;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.core.MeetingId;
import org.plenum.server.testing.StoreDb;

/** The contract of {@link TicketStore}, on real PostgreSQL ({@link MemoryTicketStoreContractIT} runs it on the memory store). */
class TicketStoreContractIT {
  static StoreDb pg;
  static TicketStore store;

  @BeforeAll
  static void start() {
    pg = StoreDb.create();
    store = new PgTicketStore(pg.db(), java.time.Duration.ZERO);
  }

  @AfterAll
  static void stop() {
    pg.close();
  }

  /** A holder with a live login session in a new meeting. */
  static TicketService.Holder holder() {
    UUID an = pg.account("an-" + UUID.randomUUID());
    return new TicketService.Holder(new AccountId(an), pg.meeting("m"), pg.session(an, null));
  }

  static OffsetDateTime inSeconds(long seconds) {
    return OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(seconds);
  }

  static byte[] ticket() {
    return Tokens.sha256(Tokens.random(32));
  }

  @Test
  @DisplayName("S1, S3: a ticket redeems once, giving who holds it, for which meeting and login session; then never again")
  void single_use() {
    TicketService.Holder h = holder();
    byte[] t = ticket();
    await(store.insert(t, h, inSeconds(30)));
    assertThat(await(store.redeem(t))).contains(h);
    assertThat(await(store.redeem(t))).isEmpty();
    assertThat(await(store.redeem(ticket()))).as("an unknown ticket").isEmpty();
  }

  @Test
  @DisplayName("S2: an expired ticket, or one whose login session has ended, does not redeem")
  void expired_or_session_ended() {
    TicketService.Holder h = holder();
    byte[] expired = ticket();
    await(store.insert(expired, h, inSeconds(-1)));
    assertThat(await(store.redeem(expired))).isEmpty();
    byte[] live = ticket();
    await(store.insert(live, h, inSeconds(30)));
    pg.exec("update auth_session set revoked_at = now() where id = ?", h.sessionId());
    assertThat(await(store.redeem(live))).isEmpty();
  }

  @Test
  @DisplayName("S1: of many redeems of one ticket at the same moment exactly one succeeds")
  void concurrent_redeems_succeed_once() {
    TicketService.Holder h = holder();
    byte[] t = ticket();
    await(store.insert(t, h, inSeconds(30)));
    List<CompletableFuture<Optional<TicketService.Holder>>> all = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      all.add(store.redeem(t).toCompletionStage().toCompletableFuture());
    }
    assertThat(all.stream().map(CompletableFuture::join).filter(Optional::isPresent)).hasSize(1);
  }

  @Test
  @DisplayName("Storing a ticket drops those that expired over an hour ago, and keeps the recent ones")
  void insert_drops_old_tickets() {
    org.junit.jupiter.api.Assumptions.assumeTrue(store instanceof PgTicketStore, "the table's cleanup");
    TicketService.Holder h = holder();
    byte[] old = ticket();
    byte[] recent = ticket();
    await(store.insert(recent, h, inSeconds(-600)));
    await(store.insert(old, h, inSeconds(-3700)));
    assertThat(pg.value("select count(*) from ws_ticket where ticket_hash = ?", (Object) old)).as("a ticket is not dropped by its own insert").isEqualTo("1");
    await(store.insert(ticket(), h, inSeconds(30)));
    assertThat(pg.value("select count(*) from ws_ticket where ticket_hash = ?", (Object) old)).isEqualTo("0");
    assertThat(pg.value("select count(*) from ws_ticket where ticket_hash = ?", (Object) recent)).isEqualTo("1");
  }
}
