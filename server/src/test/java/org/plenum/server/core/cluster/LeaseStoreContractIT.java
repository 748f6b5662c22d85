package org.plenum.server.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.testing.StoreDb.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.StoreDb;

/** The contract of {@link LeaseStore}, on real PostgreSQL: one holder at a time, by the database's clock. */
class LeaseStoreContractIT {
  static StoreDb pg;
  static LeaseStore store;

  @BeforeAll
  static void start() {
    pg = StoreDb.create();
    store = new PgLeaseStore(pg.db());
  }

  @AfterAll
  static void stop() {
    pg.close();
  }

  @Test
  @DisplayName("CL3: a free lease goes to the first node; the holder renews it; another node does not get it while it lasts")
  void one_holder_at_a_time() {
    Duration ttl = Duration.ofMinutes(5);
    assertThat(await(store.acquire("duty-1", "node-a", ttl))).isTrue();
    assertThat(await(store.acquire("duty-1", "node-b", ttl))).isFalse();
    assertThat(await(store.acquire("duty-1", "node-a", ttl))).as("renewal").isTrue();
    assertThat(await(store.acquire("duty-2", "node-b", ttl))).as("another duty is another lease").isTrue();
    assertThat(pg.value("select holder from owner_lease where duty = 'duty-1'")).isEqualTo("node-a");
  }

  @Test
  @DisplayName("CL4: an expired lease goes to the next node that asks; a released one at once, and only its holder can release it")
  void expiry_and_release() {
    assertThat(await(store.acquire("duty-3", "node-a", Duration.ofMinutes(5)))).isTrue();
    pg.exec("update owner_lease set expires_at = now() - interval '1 second' where duty = 'duty-3'"); // node-a stopped renewing
    assertThat(await(store.acquire("duty-3", "node-b", Duration.ofMinutes(5)))).isTrue();
    assertThat(await(store.acquire("duty-3", "node-a", Duration.ofMinutes(5)))).as("the old holder comes back too late").isFalse();
    await(store.release("duty-3", "node-a"));
    assertThat(pg.value("select holder from owner_lease where duty = 'duty-3'")).as("not node-a's to release").isEqualTo("node-b");
    await(store.release("duty-3", "node-b"));
    assertThat(await(store.acquire("duty-3", "node-a", Duration.ofMinutes(5)))).isTrue();
  }
}
