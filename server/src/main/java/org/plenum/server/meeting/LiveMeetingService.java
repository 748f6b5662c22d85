package org.plenum.server.meeting;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import org.plenum.server.auth.AccountId;
import org.plenum.server.core.Actor;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.Role;
import org.plenum.server.core.db.Tx;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.ledger.Ledger;

/**
 * Meeting status, participants' roles, roll call and invitations — each change a ledger event.
 *
 * <p>Rules: MS1 only the chair (or an administrator) opens, closes and archives, in the order
 * SCHEDULED → OPEN → CLOSED → ARCHIVED. AT1 anyone checks themselves in (PRESENT), out (ABSENT) or excused;
 * AT2 the chair and the secretary set anyone's attendance; AT3 a remote room checks in the people in it as REMOTE
 * via itself; AT4 a closed or archived meeting takes no attendance. IV1 each participant answers their own
 * invitation; the note is seen by them and the people running the meeting only.
 */
public final class LiveMeetingService implements Meetings {
  private final Ledger ledger;
  private final MeetingStore meetings;
  private final ParticipantStore participants;
  private BiFunction<Tx, MeetingId, Future<JsonObject>> quorum = (tx, m) -> Future.succeededFuture(null);

  private final org.plenum.server.core.live.AccessChanges changes;

  public LiveMeetingService(Ledger ledger, MeetingStore meetings, ParticipantStore participants,
                            org.plenum.server.core.live.AccessChanges changes) {
    this.changes = changes;
    this.ledger = ledger;
    this.meetings = meetings;
    this.participants = participants;
  }

  public Future<Ledger.Written<JsonObject>> setStatus(Actor actor, MeetingId meeting, MeetingStatus target) {
    actor.requireChair();
    return ledger.write(meeting, actor.accountId(), (tx, head) -> meetings.status(tx, meeting).compose(current -> {
      boolean ok = switch (target) {
        case OPEN -> current == MeetingStatus.SCHEDULED;
        case CLOSED -> current == MeetingStatus.OPEN;
        case ARCHIVED -> current == MeetingStatus.CLOSED;
        case SCHEDULED -> false;
      };
      if (!ok) {
        return Future.failedFuture(new PlenumException(ErrorCode.CONFLICT, "A meeting that is " + current + " cannot become " + target + "."));
      }
      var event = new MeetingEvent.StatusChanged(target, current);
      return meetings.setStatus(tx, meeting, target).map(v -> Ledger.Change.of(event.data(), event));
    }));
  }

  @Override
  public Future<MeetingStatus> status(Tx tx, MeetingId meeting) {
    return meetings.status(tx, meeting);
  }

  @Override
  public Future<JsonObject> header(Tx tx, MeetingId meeting) {
    return meetings.header(tx, meeting);
  }

  @Override
  public Future<JsonObject> participant(Tx tx, MeetingId meeting, UUID account) {
    return participants.get(tx, meeting, account);
  }

  @Override
  public Future<JsonArray> participants(Tx tx, MeetingId meeting) {
    return participants.all(tx, meeting);
  }

  /** Adds an account to the meeting or changes its role (chair, secretary, administrators). */
  public Future<Ledger.Written<JsonObject>> putParticipant(Actor actor, MeetingId meeting, UUID account, Role role, boolean votingRight,
                                                         BigDecimal voteWeight) {
    actor.requireRunner();
    return ledger.write(meeting, actor.accountId(), (tx, head) -> meetings.putParticipant(tx, meeting, new AccountId(account), role, votingRight,
            voteWeight)
        .compose(v -> participantChanged(tx, meeting, account, "role")))
        .onSuccess(w -> changes.changed("participant " + account + " of " + meeting)); // D46: cached roles forgotten
  }

  /**
   * AD6: adds the participants of an earlier meeting (roles, voting rights, weights) to this one, an administrator
   * only; one {@code participant.changed} event per account added. Accounts already in the meeting keep their entry.
   * The source must be another meeting (BAD_MESSAGE) that exists (NOT_FOUND).
   */
  public Future<Ledger.Written<Integer>> copyParticipants(Actor actor, MeetingId meeting, MeetingId source) {
    if (!actor.admin()) {
      throw PlenumException.forbidden("Only an administrator copies participants between meetings.");
    }
    if (meeting.equals(source)) {
      throw PlenumException.badMessage("Field 'fromMeetingId' must name another meeting.");
    }
    return ledger.write(meeting, actor.accountId(), (tx, head) -> meetings.status(tx, source)
        .compose(ignored -> meetings.copyParticipants(tx, source, meeting))
        .compose(added -> {
          List<org.plenum.server.core.DomainEvent> events = new ArrayList<>();
          Future<Void> f = Future.succeededFuture();
          for (UUID account : added) {
            f = f.compose(v -> participantChanged(tx, meeting, account, "role").map(c -> {
              events.addAll(c.events());
              return null;
            }));
          }
          return f.map(v -> new Ledger.Change<>(added.size(), events));
        }))
        .onSuccess(w -> changes.changed("participants copied into " + meeting)); // D46
  }

  public Future<Ledger.Written<JsonObject>> setAttendance(Actor actor, MeetingId meeting, UUID account, Attendance status, UUID room) {
    return ledger.write(meeting, actor.accountId(), (tx, head) -> meetings.status(tx, meeting).compose(ms -> {
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

  @Override
  public void watchQuorum(BiFunction<Tx, MeetingId, Future<JsonObject>> quorum) {
    this.quorum = quorum;
  }

  private Future<Ledger.Change<JsonObject>> participantChanged(Tx tx, MeetingId meeting, UUID account, String reason) {
    return participants.get(tx, meeting, account).compose(p -> quorum.apply(tx, meeting).map(q -> {
      var event = new MeetingEvent.ParticipantChanged(reason, p, q);
      return Ledger.Change.of(event.data(), event);
    }));
  }
}
