package org.plenum.server.speaker;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Tx;

/** The list of speakers: one waiting request per person and one speaker per meeting (CONFLICT otherwise). */
public interface SpeakerStore {
  /** One entry of the list; {@code json} is what clients see. */
  record Entry(UUID id, UUID accountId, String kind, String status, int position, JsonObject json) {}

  /** The speaker now (or null) and the waiting list in order. */
  Future<JsonObject> queue(Tx tx, MeetingId meeting);

  /** SPEAKING and WAITING entries, the speaker first, then the waiting list by position. */
  Future<List<Entry>> open(Tx tx, MeetingId meeting);

  /** NOT_FOUND when the meeting has no such entry. */
  Future<Entry> get(Tx tx, MeetingId meeting, UUID id);

  /** A new WAITING entry; CONFLICT when the person already waits. */
  Future<Void> insert(Tx tx, MeetingId meeting, UUID id, UUID account, String kind, UUID agendaItem, int position);

  /** Moves an entry to {@code status}, stamping its start (SPEAKING, with the time limit) or end (DONE, WITHDRAWN). */
  Future<Void> setStatus(Tx tx, UUID id, String status, Integer timeLimit);

  /** Positions 1..n in the given order. */
  Future<Void> positions(Tx tx, List<UUID> ordered);

  /** Finished contributions, oldest first, optionally for one agenda item. */
  Future<JsonArray> history(Tx tx, MeetingId meeting, UUID agendaItem);
}
