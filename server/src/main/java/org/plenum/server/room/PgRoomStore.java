package org.plenum.server.room;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.plenum.server.auth.AccountKind;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Pg;
import org.plenum.server.core.db.PgErrors;
import org.plenum.server.core.db.Tx;
import org.plenum.server.core.error.ErrorCode;

/**
 * Remote rooms and their credentials in PostgreSQL. Room accounts have no usable password ({@link #NO_PASSWORD}).
 */
final class PgRoomStore implements RoomStore {
  /** Not an Argon2id hash: password sign-in can never succeed for an imported room. */
  static final String NO_PASSWORD = "!room-without-password";

  @Override
  public Future<Map<String, Existing>> findByUsernames(Tx tx, List<String> usernames) {
    return Pg.sql(tx).preparedQuery("select id, username, display_name, kind, room_code, district from account where lower(username) = any($1::text[])")
        .execute(Tuple.tuple().addValue(usernames.stream().map(String::toLowerCase).toArray(String[]::new)))
        .map(rows -> {
          Map<String, Existing> out = new HashMap<>();
          rows.forEach(r -> out.put(r.getString("username").toLowerCase(), new Existing(r.getUUID("id"), r.getString("username"),
              r.getString("display_name"), AccountKind.valueOf(r.getString("kind")), r.getString("room_code"), r.getString("district"))));
          return out;
        });
  }

  @Override
  public Future<Void> insert(Tx tx, List<RoomAccount> rooms) {
    if (rooms.isEmpty()) {
      return Future.succeededFuture();
    }
    return Pg.sql(tx).preparedQuery("insert into account (id, username, display_name, password_hash, kind, room_code, district) "
            + "select u.id, u.username, u.name, $6, 'ROOM', u.code, u.district "
            + "from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) as u(id, username, name, code, district)")
        .execute(columns(rooms).addValue(NO_PASSWORD))
        .<Void>mapEmpty()
        .recover(PgErrors.onUnique(null, ErrorCode.CONFLICT, "Another import created some of these rooms at the same time; import again."));
  }

  @Override
  public Future<Void> update(Tx tx, List<RoomAccount> rooms) {
    if (rooms.isEmpty()) {
      return Future.succeededFuture();
    }
    return Pg.sql(tx).preparedQuery("update account a set display_name = u.name, room_code = u.code, district = u.district "
            + "from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) as u(id, username, name, code, district) where a.id = u.id")
        .execute(columns(rooms))
        .<Void>mapEmpty()
        .recover(PgErrors.onUnique(null, ErrorCode.CONFLICT, "A room code of this file belongs to another account."));
  }

  private static Tuple columns(List<RoomAccount> rooms) {
    return Tuple.tuple()
        .addValue(rooms.stream().map(RoomAccount::id).toArray(UUID[]::new))
        .addValue(rooms.stream().map(RoomAccount::username).toArray(String[]::new))
        .addValue(rooms.stream().map(RoomAccount::name).toArray(String[]::new))
        .addValue(rooms.stream().map(RoomAccount::code).toArray(String[]::new))
        .addValue(rooms.stream().map(RoomAccount::district).toArray(String[]::new));
  }

  @Override
  public Future<Integer> join(Tx tx, MeetingId meeting, List<UUID> accounts) {
    return Pg.sql(tx).preparedQuery("insert into participant (meeting_id, account_id, role, voting_right) select $1, u, 'REMOTE_ROOM', false "
            + "from unnest($2::uuid[]) as u on conflict (meeting_id, account_id) do update set role = 'REMOTE_ROOM', voting_right = false "
            + "where participant.role <> 'REMOTE_ROOM' returning account_id")
        .execute(Tuple.tuple().addValue(meeting.value()).addValue(accounts.toArray(UUID[]::new)))
        .map(rows -> rows.size());
  }

  @Override
  public Future<JsonArray> list(Tx tx, MeetingId meeting, boolean withCredentials) {
    return Pg.sql(tx).preparedQuery("select a.id, a.username, coalesce(a.room_code, a.username) as code, a.display_name, a.district, p.attendance, "
            + "(select count(*) from room_credential k where k.meeting_id = p.meeting_id and k.room_id = a.id and k.revoked_at is null and k.expires_at > now()) as active, "
            + "(select count(*) from room_credential k where k.meeting_id = p.meeting_id and k.room_id = a.id and k.revoked_at is not null) as revoked, "
            + "(select count(*) from room_credential k where k.meeting_id = p.meeting_id and k.room_id = a.id and k.revoked_at is null and k.expires_at <= now()) as expired, "
            + "(select string_agg(distinct k.kind, ',' order by k.kind) from room_credential k where k.meeting_id = p.meeting_id and k.room_id = a.id "
            + "and k.revoked_at is null and k.expires_at > now()) as kinds, "
            + "(select max(k.last_used_at) from room_credential k where k.meeting_id = p.meeting_id and k.room_id = a.id) as last_used "
            + "from participant p join account a on a.id = p.account_id where p.meeting_id = $1 and p.role = 'REMOTE_ROOM' order by lower(coalesce(a.room_code, a.username))")
        .execute(Tuple.of(meeting.value()))
        .map(rows -> {
          JsonArray out = new JsonArray();
          for (Row r : rows) {
            JsonObject room = new JsonObject().put("roomId", r.getUUID("id").toString()).put("code", r.getString("code"))
                .put("username", r.getString("username")).put("name", r.getString("display_name"))
                .put("district", r.getString("district") == null || r.getString("district").isEmpty() ? null : r.getString("district"))
                .put("attendance", r.getString("attendance"));
            if (withCredentials) {
              String kinds = r.getString("kinds");
              room.put("credentials", new JsonObject().put("status", r.getLong("active") > 0 ? "ACTIVE" : "NONE")
                  .put("active", r.getLong("active")).put("revoked", r.getLong("revoked")).put("expired", r.getLong("expired"))
                  .put("activeKinds", new JsonArray(kinds == null ? List.of() : List.of(kinds.split(","))))
                  .put("lastUsedAt", r.getOffsetDateTime("last_used") == null ? null : r.getOffsetDateTime("last_used").toString()));
            }
            out.add(room);
          }
          return out;
        });
  }

  @Override
  public Future<Optional<MeetingRoom>> findRoom(Tx tx, MeetingId meeting, UUID room) {
    return Pg.sql(tx).preparedQuery("select a.id, a.username, coalesce(a.room_code, a.username) as code from participant p join account a on a.id = p.account_id "
            + "where p.meeting_id = $1 and p.account_id = $2 and p.role = 'REMOTE_ROOM'")
        .execute(Tuple.of(meeting.value(), room))
        .map(rows -> rows.size() == 0 ? Optional.empty()
            : Optional.of(new MeetingRoom(rows.iterator().next().getUUID("id"), rows.iterator().next().getString("username"),
                rows.iterator().next().getString("code"))));
  }

  @Override
  public Future<Void> insertCredential(Tx tx, UUID id, MeetingId meeting, UUID room, CredentialKind kind, byte[] secretHash,
                                       UUID by, OffsetDateTime expiresAt) {
    return Pg.sql(tx).preparedQuery("insert into room_credential (id, meeting_id, room_id, kind, secret_hash, created_by, expires_at) values ($1, $2, $3, $4, $5, $6, $7)")
        .execute(Tuple.of(id, meeting.value(), room, kind.name(), Buffer.buffer(secretHash), by, expiresAt)).mapEmpty();
  }

  @Override
  public Future<JsonArray> credentials(Tx tx, MeetingId meeting, UUID room) {
    return Pg.sql(tx).preparedQuery("select id, kind, created_at, expires_at, revoked_at, last_used_at, expires_at <= now() as expired from room_credential "
            + "where meeting_id = $1 and room_id = $2 order by created_at, id")
        .execute(Tuple.of(meeting.value(), room))
        .map(rows -> {
          JsonArray out = new JsonArray();
          for (Row r : rows) {
            String status = r.getOffsetDateTime("revoked_at") != null ? "REVOKED" : r.getBoolean("expired") ? "EXPIRED" : "ACTIVE";
            out.add(new JsonObject().put("id", r.getUUID("id").toString()).put("kind", r.getString("kind")).put("status", status)
                .put("createdAt", text(r.getOffsetDateTime("created_at"))).put("expiresAt", text(r.getOffsetDateTime("expires_at")))
                .put("revokedAt", text(r.getOffsetDateTime("revoked_at"))).put("lastUsedAt", text(r.getOffsetDateTime("last_used_at"))));
          }
          return out;
        });
  }

  @Override
  public Future<Optional<Boolean>> revoke(Tx tx, MeetingId meeting, UUID room, UUID credential, UUID by) {
    return Pg.sql(tx).preparedQuery("update room_credential k set revoked_at = coalesce(k.revoked_at, now()), revoked_by = coalesce(k.revoked_by, $4) "
            + "from room_credential old where k.id = old.id and k.id = $3 and k.meeting_id = $1 and k.room_id = $2 returning old.revoked_at is null as was_active")
        .execute(Tuple.of(meeting.value(), room, credential, by))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getBoolean("was_active")));
  }

  @Override
  public Future<List<UUID>> endSessions(Tx tx, UUID credential) {
    return Pg.sql(tx).preparedQuery("update auth_session set revoked_at = coalesce(revoked_at, now()) where room_credential_id = $1 returning id")
        .execute(Tuple.of(credential))
        .map(rows -> {
          List<UUID> out = new java.util.ArrayList<>();
          rows.forEach(r -> out.add(r.getUUID("id")));
          return out;
        });
  }

  @Override
  public Future<Optional<StoredCredential>> findCredential(Tx tx, UUID id) {
    return Pg.sql(tx).preparedQuery("select k.id, k.meeting_id, k.room_id, coalesce(a.room_code, a.username) as code, a.display_name, k.kind, k.secret_hash, k.expires_at, "
            + "k.revoked_at, (not a.disabled and exists (select 1 from participant p where p.meeting_id = k.meeting_id and p.account_id = k.room_id "
            + "and p.role = 'REMOTE_ROOM')) as active from room_credential k join account a on a.id = k.room_id where k.id = $1")
        .execute(Tuple.of(id))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          Row r = rows.iterator().next();
          return Optional.of(new StoredCredential(r.getUUID("id"), r.getUUID("meeting_id"), r.getUUID("room_id"), r.getString("code"),
              r.getString("display_name"),
              CredentialKind.valueOf(r.getString("kind")), r.getBuffer("secret_hash").getBytes(), r.getOffsetDateTime("expires_at"),
              r.getOffsetDateTime("revoked_at"), r.getBoolean("active")));
        });
  }

  @Override
  public Future<Void> touch(Tx tx, UUID credential) {
    return Pg.sql(tx).preparedQuery("update room_credential set last_used_at = now() where id = $1").execute(Tuple.of(credential)).mapEmpty();
  }

  private static String text(OffsetDateTime t) {
    return t == null ? null : t.toString();
  }
}
