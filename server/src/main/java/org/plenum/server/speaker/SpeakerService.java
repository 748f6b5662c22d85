package org.plenum.server.speaker;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.ledger.Ledger;
import org.plenum.server.core.DomainEvent;
import org.plenum.server.core.db.Tx;
import org.plenum.server.agenda.Agenda;
import org.plenum.server.meeting.Meetings;
import org.plenum.server.core.Actor;
import org.plenum.server.core.MeetingId;
import org.plenum.server.meeting.MeetingStatus;
import org.plenum.server.core.Role;

/**
 * The list of speakers. Rules: SQ1 delegates, the chair, the secretary and remote rooms request to speak
 * (observers do not); one open request per person. SQ2 a point of order goes ahead of every other waiting request
 * (after earlier points of order). SQ3 the requester or the people running the meeting withdraw a request.
 * SQ4 the chair or secretary grants the floor (ending the current speaker), ends it, reorders the waiting list,
 * and adds someone. SQ5 a granted speaker has a time limit (the grant's, else speaker.default_time_limit); clients
 * run the clock from {@code startedAt}. SQ6 every step is a ledger event carrying the entry and the whole queue;
 * each entry records the agenda item current when it was requested, which gives the history per item.
 * SQ7 a closed or archived meeting takes no requests.
 */
public final class SpeakerService implements SpeakerQueue {
  private final Ledger ledger;
  private final SpeakerStore store;
  private final Agenda agenda;
  private final Meetings meetings;
  private final Duration defaultLimit;

  public SpeakerService(Ledger ledger, SpeakerStore store, Agenda agenda, Meetings meetings, Duration defaultLimit) {
    this.ledger = ledger;
    this.store = store;
    this.agenda = agenda;
    this.meetings = meetings;
    this.defaultLimit = defaultLimit;
  }

  public Future<Ledger.Written<JsonObject>> request(Actor actor, MeetingId meeting, SpeakerKind kind) {
    if (!(actor.is(Role.DELEGATE) || actor.is(Role.CHAIR) || actor.is(Role.SECRETARY) || actor.is(Role.REMOTE_ROOM))) {
      throw PlenumException.forbidden("Only delegates, the chair, the secretary and remote rooms request to speak.");
    }
    return enqueue(actor, meeting, actor.accountId(), kind);
  }

  /** The chair or secretary puts someone on the list (e.g. a raised hand in the hall). */
  public Future<Ledger.Written<JsonObject>> add(Actor actor, MeetingId meeting, UUID account, SpeakerKind kind) {
    actor.requireRunner();
    return enqueue(actor, meeting, account, kind);
  }

  private Future<Ledger.Written<JsonObject>> enqueue(Actor actor, MeetingId meeting, UUID account, SpeakerKind kind) {
    UUID id = UUID.randomUUID();
    return ledger.write(meeting, actor.accountId(), (tx, head) -> requireActive(tx, meeting)
        .compose(v -> meetings.participant(tx, meeting, account))
        .compose(participant -> {
          if (Role.OBSERVER.name().equals(participant.getString("role"))) {
            return Future.failedFuture(PlenumException.forbidden("Observers are not put on the list of speakers."));
          }
          return store.open(tx, meeting);
        })
        .compose(open -> agenda.currentItem(tx, meeting).compose(item -> {
          List<UUID> order = new ArrayList<>();
          open.stream().filter(e -> e.status().equals("WAITING")).forEach(e -> order.add(e.id()));
          int insertAt = order.size();
          if (kind == SpeakerKind.POINT_OF_ORDER) {
            insertAt = (int) open.stream().filter(e -> e.status().equals("WAITING") && e.kind().equals(SpeakerKind.POINT_OF_ORDER.name())).count();
          }
          order.add(insertAt, id);
          return store.insert(tx, meeting, id, account, kind.name(), item, insertAt + 1).compose(v -> store.positions(tx, order));
        }))
        .compose(v -> event(tx, meeting, SpeakerEvent.Requested::new, id)));
  }

  public Future<Ledger.Written<JsonObject>> withdraw(Actor actor, MeetingId meeting, UUID entryId) {
    return ledger.write(meeting, actor.accountId(), (tx, head) -> store.get(tx, meeting, entryId).compose(e -> {
      if (!e.accountId().equals(actor.accountId()) && !actor.runsMeeting()) {
        return Future.failedFuture(PlenumException.forbidden("Only the requester or the people running the meeting withdraw a request."));
      }
      if (!e.status().equals("WAITING")) {
        return Future.failedFuture(new PlenumException(ErrorCode.CONFLICT, "This request is " + e.status() + ", not waiting."));
      }
      return store.setStatus(tx, entryId, "WITHDRAWN", null).compose(v -> renumber(tx, meeting)).compose(v -> event(tx, meeting, SpeakerEvent.Withdrawn::new, entryId));
    }));
  }

  public Future<Ledger.Written<JsonObject>> grant(Actor actor, MeetingId meeting, UUID entryId, Integer timeLimitSeconds) {
    actor.requireRunner();
    if (timeLimitSeconds != null && (timeLimitSeconds < 10 || timeLimitSeconds > 4 * 3600)) {
      throw PlenumException.badMessage("Field 'timeLimitSeconds' must be from 10 to 14400.");
    }
    int limit = timeLimitSeconds != null ? timeLimitSeconds : (int) defaultLimit.toSeconds();
    return ledger.write(meeting, actor.accountId(), (tx, head) -> requireActive(tx, meeting)
        .compose(v -> store.get(tx, meeting, entryId))
        .compose(e -> {
          if (!e.status().equals("WAITING")) {
            return Future.failedFuture(new PlenumException(ErrorCode.CONFLICT, "This request is " + e.status() + ", not waiting."));
          }
          return endCurrent(tx, meeting);
        })
        .compose(ended -> store.setStatus(tx, entryId, "SPEAKING", limit)
            .compose(v -> renumber(tx, meeting))
            .compose(v -> store.get(tx, meeting, entryId))
            .compose(granted -> store.queue(tx, meeting).map(queue -> {
              List<DomainEvent> events = new ArrayList<>();
              if (ended != null) {
                events.add(new SpeakerEvent.Ended(ended.json(), queue));
              }
              var grantedEvent = new SpeakerEvent.Granted(granted.json(), queue);
              events.add(grantedEvent);
              return new Ledger.Change<>(grantedEvent.data(), events);
            }))));
  }

  public Future<Ledger.Written<JsonObject>> end(Actor actor, MeetingId meeting) {
    actor.requireRunner();
    return ledger.write(meeting, actor.accountId(), (tx, head) -> endCurrent(tx, meeting).compose(ended -> {
      if (ended == null) {
        return Future.failedFuture(new PlenumException(ErrorCode.CONFLICT, "Nobody has the floor."));
      }
      return store.queue(tx, meeting).map(queue -> {
        var event = new SpeakerEvent.Ended(ended.json(), queue);
        return Ledger.Change.of(event.data(), event);
      });
    }));
  }

  public Future<Ledger.Written<JsonObject>> reorder(Actor actor, MeetingId meeting, List<UUID> entryIds) {
    actor.requireRunner();
    return ledger.write(meeting, actor.accountId(), (tx, head) -> store.open(tx, meeting).compose(open -> {
      Set<UUID> waiting = new HashSet<>();
      open.stream().filter(e -> e.status().equals("WAITING")).forEach(e -> waiting.add(e.id()));
      if (!waiting.equals(new HashSet<>(entryIds)) || entryIds.size() != waiting.size()) {
        return Future.failedFuture(PlenumException.badMessage("Field 'entryIds' must list every waiting request exactly once."));
      }
      return store.positions(tx, entryIds).compose(v -> store.queue(tx, meeting)).map(queue -> {
        var event = new SpeakerEvent.Reordered(queue);
        return Ledger.Change.of(event.data(), event);
      });
    }));
  }

  @Override
  public Future<JsonObject> queue(Tx c, MeetingId meeting) {
    return store.queue(c, meeting).map(q -> q.put("defaultTimeLimitSeconds", defaultLimit.toSeconds()));
  }

  public Future<io.vertx.core.json.JsonArray> history(Tx c, MeetingId meeting, UUID agendaItem) {
    return store.history(c, meeting, agendaItem);
  }

  /** Ends the current speaker if any; returns the ended entry (re-read) or null. */
  private Future<SpeakerStore.Entry> endCurrent(Tx tx, MeetingId meeting) {
    return store.open(tx, meeting).compose(open -> {
      var speaking = open.stream().filter(e -> e.status().equals("SPEAKING")).findFirst();
      if (speaking.isEmpty()) {
        return Future.succeededFuture(null);
      }
      UUID id = speaking.get().id();
      return store.setStatus(tx, id, "DONE", null).compose(v -> store.get(tx, meeting, id));
    });
  }

  private Future<Void> renumber(Tx tx, MeetingId meeting) {
    return store.open(tx, meeting).compose(open -> {
      List<UUID> order = new ArrayList<>();
      open.stream().filter(e -> e.status().equals("WAITING")).forEach(e -> order.add(e.id()));
      return store.positions(tx, order);
    });
  }

  private Future<Ledger.Change<JsonObject>> event(Tx tx, MeetingId meeting, java.util.function.BiFunction<JsonObject, JsonObject, SpeakerEvent> type,
                                                  UUID entryId) {
    return store.get(tx, meeting, entryId).compose(e -> store.queue(tx, meeting).map(queue -> {
      SpeakerEvent event = type.apply(e.json(), queue);
      return Ledger.Change.of(event.data(), event);
    }));
  }

  private Future<Void> requireActive(Tx tx, MeetingId meeting) {
    return meetings.status(tx, meeting).compose(s -> s == MeetingStatus.CLOSED || s == MeetingStatus.ARCHIVED
        ? Future.failedFuture(new PlenumException(ErrorCode.CONFLICT, "The meeting is " + s + "."))
        : Future.succeededFuture());
  }
}
