package org.plenum.server.meeting;

import org.plenum.server.core.Actor;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.ledger.Ledger;
import org.plenum.server.core.ledger.NewEvent;
import org.plenum.server.storage.PgMeetingStore;
import org.plenum.server.storage.PgParticipantStore;

/**
 * Meeting status, participants' roles, roll call and invitations — each change a ledger event.
 *
 * <p>Rules: MS1 only the chair (or an administrator) opens, closes and archives, in the order
 * SCHEDULED → OPEN → CLOSED → ARCHIVED. AT1 anyone checks themselves in (PRESENT), out (ABSENT) or excused;
 * AT2 the chair and the secretary set anyone's attendance; AT3 a remote room checks in the people in it as REMOTE
 * via itself; AT4 a closed or archived meeting takes no attendance. IV1 each participant answers their own
 * invitation; the note is seen by them and the people running the meeting only.
 */
public final class LiveMeetingService {
  public static final String STATUS_CHANGED = "meeting.statusChanged";
  public static final String PARTICIPANT_CHANGED = "participant.changed";

  private final Ledger ledger;
  private final PgMeetingStore meetings;
  private final PgParticipantStore participants;
  private volatile java.util.function.BiFunction<SqlClient, MeetingId, Future<JsonObject>> quorum = (tx, m) -> Future.succeededFuture(null);

  public LiveMeetingService(Ledger ledger, PgMeetingStore meetings, PgParticipantStore participants) {
    this.ledger = ledger;
    this.meetings = meetings;
    this.participants = participants;
  }

  public Future<Ledger.Written<JsonObject>> setStatus(Actor actor, MeetingId meeting, MeetingStatus target) {
    actor.requireChair();
    return ledger.write(meeting, actor.accountId(), (tx, head) -> status(tx, meeting).compose(current -> {
      boolean ok = switch (target) {
        case OPEN -> current == MeetingStatus.SCHEDULED;
        case CLOSED -> current == MeetingStatus.OPEN;
        case ARCHIVED -> current == MeetingStatus.CLOSED;
        case SCHEDULED -> false;
      };
      if (!ok) {
        return Future.failedFuture(new PlenumException(ErrorCode.CONFLICT, "A meeting that is " + current + " cannot become " + target + "."));
      }
      String column = target == MeetingStatus.OPEN ? ", opened_at = now()" : target == MeetingStatus.CLOSED ? ", closed_at = now()" : "";
      return tx.preparedQuery("update meeting set status = $2" + column + " where id = $1").execute(Tuple.of(meeting.value(), target.name()))
          .map(v -> {
            JsonObject data = new JsonObject().put("status", target.name()).put("previous", current.name());
            return Ledger.Change.of(data, NewEvent.toAll(STATUS_CHANGED, data));
          });
    }));
  }

  public static Future<MeetingStatus> status(SqlClient c, MeetingId meeting) {
    return c.preparedQuery("select status from meeting where id = $1").execute(Tuple.of(meeting.value()))
        .map(rows -> {
          if (rows.size() == 0) {
            throw PlenumException.notFound("No meeting '" + meeting + "'.");
          }
          return MeetingStatus.valueOf(rows.iterator().next().getString(0));
        });
  }

  /** Adds an account to the meeting or changes its role (chair, secretary, administrators). */
  public Future<Ledger.Written<JsonObject>> putParticipant(Actor actor, MeetingId meeting, UUID account, Role role, boolean votingRight,
                                                         java.math.BigDecimal voteWeight) {
    actor.requireRunner();
    return ledger.write(meeting, actor.accountId(), (tx, head) -> meetings.putParticipant(tx, meeting,
            new org.plenum.server.account.AccountId(account), role, votingRight, voteWeight)
        .compose(v -> participantChanged(tx, meeting, account, "role")));
  }

  public Future<Ledger.Written<JsonObject>> setAttendance(Actor actor, MeetingId meeting, UUID account, Attendance status, UUID room) {
    return ledger.write(meeting, actor.accountId(), (tx, head) -> status(tx, meeting).compose(ms -> {
      if (ms == MeetingStatus.CLOSED || ms == MeetingStatus.ARCHIVED) {
        return Future.failedFuture(new PlenumException(ErrorCode.CONFLICT, "The meeting is " + ms + "; attendance can no longer change."));
      }
      return participants.get(tx, meeting, account);
    }).compose(target -> {
      boolean self = account.equals(actor.accountId());
      Role targetRole = Role.valueOf(target.getString("role"));
      if (status == Attendance.REMOTE) {
        if (room == null) {
          throw PlenumException.badMessage("Field 'roomId' is required for REMOTE attendance.");
        }
        if (targetRole == Role.REMOTE_ROOM) {
          throw PlenumException.badMessage("A remote room is not itself attending through a room.");
        }
        if (!actor.runsMeeting() && !(actor.is(Role.REMOTE_ROOM) && room.equals(actor.accountId()))) {
          throw PlenumException.forbidden("Only the chair, the secretary or the room itself checks people in through a room.");
        }
        return participants.get(tx, meeting, room).compose(r -> {
          if (!Role.REMOTE_ROOM.name().equals(r.getString("role"))) {
            return Future.failedFuture(PlenumException.badMessage("'" + room + "' is not a remote room of this meeting."));
          }
          return Future.succeededFuture(target);
        });
      }
      if (room != null) {
        throw PlenumException.badMessage("Field 'roomId' is only for REMOTE attendance.");
      }
      boolean roomUndoing = actor.is(Role.REMOTE_ROOM) && status == Attendance.ABSENT && actor.accountId().toString().equals(target.getString("attendanceRoomId"));
      if (!(self || actor.runsMeeting() || roomUndoing)) {
        throw PlenumException.forbidden("You may only check yourself in or out.");
      }
      return Future.succeededFuture(target);
    }).compose(target -> participants.setAttendance(tx, meeting, account, status, status == Attendance.REMOTE ? room : null, actor.accountId()))
        .compose(v -> participantChanged(tx, meeting, account, "attendance")));
  }

  public Future<Ledger.Written<JsonObject>> respondInvitation(Actor actor, MeetingId meeting, Invitation answer, String note) {
    if (answer == Invitation.PENDING) {
      throw PlenumException.badMessage("Field 'response' must be ACCEPTED or DECLINED.");
    }
    if (actor.role().isEmpty()) {
      throw PlenumException.forbidden("Only participants answer invitations.");
    }
    return ledger.write(meeting, actor.accountId(), (tx, head) -> participants.setInvitation(tx, meeting, actor.accountId(), answer, note)
        .compose(v -> participantChanged(tx, meeting, actor.accountId(), "invitation")));
  }

  /**
   * VT11: who computes the meeting's quorum (the vote service); its view rides on every participant change, so the
   * chair sees it move with each arrival, departure, role or weight change.
   */
  public void watchQuorum(java.util.function.BiFunction<SqlClient, MeetingId, Future<JsonObject>> quorum) {
    this.quorum = quorum;
  }

  private Future<Ledger.Change<JsonObject>> participantChanged(SqlClient tx, MeetingId meeting, UUID account, String reason) {
    return participants.get(tx, meeting, account).compose(p -> quorum.apply(tx, meeting).map(q -> {
      JsonObject data = new JsonObject().put("reason", reason).put("participant", p);
      if (q != null) {
        data.put("quorum", q);
      }
      return Ledger.Change.of(data, NewEvent.toAll(PARTICIPANT_CHANGED, data));
    }));
  }

  /** What a viewer sees of a participant: the invitation note only for themselves and the people running the meeting. */
  public static JsonObject participantView(JsonObject participant, Actor viewer) {
    if (viewer.runsMeeting() || viewer.accountId().toString().equals(participant.getString("accountId"))) {
      return participant;
    }
    return participant.copy().put("invitationNote", null);
  }
}
