package org.plenum.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.testing.StoreDb.await;
import static org.plenum.server.testing.StoreDb.failure;

import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.testing.StoreDb;

/** The contract of {@link AccountStore}, on real PostgreSQL. */
class AccountStoreContractIT {
  static StoreDb pg;
  static AccountStore store;

  @BeforeAll
  static void start() {
    pg = StoreDb.create();
    store = new PgAccountStore(pg.db());
  }

  @AfterAll
  static void stop() {
    pg.close();
  }

  static Account person(String username, boolean admin) {
    return new Account(AccountId.random(), username, "Tên của " + username, AccountKind.PERSON, admin, false);
  }

  static String unique(String name) {
    return name + "-" + UUID.randomUUID();
  }

  @Test
  @DisplayName("A created account reads back whole by id; its credentials are found by its username in any case")
  void create_and_find() {
    String username = unique("Nguyen.Van.An");
    Account an = person(username, false);
    assertThat(await(store.create(pg.db().auto(), an, "$argon2id$hash-of-an"))).isEqualTo(an);
    assertThat(await(store.find(an.id()))).contains(an);
    assertThat(await(store.findCredentials(username.toUpperCase()))).hasValueSatisfying(c -> {
      assertThat(c.account()).isEqualTo(an);
      assertThat(c.passwordHash()).isEqualTo("$argon2id$hash-of-an");
    });
    assertThat(await(store.findCredentials(username.toLowerCase()))).isPresent();
    assertThat(await(store.findCredentials(unique("nobody")))).isEmpty();
    assertThat(await(store.find(AccountId.random()))).isEmpty();
  }

  @Test
  @DisplayName("A username taken in any case is CONFLICT naming it, and the first account stays as it was")
  void username_unique_in_any_case() {
    String username = unique("thu.ky");
    Account first = person(username, false);
    await(store.create(pg.db().auto(), first, "h1"));
    String other = username.toUpperCase();
    var e = failure(ErrorCode.CONFLICT, () -> await(store.create(pg.db().auto(), person(other, true), "h2")));
    assertThat(e.getMessage()).isEqualTo("The username '" + other + "' is already taken.");
    assertThat(await(store.findCredentials(username))).hasValueSatisfying(c -> {
      assertThat(c.account()).isEqualTo(first);
      assertThat(c.passwordHash()).isEqualTo("h1");
    });
  }

  @Test
  @DisplayName("An account created in a transaction that fails is not stored, and its username stays free")
  void failed_transaction_leaves_nothing() {
    Account lost = person(unique("lost"), false);
    pg.rolledBack(tx -> store.create(tx, lost, "h"));
    assertThat(await(store.find(lost.id()))).isEmpty();
    assertThat(await(store.findCredentials(lost.username()))).isEmpty();
    await(store.create(pg.db().auto(), lost, "h"));
    assertThat(await(store.find(lost.id()))).contains(lost);
  }

  @Test
  @DisplayName("Every account is listed by username regardless of case; an administrator exists only when one is enabled")
  void list_and_any_admin() {
    try (StoreDb fresh = StoreDb.create()) {
      AccountStore accounts = new PgAccountStore(fresh.db());
      assertThat(await(accounts.list())).isEmpty();
      assertThat(await(accounts.anyAdmin())).isFalse();
      Account binh = person("binh", false);
      Account admin = person("Admin", true);
      Account room = new Account(AccountId.random(), "room-dong-anh", "Điểm cầu Đông Anh", AccountKind.ROOM, false, false);
      for (Account a : new Account[] {binh, room, admin}) {
        await(accounts.create(fresh.db().auto(), a, "h"));
      }
      assertThat(await(accounts.list())).containsExactly(admin, binh, room);
      assertThat(await(accounts.anyAdmin())).isTrue();
      fresh.exec("update account set disabled = true where id = ?", admin.id().value());
      assertThat(await(accounts.anyAdmin())).as("a disabled administrator does not count").isFalse();
      assertThat(await(accounts.find(admin.id()))).hasValueSatisfying(a -> assertThat(a.disabled()).isTrue());
    }
  }
}
