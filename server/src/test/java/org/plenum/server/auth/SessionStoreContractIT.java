package org.plenum.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.testing.StoreDb.await;
import static org.plenum.server.testing.StoreDb.stillWaiting;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.core.MeetingId;
import org.plenum.server.testing.StoreDb;

/** The contract of {@link SessionStore}, on real PostgreSQL. */
class SessionStoreContractIT {
  static final OffsetDateTime EXPIRES = OffsetDateTime.now(ZoneOffset.UTC).plusHours(12).truncatedTo(ChronoUnit.SECONDS);

  static StoreDb pg;
  static SessionStore store;

  @BeforeAll
  static void start() {
    pg = StoreDb.create();
    store = new PgSessionStore(pg.db());
  }

  @AfterAll
  static void stop() {
    pg.close();
  }

  static byte[] hash(String token) {
    return Tokens.sha256(token);
  }

  static SessionStore.NewSession session(UUID account, String refresh, UUID roomCredential) {
    return new SessionStore.NewSession(UUID.randomUUID(), account, hash(refresh), EXPIRES, "10.0.0.7", "Tablet", roomCredential);
  }

  /** An open session of a new account. */
  static SessionStore.NewSession opened(String refresh) {
    var s = session(pg.account("an-" + UUID.randomUUID()), refresh, null);
    await(store.open(s));
    return s;
  }

  /** The session whose current refresh token this is (in a transaction of its own). */
  static Optional<SessionStore.Session> lockedBy(String refresh) {
    return await(pg.db().<Optional<SessionStore.Session>>inTransaction(tx -> store.lockByRefresh(tx, hash(refresh))));
  }

  static Optional<UUID> revokeRotated(String refresh) {
    return await(pg.db().<Optional<UUID>>inTransaction(tx -> store.revokeRotated(tx, hash(refresh))));
  }

  /** A KIOSK credential of a room account in a new meeting. */
  static UUID kioskCredential(UUID room) {
    MeetingId m = pg.meeting("m");
    UUID id = UUID.randomUUID();
    pg.exec("insert into room_credential (id, meeting_id, room_id, kind, secret_hash, expires_at) values (?, ?, ?, 'KIOSK', ?, now() + interval '1 day')",
        id, m.value(), room, "x".getBytes(StandardCharsets.UTF_8));
    return id;
  }

  @Test
  @DisplayName("An opened session is found with its account's current name and flags, only together with its own account")
  void open_and_find() {
    UUID an = pg.account("an-" + UUID.randomUUID());
    UUID binh = pg.account("binh-" + UUID.randomUUID());
    var opened = session(an, "r1-" + UUID.randomUUID(), null);
    await(store.open(opened));
    SessionStore.Session s = await(store.find(opened.id(), an)).orElseThrow();
    assertThat(s.id()).isEqualTo(opened.id());
    assertThat(s.accountId()).isEqualTo(an);
    assertThat(s.username()).startsWith("an-");
    assertThat(s.displayName()).startsWith("Name of an-");
    assertThat(s.admin()).isFalse();
    assertThat(s.accountDisabled()).isFalse();
    assertThat(s.expiresAt().toInstant()).isEqualTo(EXPIRES.toInstant());
    assertThat(s.revokedAt()).isNull();
    assertThat(await(store.find(opened.id(), binh))).as("another account's session").isEmpty();
    assertThat(await(store.find(UUID.randomUUID(), an))).isEmpty();
    pg.exec("update account set disabled = true, is_admin = true, display_name = 'Renamed' where id = ?", an);
    assertThat(await(store.find(opened.id(), an))).hasValueSatisfying(now -> {
      assertThat(now.accountDisabled()).isTrue();
      assertThat(now.admin()).isTrue();
      assertThat(now.displayName()).isEqualTo("Renamed");
    });
  }

  @Test
  @DisplayName("A rotated refresh token no longer finds its session, the new one does; presenting the old one revokes the session")
  void rotation_and_reuse() {
    String old = "old-" + UUID.randomUUID();
    String next = "next-" + UUID.randomUUID();
    var opened = opened(old);
    UUID an = opened.accountId();
    await(pg.db().inTransaction(tx -> store.lockByRefresh(tx, hash(old)).compose(found -> {
      assertThat(found).map(SessionStore.Session::id).contains(opened.id());
      return store.rotate(tx, opened.id(), hash(old), hash(next));
    })));
    assertThat(lockedBy(old)).isEmpty();
    assertThat(lockedBy(next)).map(SessionStore.Session::id).contains(opened.id());
    assertThat(revokeRotated("never-issued")).isEmpty();
    assertThat(await(store.find(opened.id(), an)).orElseThrow().revokedAt()).isNull();

    assertThat(revokeRotated(old)).contains(opened.id());
    OffsetDateTime revoked = await(store.find(opened.id(), an)).orElseThrow().revokedAt();
    assertThat(revoked).isNotNull();
    assertThat(revokeRotated(old)).contains(opened.id());
    assertThat(await(store.find(opened.id(), an)).orElseThrow().revokedAt()).as("the first end time stays").isEqualTo(revoked);
  }

  @Test
  @DisplayName("A rotation in a transaction that fails leaves the old refresh token current and remembers nothing")
  void failed_rotation_leaves_old_token() {
    String old = "old-" + UUID.randomUUID();
    String next = "next-" + UUID.randomUUID();
    var opened = opened(old);
    pg.rolledBack(tx -> store.lockByRefresh(tx, hash(old)).compose(found -> store.rotate(tx, opened.id(), hash(old), hash(next))));
    assertThat(lockedBy(old)).map(SessionStore.Session::id).contains(opened.id());
    assertThat(lockedBy(next)).isEmpty();
    assertThat(revokeRotated(old)).isEmpty();
  }

  @Test
  @DisplayName("The session found by refresh token is locked until the transaction ends: a second refresh with the same token waits, then finds nothing")
  void lock_by_refresh_serialises_refreshes() {
    String old = "old-" + UUID.randomUUID();
    var opened = opened(old);
    var first = pg.hold(tx -> store.lockByRefresh(tx, hash(old))
        .compose(found -> store.rotate(tx, found.orElseThrow().id(), hash(old), hash("next-" + UUID.randomUUID()))));
    var second = pg.db().inTransaction(tx -> store.lockByRefresh(tx, hash(old)));
    stillWaiting(second);
    first.commit();
    assertThat(await(second)).isEmpty();
  }

  @Test
  @DisplayName("Revoking ends the session once: a second revoke keeps the first end time; an unknown session is no error")
  void revoke_keeps_first_time() {
    var opened = opened("r-" + UUID.randomUUID());
    UUID an = opened.accountId();
    await(store.revoke(opened.id()));
    OffsetDateTime ended = await(store.find(opened.id(), an)).orElseThrow().revokedAt();
    assertThat(ended).isNotNull();
    await(store.revoke(opened.id()));
    assertThat(await(store.find(opened.id(), an)).orElseThrow().revokedAt()).isEqualTo(ended);
    await(store.revoke(UUID.randomUUID()));
  }

  @Test
  @DisplayName("RM8: a kiosk session opens only for an enabled, existing account and gives the session as find reads it; disabled or unknown opens nothing")
  void open_unless_disabled() {
    UUID room = pg.account("room-" + UUID.randomUUID());
    UUID credential = kioskCredential(room);
    var kiosk = session(room, "k-" + UUID.randomUUID(), credential);
    var opened = await(store.openUnlessDisabled(kiosk));
    assertThat(opened).hasValueSatisfying(s -> {
      assertThat(s.username()).startsWith("room-");
      assertThat(s.id()).isEqualTo(kiosk.id());
      assertThat(s.revokedAt()).isNull();
      assertThat(s.accountDisabled()).isFalse();
    });
    // D48: the opened session is remembered as authentication would read it, so it must be the same
    assertThat(await(store.find(kiosk.id(), room))).isEqualTo(opened);

    pg.exec("update account set disabled = true where id = ?", room);
    var refused = session(room, "k-" + UUID.randomUUID(), credential);
    assertThat(await(store.openUnlessDisabled(refused))).isEmpty();
    assertThat(await(store.find(refused.id(), room))).isEmpty();
    var unknown = session(UUID.randomUUID(), "k-" + UUID.randomUUID(), null);
    assertThat(await(store.openUnlessDisabled(unknown))).isEmpty();
    assertThat(await(store.find(unknown.id(), unknown.accountId()))).isEmpty();
  }

  @Test
  @DisplayName("RM7: a session opened with a room credential remembers it (both ways of opening), so revoking the credential can end it")
  void kiosk_session_remembers_credential() {
    UUID room = pg.account("room-" + UUID.randomUUID());
    UUID credential = kioskCredential(room);
    var viaOpen = session(room, "k-" + UUID.randomUUID(), credential);
    var viaCheck = session(room, "k-" + UUID.randomUUID(), credential);
    var person = session(room, "p-" + UUID.randomUUID(), null);
    await(store.open(viaOpen));
    await(store.openUnlessDisabled(viaCheck));
    await(store.open(person));
    assertThat(credentialOf(viaOpen.id())).contains(credential.toString());
    assertThat(credentialOf(viaCheck.id())).contains(credential.toString());
    assertThat(credentialOf(person.id())).isEmpty();
  }

  static Optional<String> credentialOf(UUID session) {
    return Optional.ofNullable(pg.value("select room_credential_id from auth_session where id = ?", session));
  }
}
