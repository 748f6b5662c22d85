package org.plenum.server.core.live;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.plenum.server.agenda.AgendaService;
import org.plenum.server.core.Actor;
import org.plenum.server.core.MeetingId;
import org.plenum.server.meeting.PresentationService;
import org.plenum.server.speaker.SpeakerService;
import org.plenum.server.storage.PgParticipantStore;

/**
 * The whole state of a meeting at one ledger seq, as one viewer may see it. Read in a REPEATABLE READ, read-only
 * transaction, so the state and the seq belong together (protocol R3).
 */
public final class SnapshotService {
  private final Pool pool;
  private final AgendaService agenda;
  private final PgParticipantStore participants;
  private final SpeakerService speakers;
  private final PresentationService presentation;
  private final org.plenum.server.document.DocumentService documents;
  private final org.plenum.server.vote.VoteService votes;

  public SnapshotService(Pool pool, AgendaService agenda, PgParticipantStore participants, SpeakerService speakers,
                         PresentationService presentation, org.plenum.server.document.DocumentService documents,
                         org.plenum.server.vote.VoteService votes) {
    this.votes = votes;
    this.documents = documents;
    this.pool = pool;
    this.agenda = agenda;
    this.participants = participants;
    this.speakers = speakers;
    this.presentation = presentation;
  }

  public Future<JsonObject> snapshot(MeetingId meeting, Actor viewer) {
    return pool.withTransaction(tx -> tx.query("set transaction isolation level repeatable read, read only").execute()
        .compose(v -> tx.preparedQuery("select c.seq, m.title, m.status, m.starts_at, m.location, m.opened_at, m.closed_at from meeting m "
            + "join meeting_clock c on c.meeting_id = m.id where m.id = $1").execute(Tuple.of(meeting.value())))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(org.plenum.server.core.error.PlenumException.notFound("No meeting '" + meeting + "'."));
          }
          var r = rows.iterator().next();
          JsonObject m = new JsonObject().put("id", meeting.toString()).put("title", r.getString("title")).put("status", r.getString("status"))
              .put("startsAt", str(r.getOffsetDateTime("starts_at"))).put("location", r.getString("location"))
              .put("openedAt", str(r.getOffsetDateTime("opened_at"))).put("closedAt", str(r.getOffsetDateTime("closed_at")));
          JsonObject snap = new JsonObject().put("seq", r.getLong("seq")).put("meeting", m);
          return agenda.view(tx, meeting, viewer).compose(a -> {
                snap.put("agenda", a);
                return participants.all(tx, meeting);
              })
              .compose(p -> {
                snap.put("participants", Projector.participants(p, viewer));
                return speakers.queue(tx, meeting);
              })
              .compose(q -> {
                snap.put("speakers", Projector.speakerView(q, viewer));
                return presentation.current(tx, meeting);
              })
              .compose(pr -> {
                snap.put("presentation", pr);
                return documents.list(tx, viewer, meeting);
              })
              .compose(docs -> {
                snap.put("documents", docs);
                return votes.list(tx, meeting);
              })
              .compose(polls -> {
                snap.put("polls", polls);
                return votes.proxies(tx, meeting);
              })
              .compose(proxies -> {
                snap.put("proxies", proxies);
                return votes.quorum(tx, meeting);
              })
              .map(quorum -> snap.put("quorum", quorum));
        }));
  }

  private static String str(java.time.OffsetDateTime t) {
    return t == null ? null : t.toString();
  }
}
