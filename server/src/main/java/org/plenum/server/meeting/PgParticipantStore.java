package org.plenum.server.meeting;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Pg;
import org.plenum.server.core.db.Tx;

/** Participants with attendance and invitation state, as the live meeting shows them. */
public final class PgParticipantStore implements ParticipantStore {
  private static final String SELECT = "select a.id, a.username, a.display_name, a.kind, p.role, p.voting_right, p.vote_weight, p.attendance, p.attendance_room, "
      + "p.attendance_at, p.invitation, p.invitation_note from participant p join account a on a.id = p.account_id where p.meeting_id = $1";

  public static JsonObject toJson(Row r) {
    return new JsonObject().put("accountId", r.getUUID("id").toString()).put("username", r.getString("username"))
        .put("displayName", r.getString("display_name")).put("kind", r.getString("kind")).put("role", r.getString("role"))
        .put("votingRight", r.getBoolean("voting_right"))
        .put("voteWeight", r.getBigDecimal("vote_weight").stripTrailingZeros().toPlainString()).put("attendance", r.getString("attendance"))
        .put("attendanceRoomId", r.getUUID("attendance_room") == null ? null : r.getUUID("attendance_room").toString())
        .put("attendanceAt", r.getOffsetDateTime("attendance_at") == null ? null : r.getOffsetDateTime("attendance_at").toString())
        .put("invitation", r.getString("invitation")).put("invitationNote", r.getString("invitation_note"));
  }

  @Override
  public Future<JsonArray> all(Tx c, MeetingId meeting) {
    return Pg.sql(c).preparedQuery(SELECT + " order by p.role, lower(a.display_name)").execute(Tuple.of(meeting.value())).map(rows -> {
      JsonArray out = new JsonArray();
      rows.forEach(r -> out.add(toJson(r)));
      return out;
    });
  }

  @Override
  public Future<JsonObject> get(Tx c, MeetingId meeting, UUID account) {
    return Pg.sql(c).preparedQuery(SELECT + " and p.account_id = $2").execute(Tuple.of(meeting.value(), account))
        .map(rows -> {
          if (rows.size() == 0) {
            throw PlenumException.notFound("No participant '" + account + "' in this meeting.");
          }
          return toJson(rows.iterator().next());
        });
  }

  @Override
  public Future<Void> setAttendance(Tx c, MeetingId meeting, UUID account, Attendance status, UUID room, UUID by) {
    return Pg.sql(c).preparedQuery("update participant set attendance = $3, attendance_room = $4, attendance_by = $5, attendance_at = now() "
            + "where meeting_id = $1 and account_id = $2")
        .execute(Tuple.of(meeting.value(), account, status.name(), room, by)).mapEmpty();
  }

  @Override
  public Future<Void> setInvitation(Tx c, MeetingId meeting, UUID account, Invitation answer, String note) {
    return Pg.sql(c).preparedQuery("update participant set invitation = $3, invitation_note = $4 where meeting_id = $1 and account_id = $2")
        .execute(Tuple.of(meeting.value(), account, answer.name(), note)).mapEmpty();
  }
}
