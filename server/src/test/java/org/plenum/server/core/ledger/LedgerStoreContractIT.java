package org.plenum.server.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plenum.server.testing.StoreDb.await;

import io.vertx.core.Future;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.core.DomainEvent;
import org.plenum.server.core.EventType;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.testing.StoreDb;

/** The contract of {@link LedgerStore}, on real PostgreSQL. */
class LedgerStoreContractIT {
  @EventType("test.noted")
  record Noted(String text) implements DomainEvent {}

  static StoreDb pg;
  static LedgerStore store;

  @BeforeAll
  static void start() {
    pg = StoreDb.create();
    store = new PgLedgerStore(pg.db());
  }

  @AfterAll
  static void stop() {
    pg.close();
  }

  @Test
  @DisplayName("L1, L2: appends under the lock continue the seq without gaps and chain each hash to the previous one")
  void append_chains() {
    MeetingId m = MeetingId.random();
    pg.exec("insert into meeting (id, title) values (?, 'm')", m.value());
    UUID actor = pg.account("actor-" + UUID.randomUUID());
    assertThat(await(store.headSeq(pg.db().auto(), m))).isEmpty();
    await(pg.db().inTransaction(tx -> store.createClock(tx, m).compose(v -> store.createClock(tx, m))));
    assertThat(await(store.headSeq(m))).isZero();
    List<LedgerEvent> first = await(pg.db().inTransaction(tx -> store.lock(tx, m)
        .compose(head -> store.append(tx, m, head, actor, List.of(new Noted("a"), new Noted("b"))))));
    List<LedgerEvent> second = await(pg.db().inTransaction(tx -> store.lock(tx, m)
        .compose(head -> store.append(tx, m, head, null, List.of(new Noted("c"))))));
    assertThat(first).extracting(LedgerEvent::seq).containsExactly(1L, 2L);
    assertThat(second.get(0).seq()).isEqualTo(3L);
    assertThat(first.get(0).prevHash()).isEqualTo(LedgerHash.GENESIS);
    assertThat(first.get(1).prevHash()).isEqualTo(first.get(0).hash());
    assertThat(second.get(0).prevHash()).isEqualTo(first.get(1).hash());
    assertThat(await(store.headSeq(m))).isEqualTo(3L);
    List<LedgerEvent> read = await(store.read(m, 1, 3, 10));
    assertThat(read).extracting(LedgerEvent::seq).containsExactly(2L, 3L);
    assertThat(read.get(0).data()).isEqualTo("{\"text\":\"b\"}");
    assertThat(read.get(0).type()).isEqualTo("test.noted");
    assertThat(read.get(0).hash()).isEqualTo(first.get(1).hash());
    assertThat(await(store.read(m, 0, 3, 1))).hasSize(1);
    assertThat(await(new LedgerVerifier(store).verify(m)).getBoolean("valid")).isTrue();
  }

  @Test
  @DisplayName("L3: a failed change rolls back its events and leaves the clock; locking an unknown meeting is NOT_FOUND")
  void rollback_and_unknown() {
    MeetingId m = MeetingId.random();
    pg.exec("insert into meeting (id, title) values (?, 'm')", m.value());
    await(pg.db().inTransaction(tx -> store.createClock(tx, m)));
    assertThatThrownBy(() -> await(pg.db().inTransaction(tx -> store.lock(tx, m)
        .compose(head -> store.append(tx, m, head, null, List.of(new Noted("lost"))))
        .compose(events -> Future.failedFuture(new IllegalStateException("change failed"))))))
        .hasMessageContaining("change failed");
    assertThat(await(store.headSeq(m))).isZero();
    assertThat(await(store.read(m, 0, 10, 10))).isEmpty();
    assertThatThrownBy(() -> await(pg.db().inTransaction(tx -> store.lock(tx, MeetingId.random()))))
        .isInstanceOfSatisfying(PlenumException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }
}
