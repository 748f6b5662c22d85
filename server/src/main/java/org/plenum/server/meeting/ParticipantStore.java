package org.plenum.server.meeting;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Tx;

/** Participants with attendance and invitation state, as the live meeting shows them. */
public interface ParticipantStore {
  /** Every participant, by role then name. */
  Future<JsonArray> all(Tx tx, MeetingId meeting);

  /** NOT_FOUND when the account is not a participant. */
  Future<JsonObject> get(Tx tx, MeetingId meeting, UUID account);

  Future<Void> setAttendance(Tx tx, MeetingId meeting, UUID account, Attendance status, UUID room, UUID by);

  Future<Void> setInvitation(Tx tx, MeetingId meeting, UUID account, Invitation answer, String note);
}
