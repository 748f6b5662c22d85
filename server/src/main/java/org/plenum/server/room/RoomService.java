package org.plenum.server.room;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.plenum.server.auth.AccountKind;
import org.plenum.server.config.RoomsConfig;
import org.plenum.server.core.ledger.Ledger;
import org.plenum.server.core.ledger.NewEvent;
import org.plenum.server.core.Actor;
import org.plenum.server.core.MeetingId;
import org.plenum.server.storage.PgRoomStore;

/**
 * Remote rooms (điểm cầu) of a meeting: import from a CSV list and the list with credential status.
 *
 * <p>Rules (docs/protocol.md, Remote rooms): RM1 the chair, the secretary or an administrator imports; each row
 * creates or updates the ROOM account {@code room-<code>} and makes it a REMOTE_ROOM participant; importing the same
 * file again changes nothing. RM2 a file with any problem imports nothing. RM3 every participant lists the rooms;
 * only the people running the meeting see the credential status.
 */
public final class RoomService {
  public static final String ROOMS_IMPORTED = "rooms.imported";

  private final Pool pool;
  private final Ledger ledger;
  private final PgRoomStore store;
  private final RoomsConfig config;

  public RoomService(Pool pool, Ledger ledger, PgRoomStore store, RoomsConfig config) {
    this.pool = pool;
    this.ledger = ledger;
    this.store = store;
    this.config = config;
  }

  /** The user name of the ROOM account for a room code. */
  public static String usernameOf(String code) {
    return "room-" + code.toLowerCase(Locale.ROOT);
  }

  /** RM1, RM2: checks the whole file first; then one transaction (with one ledger event when anything changed). */
  public Future<ImportResult> importCsv(Actor actor, MeetingId meeting, byte[] csv) {
    actor.requireRunner();
    List<RoomCsv.Row> rows = RoomCsv.parse(csv, config.importMaxRows());
    return ledger.writeSql(meeting, actor.accountId(), (tx, head) -> store.findByUsernames(tx, rows.stream().map(RoomCsv.Row::username).toList())
        .compose(existing -> {
          List<io.vertx.core.json.JsonObject> errors = new ArrayList<>();
          List<PgRoomStore.RoomAccount> create = new ArrayList<>();
          List<PgRoomStore.RoomAccount> update = new ArrayList<>();
          List<UUID> all = new ArrayList<>();
          int unchanged = 0;
          for (RoomCsv.Row row : rows) {
            PgRoomStore.Existing e = existing.get(row.username());
            if (e != null && e.kind() != AccountKind.ROOM) {
              errors.add(RoomCsv.error(row.line(), "The user name '" + row.username() + "' belongs to a person's account, not a room."));
              continue;
            }
            UUID id = e == null ? UUID.randomUUID() : e.id();
            var wanted = new PgRoomStore.RoomAccount(id, row.username(), row.name(), row.code(), row.district());
            all.add(id);
            if (e == null) {
              create.add(wanted);
            } else if (e.displayName().equals(row.name()) && Objects.equals(e.roomCode(), row.code())
                && Objects.equals(Objects.requireNonNullElse(e.district(), ""), row.district())) {
              unchanged++;
            } else {
              update.add(wanted);
            }
          }
          if (!errors.isEmpty()) {
            return Future.failedFuture(RoomCsv.reject(errors));
          }
          int same = unchanged;
          return store.insert(tx, create).compose(v -> store.update(tx, update)).compose(v -> store.join(tx, meeting, all))
              .map(joined -> {
                ImportResult result = new ImportResult(create.size(), update.size(), same, joined);
                if (!result.changedAnything()) {
                  return Ledger.Change.of(result);
                }
                JsonObject data = result.toJson().put("rooms", rows.size());
                data.remove("errors");
                return Ledger.Change.of(result, NewEvent.toAll(ROOMS_IMPORTED, data));
              });
        }))
        .map(Ledger.Written::value);
  }

  /** RM3: the meeting's remote rooms; the credential status only for the people running the meeting. */
  public Future<JsonArray> list(Actor actor, MeetingId meeting) {
    return store.list(pool, meeting, actor.runsMeeting());
  }
}
