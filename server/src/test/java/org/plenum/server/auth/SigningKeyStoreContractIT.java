package org.plenum.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.testing.StoreDb.await;

import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.StoreDb;

/** The contract of {@link SigningKeyStore}, on real PostgreSQL. */
class SigningKeyStoreContractIT {
  static StoreDb pg;
  static SigningKeyStore store;

  @BeforeAll
  static void start() {
    pg = StoreDb.create();
    store = new PgSigningKeyStore(pg.db());
  }

  @AfterAll
  static void stop() {
    pg.close();
  }

  static SigningKeyStore.Encoded pair(String name) {
    return new SigningKeyStore.Encoded(("private " + name).getBytes(StandardCharsets.UTF_8), ("public " + name).getBytes(StandardCharsets.UTF_8));
  }

  static void assertSame(SigningKeyStore.Encoded actual, SigningKeyStore.Encoded expected) {
    assertThat(actual.privateKey()).isEqualTo(expected.privateKey());
    assertThat(actual.publicKey()).isEqualTo(expected.publicKey());
  }

  @Test
  @DisplayName("The first pair stored under an id stays: a later pair is not stored and the first one is returned; other ids are apart")
  void first_writer_wins() {
    String id = "tokens-es256-" + UUID.randomUUID();
    String other = "results-es256-" + UUID.randomUUID();
    assertSame(await(store.putIfAbsent(id, "ES256", pair("a"))), pair("a"));
    assertSame(await(store.putIfAbsent(id, "ES256", pair("b"))), pair("a"));
    assertSame(await(store.putIfAbsent(other, "ES256", pair("c"))), pair("c"));
    assertSame(await(store.putIfAbsent(id, "ES256", pair("d"))), pair("a"));
  }

  @Test
  @DisplayName("Processes starting at the same moment with their own fresh pairs all end up with the one pair stored")
  void concurrent_starts_agree() {
    String id = "tokens-es256-" + UUID.randomUUID();
    List<Future<SigningKeyStore.Encoded>> starts = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      starts.add(store.putIfAbsent(id, "ES256", pair("process " + i)));
    }
    SigningKeyStore.Encoded stored = await(starts.get(0));
    starts.forEach(f -> assertSame(await(f), stored));
    assertThat(pg.value("select count(*) from signing_key where id = ?", id)).isEqualTo("1");
  }
}
