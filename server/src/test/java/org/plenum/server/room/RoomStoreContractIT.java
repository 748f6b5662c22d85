package org.plenum.server.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.testing.StoreDb.await;
import static org.plenum.server.testing.StoreDb.failure;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.auth.AccountKind;
import org.plenum.server.auth.Tokens;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.testing.StoreDb;

/** The contract of {@link RoomStore}, on real PostgreSQL. */
class RoomStoreContractIT {
  static final OffsetDateTime TOMORROW = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).truncatedTo(ChronoUnit.SECONDS);

  static StoreDb pg;
  static RoomStore store;

  @BeforeAll
  static void start() {
    pg = StoreDb.create();
    store = new PgRoomStore();
  }

  @AfterAll
  static void stop() {
    pg.close();
  }

  /** A room account as an import makes it, with a code unique to this test run. */
  static RoomStore.RoomAccount room(String district) {
    String code = "HN-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    return new RoomStore.RoomAccount(UUID.randomUUID(), RoomService.usernameOf(code), "Điểm cầu " + code, code, district);
  }

  /** Rooms created and joined to the meeting. */
  static void imported(MeetingId m, RoomStore.RoomAccount... rooms) {
    var tx = pg.db().auto();
    await(store.insert(tx, List.of(rooms)));
    await(store.join(tx, m, List.of(rooms).stream().map(RoomStore.RoomAccount::id).toList()));
  }

  static UUID credential(MeetingId m, UUID room, CredentialKind kind, OffsetDateTime expiresAt) {
    UUID id = UUID.randomUUID();
    await(store.insertCredential(pg.db().auto(), id, m, room, kind, Tokens.sha256(id + ".secret"), null, expiresAt));
    return id;
  }

  static String sql(String query, Object... args) {
    return pg.value(query, args);
  }

  @Test
  @DisplayName("RM1: created rooms are found under their user name in any case, with kind, code and district and no usable password; "
      + "a person's account under a name is found as a person")
  void create_and_find() {
    RoomStore.RoomAccount a = room("Huyện Ba Vì");
    RoomStore.RoomAccount b = room("");
    String person = "an-" + UUID.randomUUID();
    UUID personId = pg.account(person);
    await(store.insert(pg.db().auto(), List.of(a, b)));
    Map<String, RoomStore.Existing> found = await(store.findByUsernames(pg.db().auto(),
        List.of(a.username().toUpperCase(), b.username(), person, "room-missing-" + UUID.randomUUID())));
    assertThat(found).containsOnlyKeys(a.username(), b.username(), person);
    assertThat(found.get(a.username())).isEqualTo(new RoomStore.Existing(a.id(), a.username(), a.name(), AccountKind.ROOM, a.code(), "Huyện Ba Vì"));
    assertThat(found.get(b.username()).district()).isEmpty();
    assertThat(found.get(person).kind()).isEqualTo(AccountKind.PERSON);
    assertThat(found.get(person).id()).isEqualTo(personId);
    assertThat(found.get(person).roomCode()).isNull();
    assertThat(sql("select password_hash from account where id = ?", a.id())).isEqualTo(PgRoomStore.NO_PASSWORD);
  }

  @Test
  @DisplayName("RM1: an update renames name, code and district; a code of another account (any case) or a user name created meanwhile is "
      + "CONFLICT and changes nothing")
  void update_and_conflicts() {
    RoomStore.RoomAccount a = room("Huyện Gia Lâm");
    RoomStore.RoomAccount b = room("Huyện Mê Linh");
    var tx = pg.db().auto();
    await(store.insert(tx, List.of(a, b)));
    var renamed = new RoomStore.RoomAccount(a.id(), a.username(), "Điểm cầu UBND Xã Bát Tràng", a.code() + "-X", "Huyện Gia Lâm mới");
    await(store.update(tx, List.of(renamed)));
    assertThat(await(store.findByUsernames(tx, List.of(a.username()))).get(a.username()))
        .isEqualTo(new RoomStore.Existing(a.id(), a.username(), renamed.name(), AccountKind.ROOM, renamed.code(), renamed.district()));

    var stealing = new RoomStore.RoomAccount(a.id(), a.username(), "Thief", b.code().toLowerCase(), "");
    var e = failure(ErrorCode.CONFLICT, () -> await(store.update(tx, List.of(stealing))));
    assertThat(e.getMessage()).isEqualTo("A room code of this file belongs to another account.");
    assertThat(await(store.findByUsernames(tx, List.of(a.username()))).get(a.username()).displayName()).isEqualTo(renamed.name());

    RoomStore.RoomAccount fresh = room("Huyện Sóc Sơn");
    var raced = new RoomStore.RoomAccount(UUID.randomUUID(), b.username(), "Again", "OTHER-" + UUID.randomUUID(), "");
    e = failure(ErrorCode.CONFLICT, () -> await(store.insert(tx, List.of(fresh, raced))));
    assertThat(e.getMessage()).isEqualTo("Another import created some of these rooms at the same time; import again.");
    assertThat(await(store.findByUsernames(tx, List.of(fresh.username())))).as("the whole batch is refused").isEmpty();
  }

  @Test
  @DisplayName("RM1: joining makes accounts REMOTE_ROOM participants without voting right and counts those that joined or changed role; "
      + "joining again counts none")
  void join() {
    MeetingId m = pg.meeting("m");
    MeetingId other = pg.meeting("other");
    RoomStore.RoomAccount a = room("Huyện Ba Vì");
    RoomStore.RoomAccount b = room("Huyện Ba Vì");
    var tx = pg.db().auto();
    await(store.insert(tx, List.of(a, b)));
    UUID delegate = pg.account("delegate-" + UUID.randomUUID());
    pg.exec("insert into participant (meeting_id, account_id, role, voting_right) values (?, ?, 'DELEGATE', true)", m.value(), delegate);
    assertThat(await(store.join(tx, m, List.of(a.id(), b.id())))).isEqualTo(2);
    assertThat(await(store.join(tx, m, List.of(a.id(), b.id())))).isZero();
    assertThat(await(store.join(tx, m, List.of(a.id(), delegate)))).isEqualTo(1);
    assertThat(sql("select role || ' ' || voting_right::text from participant where meeting_id = ? and account_id = ?", m.value(), delegate))
        .isEqualTo("REMOTE_ROOM false");
    assertThat(sql("select count(*) from participant where meeting_id = ?", other.value())).isEqualTo("0");
  }

  @Test
  @DisplayName("RM3: a meeting lists its REMOTE_ROOMs by code (the user name when a room has none) with name, district and attendance; "
      + "with credentials also a summary of them")
  void list() {
    MeetingId m = pg.meeting("m");
    MeetingId other = pg.meeting("other");
    RoomStore.RoomAccount z = new RoomStore.RoomAccount(UUID.randomUUID(), "room-zz-" + UUID.randomUUID(), "Điểm cầu Z", "ZZ-" + UUID.randomUUID(),
        "Huyện Thanh Trì");
    RoomStore.RoomAccount a = new RoomStore.RoomAccount(UUID.randomUUID(), "room-aa-" + UUID.randomUUID(), "Điểm cầu A", "AA-" + UUID.randomUUID(), "");
    imported(m, z, a);
    UUID plain = pg.account("room-mm-" + UUID.randomUUID());
    pg.exec("update account set kind = 'ROOM' where id = ?", plain);
    await(store.join(pg.db().auto(), m, List.of(plain)));
    pg.participant(m, pg.account("delegate-" + UUID.randomUUID()), "DELEGATE");
    await(store.join(pg.db().auto(), other, List.of(a.id())));

    credential(m, a.id(), CredentialKind.WHIP, TOMORROW);
    UUID kiosk = credential(m, a.id(), CredentialKind.KIOSK, TOMORROW);
    credential(m, a.id(), CredentialKind.KIOSK, TOMORROW.minusDays(2));
    await(store.revoke(pg.db().auto(), m, a.id(), credential(m, a.id(), CredentialKind.WHEP, TOMORROW), null));
    credential(other, a.id(), CredentialKind.WHEP, TOMORROW);
    await(store.touch(pg.db().auto(), kiosk));

    JsonArray plainList = await(store.list(pg.db().auto(), m, false));
    assertThat(plainList).hasSize(3);
    JsonObject first = plainList.getJsonObject(0);
    assertThat(first.getString("roomId")).isEqualTo(a.id().toString());
    assertThat(first.getString("code")).isEqualTo(a.code());
    assertThat(first.getString("username")).isEqualTo(a.username());
    assertThat(first.getString("name")).isEqualTo("Điểm cầu A");
    assertThat(first.containsKey("district")).isTrue();
    assertThat(first.getString("district")).as("an empty district reads as null").isNull();
    assertThat(first.getString("attendance")).isEqualTo("ABSENT");
    assertThat(first.containsKey("credentials")).isFalse();
    assertThat(plainList.getJsonObject(1).getString("code")).as("no code: the user name").startsWith("room-mm-");
    assertThat(plainList.getJsonObject(2).getString("district")).isEqualTo("Huyện Thanh Trì");

    JsonArray withCredentials = await(store.list(pg.db().auto(), m, true));
    JsonObject summary = withCredentials.getJsonObject(0).getJsonObject("credentials");
    assertThat(summary.getString("status")).isEqualTo("ACTIVE");
    assertThat(summary.getLong("active")).isEqualTo(2);
    assertThat(summary.getLong("revoked")).isEqualTo(1);
    assertThat(summary.getLong("expired")).isEqualTo(1);
    assertThat(summary.getJsonArray("activeKinds")).containsExactly("KIOSK", "WHIP");
    assertThat(summary.getString("lastUsedAt")).isNotNull();
    JsonObject none = withCredentials.getJsonObject(2).getJsonObject("credentials");
    assertThat(none.getString("status")).isEqualTo("NONE");
    assertThat(none.getJsonArray("activeKinds")).isEmpty();
    assertThat(none.getString("lastUsedAt")).isNull();
    assertThat(await(store.list(pg.db().auto(), other, true))).singleElement()
        .satisfies(r -> assertThat(((JsonObject) r).getJsonObject("credentials").getLong("active")).isEqualTo(1));
  }

  @Test
  @DisplayName("RM4: a room is found only as a REMOTE_ROOM of this meeting, with its code")
  void find_room() {
    MeetingId m = pg.meeting("m");
    MeetingId other = pg.meeting("other");
    RoomStore.RoomAccount a = room("Huyện Ba Vì");
    imported(m, a);
    UUID delegate = pg.account("delegate-" + UUID.randomUUID());
    pg.participant(m, delegate, "DELEGATE");
    var tx = pg.db().auto();
    assertThat(await(store.findRoom(tx, m, a.id()))).contains(new RoomStore.MeetingRoom(a.id(), a.username(), a.code()));
    assertThat(await(store.findRoom(tx, other, a.id()))).isEmpty();
    assertThat(await(store.findRoom(tx, m, delegate))).isEmpty();
    assertThat(await(store.findRoom(tx, m, UUID.randomUUID()))).isEmpty();
  }

  @Test
  @DisplayName("RM4, RM5, RM7: a room's credentials list status and times, never a hash; revoking works once, only for this meeting and room, "
      + "and keeps the first revocation")
  void credentials_and_revoke() {
    MeetingId m = pg.meeting("m");
    MeetingId other = pg.meeting("other");
    RoomStore.RoomAccount a = room("Huyện Ba Vì");
    RoomStore.RoomAccount b = room("Huyện Ba Vì");
    imported(m, a, b);
    UUID chair = pg.account("chair-" + UUID.randomUUID());
    UUID admin = pg.account("admin-" + UUID.randomUUID());
    UUID whip = credential(m, a.id(), CredentialKind.WHIP, TOMORROW);
    UUID old = credential(m, a.id(), CredentialKind.KIOSK, TOMORROW.minusDays(2));
    var tx = pg.db().auto();
    JsonArray listed = await(store.credentials(tx, m, a.id()));
    assertThat(listed).hasSize(2);
    for (Object o : listed) {
      assertThat(((JsonObject) o).fieldNames()).containsExactlyInAnyOrder("id", "kind", "status", "createdAt", "expiresAt", "revokedAt", "lastUsedAt");
    }
    assertThat(listed.getJsonObject(0).getString("id")).isEqualTo(whip.toString());
    assertThat(listed.getJsonObject(0).getString("status")).isEqualTo("ACTIVE");
    assertThat(OffsetDateTime.parse(listed.getJsonObject(0).getString("expiresAt")).toInstant()).isEqualTo(TOMORROW.toInstant());
    assertThat(listed.getJsonObject(1).getString("status")).isEqualTo("EXPIRED");
    assertThat(await(store.credentials(tx, other, a.id()))).isEmpty();
    assertThat(await(store.credentials(tx, m, b.id()))).isEmpty();

    assertThat(await(store.revoke(tx, other, a.id(), whip, chair))).isEmpty();
    assertThat(await(store.revoke(tx, m, b.id(), whip, chair))).isEmpty();
    assertThat(await(store.revoke(tx, m, a.id(), UUID.randomUUID(), chair))).isEmpty();
    assertThat(await(store.revoke(tx, m, a.id(), whip, chair))).contains(true);
    String revokedAt = await(store.credentials(tx, m, a.id())).getJsonObject(0).getString("revokedAt");
    assertThat(await(store.revoke(tx, m, a.id(), whip, admin))).contains(false);
    JsonObject revoked = await(store.credentials(tx, m, a.id())).getJsonObject(0);
    assertThat(revoked.getString("status")).isEqualTo("REVOKED");
    assertThat(revoked.getString("revokedAt")).isEqualTo(revokedAt).isNotNull();
    assertThat(sql("select revoked_by from room_credential where id = ?", whip)).isEqualTo(chair.toString());
    assertThat(await(store.revoke(tx, m, a.id(), old, chair))).as("an expired one was still active until revoked").contains(true);
  }

  @Test
  @DisplayName("RM5, RM6: a credential is found by id with its hash, kind, expiry and revocation, and whether its room still is a REMOTE_ROOM "
      + "of the meeting; touching notes its use")
  void find_credential() {
    MeetingId m = pg.meeting("m");
    RoomStore.RoomAccount a = room("Huyện Ba Vì");
    imported(m, a);
    UUID id = credential(m, a.id(), CredentialKind.WHEP, TOMORROW);
    var tx = pg.db().auto();
    RoomStore.StoredCredential c = await(store.findCredential(tx, id)).orElseThrow();
    assertThat(c.id()).isEqualTo(id);
    assertThat(c.meetingId()).isEqualTo(m.value());
    assertThat(c.roomId()).isEqualTo(a.id());
    assertThat(c.roomCode()).isEqualTo(a.code());
    assertThat(c.kind()).isEqualTo(CredentialKind.WHEP);
    assertThat(c.secretHash()).isEqualTo(Tokens.sha256(id + ".secret"));
    assertThat(c.expiresAt().toInstant()).isEqualTo(TOMORROW.toInstant());
    assertThat(c.revokedAt()).isNull();
    assertThat(c.roomActive()).isTrue();
    assertThat(await(store.findCredential(tx, UUID.randomUUID()))).isEmpty();

    assertThat(await(store.credentials(tx, m, a.id())).getJsonObject(0).getString("lastUsedAt")).isNull();
    await(store.touch(tx, id));
    assertThat(await(store.credentials(tx, m, a.id())).getJsonObject(0).getString("lastUsedAt")).isNotNull();

    pg.exec("update participant set role = 'OBSERVER' where meeting_id = ? and account_id = ?", m.value(), a.id());
    assertThat(await(store.findCredential(tx, id)).orElseThrow().roomActive()).as("no longer a REMOTE_ROOM").isFalse();
    pg.exec("update participant set role = 'REMOTE_ROOM' where meeting_id = ? and account_id = ?", m.value(), a.id());
    pg.exec("update account set disabled = true where id = ?", a.id());
    assertThat(await(store.findCredential(tx, id)).orElseThrow().roomActive()).as("account disabled").isFalse();
    await(store.revoke(tx, m, a.id(), id, null));
    assertThat(await(store.findCredential(tx, id)).orElseThrow().revokedAt()).isNotNull();
  }

  @Test
  @DisplayName("RM7: ending a credential's sessions revokes exactly the kiosk sessions opened with it and gives their ids")
  void end_sessions() {
    MeetingId m = pg.meeting("m");
    RoomStore.RoomAccount a = room("Huyện Ba Vì");
    imported(m, a);
    UUID kiosk = credential(m, a.id(), CredentialKind.KIOSK, TOMORROW);
    UUID otherKiosk = credential(m, a.id(), CredentialKind.KIOSK, TOMORROW);
    UUID s1 = pg.session(a.id(), kiosk);
    UUID s2 = pg.session(a.id(), kiosk);
    UUID elsewhere = pg.session(a.id(), otherKiosk);
    UUID plain = pg.session(a.id(), null);
    var tx = pg.db().auto();
    assertThat(await(store.endSessions(tx, kiosk))).containsExactlyInAnyOrder(s1, s2);
    assertThat(pg.column("select id from auth_session where revoked_at is not null and account_id = ?", a.id()))
        .containsExactlyInAnyOrder(s1.toString(), s2.toString());
    String ended = sql("select revoked_at from auth_session where id = ?", s1);
    await(store.endSessions(tx, kiosk));
    assertThat(sql("select revoked_at from auth_session where id = ?", s1)).as("the first end time stays").isEqualTo(ended);
    assertThat(sql("select count(*) from auth_session where revoked_at is null and id in (?, ?)", elsewhere, plain)).isEqualTo("2");
    assertThat(await(store.endSessions(tx, UUID.randomUUID()))).isEmpty();
  }

  @Test
  @DisplayName("RM1, RM4: rooms, participants and credentials written in a transaction that fails are not kept")
  void failed_transaction_leaves_nothing() {
    MeetingId m = pg.meeting("m");
    RoomStore.RoomAccount a = room("Huyện Ba Vì");
    UUID credential = UUID.randomUUID();
    pg.rolledBack(tx -> store.insert(tx, List.of(a))
        .compose(v -> store.join(tx, m, List.of(a.id())))
        .compose(v -> store.insertCredential(tx, credential, m, a.id(), CredentialKind.KIOSK, new byte[32], null, TOMORROW)));
    var tx = pg.db().auto();
    assertThat(await(store.findByUsernames(tx, List.of(a.username())))).isEmpty();
    assertThat(await(store.list(tx, m, true))).isEmpty();
    assertThat(await(store.findCredential(tx, credential))).isEmpty();
  }
}
