package org.plenum.server.speaker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.plenum.server.agenda.Agenda;
import org.plenum.server.core.Acks;
import org.plenum.server.core.Feature;
import org.plenum.server.core.FeatureRegistry;
import org.plenum.server.core.NoFields;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.http.JsonBodies;
import org.plenum.server.core.http.Routes;
import org.plenum.server.core.ledger.Ledger;
import org.plenum.server.meeting.Meetings;

/** The list of speakers (danh sách phát biểu): requests, points of order, the floor and its time limit, history per item. */
public final class SpeakerFeature implements Feature {
  private final Database db;
  private final SpeakerService speakers;

  public SpeakerFeature(Database db, Ledger ledger, Agenda agenda, Meetings meetings, Duration defaultTimeLimit) {
    this.db = db;
    this.speakers = new SpeakerService(ledger, new PgSpeakerStore(), agenda, meetings, defaultTimeLimit);
  }

  /** The list of speakers as other features see it. */
  public SpeakerQueue api() {
    return speakers;
  }

  @Override
  public String name() {
    return "speaker";
  }

  @Override
  public void register(FeatureRegistry r) {
    r.command("speaker.request", SpeakerCommands.Request.class, (c, a) -> Acks.written(speakers.request(c.actor(), c.meeting(), a.kind())));
    r.command("speaker.add", SpeakerCommands.Add.class, (c, a) ->
        Acks.written(speakers.add(c.actor(), c.meeting(), JsonBodies.uuid(a.accountId(), "accountId"), a.kind())));
    r.command("speaker.withdraw", SpeakerCommands.EntryRef.class, (c, a) ->
        Acks.written(speakers.withdraw(c.actor(), c.meeting(), JsonBodies.uuid(a.entryId(), "entryId"))));
    r.command("speaker.grant", SpeakerCommands.Grant.class, (c, a) ->
        Acks.written(speakers.grant(c.actor(), c.meeting(), JsonBodies.uuid(a.entryId(), "entryId"), a.timeLimitSeconds())));
    r.command("speaker.end", NoFields.class, (c, a) -> Acks.written(speakers.end(c.actor(), c.meeting())));
    r.command("speaker.reorder", SpeakerCommands.Reorder.class, (c, a) -> {
      List<UUID> ids = new ArrayList<>();
      a.entryIds().forEach(id -> ids.add(JsonBodies.uuid(id, "entryIds")));
      return Acks.written(speakers.reorder(c.actor(), c.meeting(), ids));
    });
    r.events(SpeakerEvent.class, new SpeakerProjection());
    r.snapshot("speakers", (tx, m, viewer) -> speakers.queue(tx, m).map(q -> SpeakerProjection.view(q, viewer)));
    r.routes(routes -> routes.get("/meetings/:meetingId/speakers", (ctx, a) -> {
      String item = ctx.request().getParam("agendaItemId");
      var m = Routes.meeting(ctx);
      return speakers.queue(db.auto(), m).compose(q -> speakers.history(db.auto(), m, JsonBodies.uuid(item, "agendaItemId"))
          .map(h -> SpeakerProjection.view(q.put("history", h), a)));
    }));
  }
}
