package org.plenum.server.room;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.plenum.server.auth.AccountKind;
import org.plenum.server.config.RoomsConfig;
import org.plenum.server.core.Actor;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.ledger.Ledger;

/**
 * Remote rooms (điểm cầu) of a meeting: import from a CSV list and the list with credential status.
 *
 * <p>Rules (docs/protocol.md, Remote rooms): RM1 the chair, the secretary or an administrator imports; each row
 * creates or updates the ROOM account {@code room-<code>} and makes it a REMOTE_ROOM participant; importing the same
 * file again changes nothing. RM2 a file with any problem imports nothing. RM3 every participant lists the rooms;
 * only the people running the meeting see the credential status.
 */
final class RoomService {
  private final Database db;
  private final Ledger ledger;
  private final RoomStore store;
  private final RoomsConfig config;
  private final org.plenum.server.core.live.AccessChanges changes;

  RoomService(Database db, Ledger ledger, RoomStore store, RoomsConfig config, org.plenum.server.core.live.AccessChanges changes) {
    this.changes = changes;
    this.db = db;
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
    return ledger.write(meeting, actor.accountId(), (tx, head) -> store.findByUsernames(tx, rows.stream().map(RoomCsv.Row::username).toList())
        .compose(existing -> {
          List<JsonObject> errors = new ArrayList<>();
          List<RoomStore.RoomAccount> create = new ArrayList<>();
          List<RoomStore.RoomAccount> update = new ArrayList<>();
          List<UUID> all = new ArrayList<>();
          int unchanged = 0;
          for (RoomCsv.Row row : rows) {
            RoomStore.Existing e = existing.get(row.username());
            if (e != null && e.kind() != AccountKind.ROOM) {
              errors.add(RoomCsv.error(row.line(), "The user name '" + row.username() + "' belongs to a person's account, not a room."));
              continue;
            }
            UUID id = e == null ? UUID.randomUUID() : e.id();
            var wanted = new RoomStore.RoomAccount(id, row.username(), row.name(), row.code(), row.district());
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
                return Ledger.Change.of(result, new RoomEvent.Imported(result.created(), result.updated(), result.unchanged(), result.joined(),
                    rows.size()));
              });
        }))
        .onSuccess(w -> {
          if (w.value().changedAnything()) {
            changes.changed("rooms imported into " + meeting); // D46: room accounts' names and participants
          }
        })
        .map(Ledger.Written::value);
  }

  /** RM3: the meeting's remote rooms; the credential status only for the people running the meeting. */
  public Future<JsonArray> list(Actor actor, MeetingId meeting) {
    return store.list(db.auto(), meeting, actor.runsMeeting());
  }
}
