package org.plenum.server.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.testing.StoreDb.await;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.StoreDb;

/** The contract of {@link InstallationStore}, on real PostgreSQL. */
class InstallationStoreContractIT {
  static StoreDb pg;
  static InstallationStore store;

  @BeforeAll
  static void start() {
    pg = StoreDb.create();
    store = new PgInstallationStore(pg.db());
  }

  @AfterAll
  static void stop() {
    pg.close();
  }

  @Test
  @DisplayName("A key is marked once — the first mark wins, later ones report it was already there")
  void mark_once() {
    assertThat(await(store.marked("demo_seeded"))).isFalse();
    assertThat(await(pg.db().<Boolean>inTransaction(tx -> store.mark(tx, "demo_seeded")))).isTrue();
    assertThat(await(pg.db().<Boolean>inTransaction(tx -> store.mark(tx, "demo_seeded")))).isFalse();
    assertThat(await(store.marked("demo_seeded"))).isTrue();
    assertThat(await(store.marked("other"))).isFalse();
  }
}
