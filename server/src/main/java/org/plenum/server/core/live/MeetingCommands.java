package org.plenum.server.core.live;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.plenum.server.agenda.AgendaService;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.ledger.Ledger;
import org.plenum.server.core.ledger.LedgerEvent;
import org.plenum.server.core.Actor;
import org.plenum.server.meeting.LiveMeetingService;
import org.plenum.server.meeting.MeetingStatus;
import org.plenum.server.meeting.PresentationService;
import org.plenum.server.protocol.Commands;
import org.plenum.server.core.ws.Envelope;
import org.plenum.server.speaker.SpeakerService;
import org.plenum.server.core.ledger.PgLedgerStore;

/**
 * Every command a meeting socket accepts, by {@code type}, each mapped to its service (docs/protocol.md §4).
 * Who may send what is decided in the services; the session's meeting is the only meeting a command can touch.
 */
public final class MeetingCommands implements LiveSession.Dispatcher {
  private final Map<String, BiFunction<LiveSession, Envelope, Future<JsonObject>>> handlers = new HashMap<>();
  private final PgLedgerStore ledger;
  private final SnapshotService snapshots;
  private final int resumeMax;

  public MeetingCommands(PgLedgerStore ledger, SnapshotService snapshots, int resumeMax, LiveMeetingService meetings, AgendaService agenda,
                         SpeakerService speakers, PresentationService presentation, org.plenum.server.vote.VoteService votes,
                         org.plenum.server.media.MediaService media) {
    this.ledger = ledger;
    this.snapshots = snapshots;
    this.resumeMax = resumeMax;
    handlers.put("ping", (s, c) -> {
      c.as(Commands.None.class);
      return Future.succeededFuture(new JsonObject().put("type", "pong").put("serverTime", java.time.Instant.now().toString()));
    });
    handlers.put("session.resume", (s, c) -> resume(s, c));
    handlers.put("presence.update", (s, c) -> {
      var p = c.as(Commands.PresenceUpdate.class);
      JsonObject changes = new JsonObject();
      if (p.device() != null) {
        changes.put("device", p.device());
      }
      if (p.following() != null) {
        changes.put("following", p.following());
      }
      if (p.view() != null) {
        changes.put("view", new JsonObject().put("document", p.view().document()).put("page", p.view().page()));
      }
      s.updatePresence(changes);
      return Future.succeededFuture(ack(null));
    });
    status("meeting.open", MeetingStatus.OPEN, meetings);
    status("meeting.close", MeetingStatus.CLOSED, meetings);
    status("meeting.archive", MeetingStatus.ARCHIVED, meetings);
    handlers.put("agenda.add", (s, c) -> {
      var a = c.as(Commands.AgendaAdd.class);
      return written(agenda.add(s.actor(), s.meeting(), Commands.uuid(a.parentId(), "parentId"), a.title().strip(), a.durationMinutes(), a.internal()));
    });
    handlers.put("agenda.update", (s, c) -> {
      var a = c.as(Commands.AgendaUpdate.class);
      return written(agenda.update(s.actor(), s.meeting(), Commands.uuid(a.itemId(), "itemId"),
          new AgendaService.Edit(a.title() == null ? null : a.title().strip(), a.durationMinutes(), a.internal())));
    });
    handlers.put("agenda.move", (s, c) -> {
      var a = c.as(Commands.AgendaMove.class);
      return written(agenda.move(s.actor(), s.meeting(), Commands.uuid(a.itemId(), "itemId"), Commands.uuid(a.parentId(), "parentId"), a.position()));
    });
    handlers.put("agenda.remove", (s, c) ->
        written(agenda.remove(s.actor(), s.meeting(), Commands.uuid(c.as(Commands.ItemRef.class).itemId(), "itemId"))));
    handlers.put("agenda.setCurrent", (s, c) ->
        written(agenda.setCurrent(s.actor(), s.meeting(), Commands.uuid(c.as(Commands.AgendaSetCurrent.class).itemId(), "itemId"))));
    handlers.put("attendance.set", (s, c) -> {
      var a = c.as(Commands.AttendanceSet.class);
      return written(meetings.setAttendance(s.actor(), s.meeting(), Commands.uuid(a.accountId(), "accountId"), a.status(),
          Commands.uuid(a.roomId(), "roomId")));
    });
    handlers.put("invitation.respond", (s, c) -> {
      var a = c.as(Commands.InvitationRespond.class);
      return written(meetings.respondInvitation(s.actor(), s.meeting(), a.response(), a.note()));
    });
    handlers.put("speaker.request", (s, c) -> written(speakers.request(s.actor(), s.meeting(), c.as(Commands.SpeakerRequest.class).kind())));
    handlers.put("speaker.add", (s, c) -> {
      var a = c.as(Commands.SpeakerAdd.class);
      return written(speakers.add(s.actor(), s.meeting(), Commands.uuid(a.accountId(), "accountId"), a.kind()));
    });
    handlers.put("speaker.withdraw", (s, c) ->
        written(speakers.withdraw(s.actor(), s.meeting(), Commands.uuid(c.as(Commands.EntryRef.class).entryId(), "entryId"))));
    handlers.put("speaker.grant", (s, c) -> {
      var a = c.as(Commands.SpeakerGrant.class);
      return written(speakers.grant(s.actor(), s.meeting(), Commands.uuid(a.entryId(), "entryId"), a.timeLimitSeconds()));
    });
    handlers.put("speaker.end", (s, c) -> {
      c.as(Commands.None.class);
      return written(speakers.end(s.actor(), s.meeting()));
    });
    handlers.put("speaker.reorder", (s, c) -> {
      List<UUID> ids = new ArrayList<>();
      c.as(Commands.SpeakerReorder.class).entryIds().forEach(id -> ids.add(Commands.uuid(id, "entryIds")));
      return written(speakers.reorder(s.actor(), s.meeting(), ids));
    });
    handlers.put("presentation.show", (s, c) -> {
      var a = c.as(Commands.PresentationShow.class);
      return written(presentation.show(s.actor(), s.meeting(), a.document(), a.page(), a.zoom()));
    });
    handlers.put("presentation.setPresenter", (s, c) ->
        written(presentation.setPresenter(s.actor(), s.meeting(), Commands.uuid(c.as(Commands.PresenterSet.class).accountId(), "accountId"))));
    polls(votes);
    media(media);
  }

  /** docs/protocol.md §13: signalling between the socket and the meeting's video room. */
  private void media(org.plenum.server.media.MediaService media) {
    handlers.put("media.publish", (s, c) -> media.publish(s, c.as(org.plenum.server.media.MediaCommands.Publish.class)));
    handlers.put("media.subscribe", (s, c) -> media.subscribe(s, c.as(org.plenum.server.media.MediaCommands.Subscribe.class)));
    handlers.put("media.answer", (s, c) -> media.answer(s, c.as(org.plenum.server.media.MediaCommands.Answer.class)));
    handlers.put("media.candidate", (s, c) -> media.candidate(s, c.as(org.plenum.server.media.MediaCommands.Candidate.class)));
    handlers.put("media.leave", (s, c) -> media.leave(s, c.as(org.plenum.server.media.MediaCommands.Leave.class)));
    handlers.put("media.state", (s, c) -> {
      c.as(Commands.None.class);
      return media.state(s);
    });
  }

  private void polls(org.plenum.server.vote.VoteService votes) {
    handlers.put("poll.create", (s, c) -> {
      var a = c.as(Commands.PollCreate.class);
      return written(votes.create(s.actor(), s.meeting(), a.spec(), a.settings()));
    });
    handlers.put("poll.open", (s, c) -> written(votes.open(s.actor(), s.meeting(), pollId(c))));
    handlers.put("poll.close", (s, c) -> written(votes.close(s.actor(), s.meeting(), pollId(c))));
    handlers.put("poll.cancel", (s, c) -> written(votes.cancel(s.actor(), s.meeting(), pollId(c))));
    handlers.put("vote.cast", (s, c) -> {
      var a = c.as(Commands.VoteCast.class);
      return votes.cast(s.actor(), s.meeting(), org.plenum.server.vote.PollId.parse(a.pollId()), Commands.optionalUuid(a.voterId(), "voterId"),
          new org.plenum.server.vote.Choice(a.choice()), a.idempotencyKey()).map(cast -> ack(cast.seq()).put("receipt", cast.receipt()));
    });
    handlers.put("vote.paper", (s, c) -> {
      var a = c.as(Commands.VoteCast.class);
      return votes.enterPaper(s.actor(), s.meeting(), org.plenum.server.vote.PollId.parse(a.pollId()), Commands.optionalUuid(a.voterId(), "voterId"),
          new org.plenum.server.vote.Choice(a.choice()), a.idempotencyKey()).map(cast -> ack(cast.seq()).put("receipt", cast.receipt()));
    });
    handlers.put("proxy.set", (s, c) -> {
      var a = c.as(Commands.ProxySet.class);
      return written(votes.setProxy(s.actor(), s.meeting(), new org.plenum.server.vote.Proxy(Commands.uuid(a.giverId(), "giverId"),
          Commands.uuid(a.holderId(), "holderId"))));
    });
    handlers.put("proxy.clear", (s, c) -> written(votes.clearProxy(s.actor(), s.meeting(), Commands.uuid(c.as(Commands.ProxyClear.class).giverId(), "giverId"))));
  }

  private static org.plenum.server.vote.PollId pollId(Envelope c) {
    return org.plenum.server.vote.PollId.parse(c.as(Commands.PollRef.class).pollId());
  }

  /** The command types this gateway accepts (tests check each against the protocol document). */
  public java.util.Set<String> types() {
    return java.util.Collections.unmodifiableSet(handlers.keySet());
  }

  private void status(String type, MeetingStatus target, LiveMeetingService meetings) {
    handlers.put(type, (s, c) -> {
      c.as(Commands.None.class);
      return written(meetings.setStatus(s.actor(), s.meeting(), target));
    });
  }

  @Override
  public Future<JsonObject> dispatch(LiveSession session, Envelope command) {
    var handler = handlers.get(command.type());
    if (handler == null) {
      return Future.failedFuture(PlenumException.badMessage("Unknown message type '" + command.type() + "'."));
    }
    return handler.apply(session, command);
  }

  private static JsonObject ack(Long seq) {
    return new JsonObject().put("type", "ack").put("seq", seq);
  }

  private static Future<JsonObject> written(Future<? extends Ledger.Written<?>> w) {
    return w.map(x -> ack(x.lastSeq()));
  }

  /**
   * R1–R6: replays exactly the events after the client's {@code lastSeq} that it may see, in order — or, when that
   * gap is over ws.resume_max_events, unknown (null) or ahead of the server, a snapshot at a seq. Then the ack,
   * then presence, then what happened meanwhile. The reply is written by the session; nothing else is acked.
   */
  private Future<JsonObject> resume(LiveSession s, Envelope c) {
    Long lastSeq = c.as(Commands.Resume.class).lastSeq();
    if (s.resuming()) {
      return Future.failedFuture(PlenumException.badMessage("This connection has already resumed; open a new one to resume again."));
    }
    s.beginResume();
    Actor viewer = s.actor();
    return s.channel().ready().compose(v -> ledger.headSeq(s.meeting())).compose(head -> {
      boolean ahead = lastSeq != null && lastSeq > head;
      if (lastSeq == null || lastSeq < 0 || ahead || head - lastSeq > resumeMax) {
        return snapshots.snapshot(s.meeting(), viewer).map(snap -> {
          long seq = snap.getLong("seq");
          JsonObject frame = new JsonObject().put("type", "snapshot").put("seq", seq).put("data", snap);
          JsonObject ackFrame = ack(seq).put("requestId", c.requestId()).put("mode", "snapshot").put("replayed", 0)
              .put("reason", ahead ? "STALE_CLOCK" : lastSeq == null ? "NO_SEQ" : "GAP_TOO_OLD");
          s.finishResume(List.of(frame.encode(), ackFrame.encode()), seq);
          return (JsonObject) null;
        });
      }
      return ledger.read(s.meeting(), lastSeq, head, resumeMax + 1).map(events -> {
        List<String> frames = new ArrayList<>();
        for (LedgerEvent e : events) {
          if (Projector.admits(e, viewer)) {
            frames.add(e.toFrame(Projector.project(e.type(), e.dataJson(), viewer)).encode());
          }
        }
        frames.add(ack(head).put("requestId", c.requestId()).put("mode", "replay").put("replayed", frames.size()).encode());
        s.finishResume(frames, head);
        return (JsonObject) null;
      });
    }).onFailure(err -> s.failResume());
  }

}
