package org.plenum.server.http;

import org.plenum.server.core.http.Http;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.plenum.server.account.AccountId;
import org.plenum.server.auth.AuthService;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.Actor;
import org.plenum.server.meeting.AgendaItem;
import org.plenum.server.meeting.Meeting;
import org.plenum.server.core.MeetingId;
import org.plenum.server.meeting.MeetingService;
import org.plenum.server.meeting.Participant;
import org.plenum.server.protocol.Commands;

/** Meetings over REST; who may do what is decided in {@link MeetingService} (rules A1–A4). */
final class MeetingRoutes {
  private MeetingRoutes() {}

  static void mount(Router api, AuthService auth, MeetingService meetings, org.plenum.server.app.Services s) {
    api.get("/meetings").handler(ctx -> Http.authed(ctx, auth, 200, p -> meetings.list(p).map(list -> new JsonObject().put("meetings",
        new JsonArray(list.stream().map(l -> l.meeting().toJson().put("role", l.role() == null ? null : l.role().name())).toList())))));

    api.post("/meetings").handler(ctx -> Http.authed(ctx, auth, 201, p -> {
      var req = Http.body(ctx, Requests.CreateMeeting.class);
      return meetings.create(p, req.title().strip(), startsAt(req.startsAt()), req.location(), req.agenda()).map(Meeting::toJson);
    }));

    api.get("/meetings/:meetingId").handler(ctx -> Http.authed(ctx, auth, 200, p -> {
      MeetingId id = MeetingId.parse(ctx.pathParam("meetingId"));
      // AG2: only the items this caller may see (internal ones are for the people running the meeting).
      return meetings.get(p, id).compose(v -> s.agenda().view(s.pool(), id, new Actor(p.accountId(), p.displayName(), v.role(), p.admin()))
          .map(visible -> {
            java.util.Set<String> ids = new java.util.HashSet<>();
            visible.getJsonArray("items").forEach(i -> ids.add(((JsonObject) i).getString("id")));
            return v.meeting().toJson()
                .put("role", v.role().map(Enum::name).orElse(null))
                .put("agenda", new JsonArray(v.agenda().stream().filter(i -> ids.contains(i.id().toString())).map(AgendaItem::toJson).toList()))
                .put("participants", new JsonArray(v.participants().stream().map(Participant::toJson).toList()));
          }));
    }));

    api.post("/meetings/:meetingId/agenda").handler(ctx -> Http.authed(ctx, auth, 201, p -> {
      var req = Http.body(ctx, Requests.AddAgendaItem.class);
      MeetingId id = MeetingId.parse(ctx.pathParam("meetingId"));
      return meetings.actor(p, id).compose(actor -> s.agenda().add(actor, id, Commands.uuid(req.parentId(), "parentId"), req.title().strip(),
          req.durationMinutes(), req.internal() != null && req.internal())).map(w -> w.value().put("seq", w.lastSeq()));
    }));

    api.get("/meetings/:meetingId/participants").handler(ctx -> Http.authed(ctx, auth, 200, p ->
        meetings.participants(p, MeetingId.parse(ctx.pathParam("meetingId")))
            .map(list -> new JsonObject().put("participants", new JsonArray(list.stream().map(Participant::toJson).toList())))));

    api.put("/meetings/:meetingId/participants").handler(ctx -> Http.authed(ctx, auth, 200, p -> {
      var req = Http.body(ctx, Requests.PutParticipant.class);
      MeetingId id = MeetingId.parse(ctx.pathParam("meetingId"));
      return meetings.actor(p, id)
          .compose(actor -> s.live().putParticipant(actor, id, AccountId.parse(req.accountId()).value(), req.role(), req.votingRight(), req.voteWeight()))
          .compose(v -> meetings.participants(p, id))
          .map(list -> new JsonObject().put("participants", new JsonArray(list.stream().map(Participant::toJson).toList())));
    }));

    api.post("/meetings/:meetingId/ws-ticket").handler(ctx -> Http.authed(ctx, auth, 201, p ->
        meetings.ticket(p, MeetingId.parse(ctx.pathParam("meetingId")))
            .map(t -> new JsonObject().put("ticket", t.value()).put("expiresIn", t.expiresIn())
                .put("url", "/ws/meetings/" + ctx.pathParam("meetingId") + "?ticket=" + t.value()))));
  }

  private static OffsetDateTime startsAt(String text) {
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text);
    } catch (DateTimeParseException e) {
      throw PlenumException.badMessage("Field 'startsAt' must be an ISO-8601 date-time with offset, e.g. 2026-12-01T08:00:00+07:00.");
    }
  }
}
