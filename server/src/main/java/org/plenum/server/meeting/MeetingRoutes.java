package org.plenum.server.meeting;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.plenum.server.agenda.Agenda;
import org.plenum.server.auth.AccountId;
import org.plenum.server.auth.AccountService;
import org.plenum.server.core.Actor;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.Role;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.http.Http;
import org.plenum.server.core.http.JsonBodies;
import org.plenum.server.core.http.RouteMount;
import org.plenum.server.core.http.Routes;

/**
 * Meetings over REST; who may do what is decided in {@link MeetingService} (rules A1–A4) and {@link LiveMeetingService}.
 * Also {@code GET /me}: every signed-in account reads itself and its role in each of its meetings.
 */
final class MeetingRoutes implements RouteMount {
  private final Database db;
  private final MeetingService meetings;
  private final LiveMeetingService live;
  private final Agenda agenda;
  private final AccountService accounts;

  MeetingRoutes(Database db, MeetingService meetings, LiveMeetingService live, Agenda agenda, AccountService accounts) {
    this.db = db;
    this.meetings = meetings;
    this.live = live;
    this.agenda = agenda;
    this.accounts = accounts;
  }

  /** {@code templateMeetingId} (AD5): an earlier meeting whose agenda tree and location the new one starts from. */
  record CreateMeeting(String title, String startsAt, String location, List<String> agenda, String templateMeetingId) {
    CreateMeeting {
      JsonBodies.required(title, "title", 300);
      agenda = agenda == null ? List.of() : agenda;
      if (agenda.size() > 500) {
        throw PlenumException.badMessage("Field 'agenda' has more than 500 items.");
      }
      for (int i = 0; i < agenda.size(); i++) {
        JsonBodies.required(agenda.get(i), "agenda[" + i + "]", 500);
      }
    }
  }

  /** {@code voteWeight} (VT9): the weight of this member's ballot, &gt; 0, at most 1,000,000 and 6 decimals; null keeps it (1 when new). */
  record PutParticipant(String accountId, Role role, Boolean votingRight, BigDecimal voteWeight) {
    PutParticipant {
      JsonBodies.required(accountId, "accountId", 64);
      JsonBodies.requiredValue(role, "role");
      votingRight = votingRight == null ? role == Role.DELEGATE || role == Role.CHAIR : votingRight;
      if (voteWeight != null && (voteWeight.signum() <= 0 || voteWeight.compareTo(BigDecimal.valueOf(1_000_000)) > 0
          || voteWeight.stripTrailingZeros().scale() > 6)) {
        throw PlenumException.badMessage("Field 'voteWeight' must be > 0 and at most 1000000, with at most 6 decimals.");
      }
    }
  }

  record CopyParticipants(String fromMeetingId) {
    CopyParticipants {
      JsonBodies.required(fromMeetingId, "fromMeetingId", 64);
    }
  }

  record SetAttendance(Attendance status, String roomId) {
    SetAttendance {
      JsonBodies.requiredValue(status, "status");
    }
  }

  record SetStatus(MeetingStatus status) {
    SetStatus {
      JsonBodies.requiredValue(status, "status");
    }
  }

  @Override
  public void mount(Routes r) {
    var api = r.api();
    api.get("/me").handler(ctx -> r.authed(ctx, 200, p -> accounts.me(p)
        .compose(a -> meetings.list(p).map(list -> {
          JsonArray roles = new JsonArray();
          list.stream().filter(l -> l.role() != null)
              .forEach(l -> roles.add(new JsonObject().put("meetingId", l.meeting().id().toString()).put("role", l.role().name())));
          return a.toJson().put("meetings", roles);
        }))));

    api.get("/meetings").handler(ctx -> r.authed(ctx, 200, p -> meetings.list(p).map(list -> new JsonObject().put("meetings",
        new JsonArray(list.stream().map(l -> l.meeting().toJson().put("role", l.role() == null ? null : l.role().name())).toList())))));

    api.post("/meetings").handler(ctx -> r.authed(ctx, 201, p -> {
      var req = Http.body(ctx, CreateMeeting.class);
      return meetings.create(p, req.title().strip(), startsAt(req.startsAt()), req.location(), req.agenda(),
          req.templateMeetingId() == null ? null : meetingId(req.templateMeetingId(), "templateMeetingId")).map(Meeting::toJson);
    }));

    api.get("/meetings/:meetingId").handler(ctx -> r.authed(ctx, 200, p -> {
      MeetingId id = Routes.meeting(ctx);
      // AG2: only the items this caller may see (internal ones are for the people running the meeting).
      return meetings.get(p, id).compose(v -> agenda.view(db.auto(), id, new Actor(p.accountId(), p.displayName(), v.role(), p.admin()))
          .map(visible -> {
            Set<String> ids = new HashSet<>();
            visible.getJsonArray("items").forEach(i -> ids.add(((JsonObject) i).getString("id")));
            return v.meeting().toJson()
                .put("role", v.role().map(Enum::name).orElse(null))
                .put("agenda", new JsonArray(v.agenda().stream().filter(i -> ids.contains(i.id().toString())).map(AgendaItem::toJson).toList()))
                .put("participants", new JsonArray(v.participants().stream().map(Participant::toJson).toList()));
          }));
    }));

    api.get("/meetings/:meetingId/participants").handler(ctx -> r.authed(ctx, 200, p ->
        meetings.participants(p, Routes.meeting(ctx))
            .map(list -> new JsonObject().put("participants", new JsonArray(list.stream().map(Participant::toJson).toList())))));

    api.put("/meetings/:meetingId/participants").handler(ctx -> r.authed(ctx, 200, p -> {
      var req = Http.body(ctx, PutParticipant.class);
      MeetingId id = Routes.meeting(ctx);
      return meetings.actor(p, id)
          .compose(actor -> live.putParticipant(actor, id, AccountId.parse(req.accountId()).value(), req.role(), req.votingRight(), req.voteWeight()))
          .compose(v -> meetings.participants(p, id))
          .map(list -> new JsonObject().put("participants", new JsonArray(list.stream().map(Participant::toJson).toList())));
    }));

    api.post("/meetings/:meetingId/participants/copy").handler(ctx -> r.authed(ctx, 200, p -> {
      MeetingId id = Routes.meeting(ctx);
      return meetings.actor(p, id).compose(actor -> {
        if (!actor.admin()) {
          throw PlenumException.forbidden("Only an administrator copies participants between meetings.");
        }
        var req = Http.body(ctx, CopyParticipants.class);
        return live.copyParticipants(actor, id, meetingId(req.fromMeetingId(), "fromMeetingId"));
      }).compose(w -> meetings.participants(p, id).map(list -> new JsonObject().put("added", w.value())
          .put("participants", new JsonArray(list.stream().map(Participant::toJson).toList()))));
    }));

    api.post("/meetings/:meetingId/ws-ticket").handler(ctx -> r.authed(ctx, 201, p ->
        meetings.ticket(p, Routes.meeting(ctx))
            .map(t -> new JsonObject().put("ticket", t.value()).put("expiresIn", t.expiresIn())
                .put("url", "/ws/meetings/" + ctx.pathParam("meetingId") + "?ticket=" + t.value()))));

    r.write(HttpMethod.PUT, "/meetings/:meetingId/attendance/:accountId", (ctx, a) -> {
      var req = Http.body(ctx, SetAttendance.class);
      return live.setAttendance(a, Routes.meeting(ctx), JsonBodies.uuid(ctx.pathParam("accountId"), "accountId"), req.status(),
          JsonBodies.uuid(req.roomId(), "roomId"));
    });
    r.write(HttpMethod.POST, "/meetings/:meetingId/status", (ctx, a) -> live.setStatus(a, Routes.meeting(ctx), Http.body(ctx, SetStatus.class).status()));
  }

  private static MeetingId meetingId(String text, String field) {
    try {
      return new MeetingId(java.util.UUID.fromString(text));
    } catch (IllegalArgumentException e) {
      throw PlenumException.badMessage("Field '" + field + "' must be a meeting id (a UUID).");
    }
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
