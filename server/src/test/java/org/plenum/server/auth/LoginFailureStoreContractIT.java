package org.plenum.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.testing.StoreDb.await;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.StoreDb;

/** The contract of {@link LoginFailureStore}, on real PostgreSQL. */
class LoginFailureStoreContractIT {
  static final Duration WINDOW = Duration.ofMinutes(15);

  static StoreDb pg;
  static LoginFailureStore store;

  @BeforeAll
  static void start() {
    pg = StoreDb.create();
    store = new PgLoginFailureStore(pg.db());
  }

  @AfterAll
  static void stop() {
    pg.close();
  }

  static String unique(String what) {
    return what + "-" + UUID.randomUUID();
  }

  /** A failure recorded {@code minutesAgo} minutes ago (plain JDBC: the store only records failures now). */
  static void failedAgo(String usernameKey, String address, int minutesAgo) {
    pg.exec("insert into login_failure (username_key, address, at) values (?, ?, now() - make_interval(mins => ?))", usernameKey, address, minutesAgo);
  }

  @Test
  @DisplayName("Nothing recorded reads as zero failures with no first time")
  void none() {
    assertThat(await(store.recent(unique("an"), unique("10.0.0"), WINDOW))).isEqualTo(new LoginFailureStore.Recent(0, null, 0, null));
  }

  @Test
  @DisplayName("Failures within the window count by account name and by address, each with its first time; older ones do not count")
  void counts_by_account_and_address() {
    String an = unique("an");
    String binh = unique("binh");
    String hall = unique("10.0.0");
    String home = unique("192.168.1");
    failedAgo(an, home, 10);
    failedAgo(an, home, 20); // outside the window
    await(store.record(an, hall, WINDOW));
    await(store.record(an, hall, WINDOW));
    await(store.record(binh, hall, WINDOW));
    LoginFailureStore.Recent r = await(store.recent(an, hall, WINDOW));
    assertThat(r.byAccount()).isEqualTo(3);
    assertThat(r.byAddress()).isEqualTo(3);
    assertThat(r.firstByAccount()).isBefore(r.firstByAddress());
    assertThat(Duration.between(r.firstByAccount(), r.firstByAddress())).isBetween(Duration.ofMinutes(9), Duration.ofMinutes(11));
    LoginFailureStore.Recent other = await(store.recent(binh, home, WINDOW));
    assertThat(other.byAccount()).isEqualTo(1);
    assertThat(other.byAddress()).as("the failure 10 minutes ago from home").isEqualTo(1);
    assertThat(other.firstByAddress()).isEqualTo(r.firstByAccount());
  }

  @Test
  @DisplayName("Recording a failure drops the failures older than the window")
  void record_drops_old_failures() {
    String an = unique("an");
    String address = unique("10.0.1");
    failedAgo(an, address, 60);
    failedAgo(an, address, 5);
    assertThat(pg.value("select count(*) from login_failure where username_key = ?", an)).isEqualTo("2");
    await(store.record(unique("someone"), unique("10.9.9"), WINDOW));
    assertThat(pg.value("select count(*) from login_failure where username_key = ?", an)).as("only the one 5 minutes ago is left").isEqualTo("1");
  }

  @Test
  @DisplayName("Clearing forgets the account name's failures from every address; failures under other names stay, also in the address's count")
  void clear_forgets_account_only() {
    String an = unique("an");
    String binh = unique("binh");
    String address = unique("10.0.2");
    await(store.record(an, address, WINDOW));
    await(store.record(an, address, WINDOW));
    await(store.record(binh, address, WINDOW));
    await(store.clear(an));
    assertThat(await(store.recent(an, address, WINDOW)).byAccount()).isZero();
    assertThat(await(store.recent(an, address, WINDOW)).firstByAccount()).isNull();
    assertThat(await(store.recent(binh, unique("elsewhere"), WINDOW)).byAccount()).isEqualTo(1);
    assertThat(await(store.recent(unique("nobody"), address, WINDOW)).byAddress()).as("the address keeps the failure under another name").isEqualTo(1);
  }

  @Test
  @DisplayName("AU12: reserve counts the attempt as a failure unless a limit is reached, and names the limit reached: per address and "
      + "account first, then per account, then per address; old failures do not count")
  void reserve_checks_and_counts() {
    String an = unique("an");
    String hall = unique("hall");
    var limits = new LoginFailureStore.Limits(4, 2, 6);
    failedAgo(an, hall, 30);
    assertThat(await(store.reserve(an, hall, WINDOW, limits)).refused()).isNull();
    assertThat(await(store.reserve(an, hall, WINDOW, limits)).refused()).isNull();
    LoginFailureStore.Reservation pair = await(store.reserve(an, hall, WINDOW, limits));
    assertThat(pair.refused()).isEqualTo("this account from this address");
    assertThat(pair.first()).isNotNull();
    assertThat(await(store.recent(an, hall, WINDOW)).byAccount()).as("a refused attempt is not counted").isEqualTo(2);
    assertThat(await(store.reserve(an, unique("home"), WINDOW, limits)).refused()).isNull();
    assertThat(await(store.reserve(an, unique("cafe"), WINDOW, limits)).refused()).isNull();
    assertThat(await(store.reserve(an, unique("train"), WINDOW, limits)).refused()).isEqualTo("this account");
    for (int i = 0; i < 4; i++) {
      assertThat(await(store.reserve(unique("other"), hall, WINDOW, limits)).refused()).isNull();
    }
    assertThat(await(store.reserve(unique("one-more"), hall, WINDOW, limits)).refused()).isEqualTo("this address");
  }
}
