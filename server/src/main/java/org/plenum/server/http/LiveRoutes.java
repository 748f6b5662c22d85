package org.plenum.server.http;

import org.plenum.server.core.http.Http;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.BiFunction;
import org.plenum.server.agenda.AgendaService;
import org.plenum.server.app.Services;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.ledger.Ledger;
import org.plenum.server.core.ledger.LedgerEvent;
import org.plenum.server.core.ledger.LedgerHash;
import org.plenum.server.core.live.Projector;
import org.plenum.server.core.Actor;
import org.plenum.server.core.MeetingId;
import org.plenum.server.protocol.Commands;

/**
 * The live meeting over REST, for clients outside the socket: snapshot, ledger pages and chain check, agenda
 * editing, current item, attendance, status, speakers. Writes go through the same services (and ledger) as the
 * WebSocket commands; who may do what is decided there.
 */
final class LiveRoutes {
  private LiveRoutes() {}

  static void mount(Router api, Services s) {
    get(api, s, "/meetings/:meetingId/snapshot", (ctx, a) -> s.snapshots().snapshot(meeting(ctx), a));

    get(api, s, "/meetings/:meetingId/ledger", (ctx, a) -> {
      long after = longParam(ctx, "after", 0, Long.MAX_VALUE, 0);
      int limit = (int) longParam(ctx, "limit", 1, 1000, 200);
      return s.ledger().store().read(meeting(ctx), after, Long.MAX_VALUE, limit).map(events -> {
        JsonArray out = new JsonArray();
        long last = after;
        for (LedgerEvent e : events) {
          last = e.seq();
          if (Projector.admits(e, a)) {
            out.add(e.toFrame(Projector.project(e.type(), e.dataJson(), a)));
          }
        }
        return new JsonObject().put("events", out).put("next", events.size() < limit ? null : last);
      });
    });

    get(api, s, "/meetings/:meetingId/ledger/verify", (ctx, a) -> {
      a.requireRunner();
      return verify(s, meeting(ctx));
    });

    get(api, s, "/meetings/:meetingId/speakers", (ctx, a) -> {
      String item = ctx.request().getParam("agendaItemId");
      MeetingId m = meeting(ctx);
      return s.speakers().queue(s.pool(), m).compose(q -> s.speakers().history(s.pool(), m, Commands.uuid(item, "agendaItemId"))
          .map(h -> Projector.speakerView(q.put("history", h), a)));
    });

    write(api, s, "patch", "/meetings/:meetingId/agenda/:itemId", (ctx, a) -> {
      var r = Http.body(ctx, Requests.EditAgendaItem.class);
      return s.agenda().update(a, meeting(ctx), itemId(ctx), new AgendaService.Edit(r.title() == null ? null : r.title().strip(),
          r.durationMinutes(), r.internal()));
    });
    write(api, s, "delete", "/meetings/:meetingId/agenda/:itemId", (ctx, a) -> s.agenda().remove(a, meeting(ctx), itemId(ctx)));
    write(api, s, "post", "/meetings/:meetingId/agenda/:itemId/move", (ctx, a) -> {
      var r = Http.body(ctx, Requests.MoveAgendaItem.class);
      return s.agenda().move(a, meeting(ctx), itemId(ctx), Commands.uuid(r.parentId(), "parentId"), r.position());
    });
    write(api, s, "put", "/meetings/:meetingId/current-item", (ctx, a) ->
        s.agenda().setCurrent(a, meeting(ctx), Commands.uuid(Http.body(ctx, Requests.CurrentItem.class).itemId(), "itemId")));
    write(api, s, "put", "/meetings/:meetingId/attendance/:accountId", (ctx, a) -> {
      var r = Http.body(ctx, Requests.SetAttendance.class);
      return s.live().setAttendance(a, meeting(ctx), Commands.uuid(ctx.pathParam("accountId"), "accountId"), r.status(),
          Commands.uuid(r.roomId(), "roomId"));
    });
    write(api, s, "post", "/meetings/:meetingId/status", (ctx, a) ->
        s.live().setStatus(a, meeting(ctx), Http.body(ctx, Requests.SetStatus.class).status()));

    // VT13: the signed published list of a closed poll, and one receipt looked up in it (any participant).
    get(api, s, "/meetings/:meetingId/polls/:pollId/result", (ctx, a) -> s.votes().published(meeting(ctx), pollId(ctx)).map(JsonObject::new));
    get(api, s, "/meetings/:meetingId/polls/:pollId/receipts/:receipt", (ctx, a) ->
        s.votes().receipt(meeting(ctx), pollId(ctx), ctx.pathParam("receipt")));
    // VT13: the public key that verifies published results (X.509 SubjectPublicKeyInfo, Base64 and PEM).
    api.get("/keys/results").handler(ctx -> Http.authed(ctx, s.auth(), 200, p -> {
      String spki = java.util.Base64.getEncoder().encodeToString(s.resultKey().publicKey().getEncoded());
      return Future.succeededFuture(new JsonObject().put("keyId", s.resultKey().keyId())
          .put("algorithm", org.plenum.server.vote.PublishedResult.ECDSA_P256).put("publicKey", spki)
          .put("pem", "-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
              .encodeToString(s.resultKey().publicKey().getEncoded()) + "\n-----END PUBLIC KEY-----\n"));
    }));
  }

  private static org.plenum.server.vote.PollId pollId(RoutingContext ctx) {
    try {
      return new org.plenum.server.vote.PollId(UUID.fromString(ctx.pathParam("pollId")));
    } catch (IllegalArgumentException e) {
      throw PlenumException.notFound("No poll '" + ctx.pathParam("pollId") + "'.");
    }
  }

  private static MeetingId meeting(RoutingContext ctx) {
    return MeetingId.parse(ctx.pathParam("meetingId"));
  }

  private static UUID itemId(RoutingContext ctx) {
    try {
      return UUID.fromString(ctx.pathParam("itemId"));
    } catch (IllegalArgumentException e) {
      throw PlenumException.notFound("No agenda item '" + ctx.pathParam("itemId") + "'.");
    }
  }

  private static long longParam(RoutingContext ctx, String name, long min, long max, long dflt) {
    String v = ctx.request().getParam(name);
    if (v == null) {
      return dflt;
    }
    try {
      long n = Long.parseLong(v);
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw PlenumException.badMessage("Query parameter '" + name + "' must be a whole number from " + min + " to " + max + ".");
    }
  }

  private static void get(Router api, Services s, String path, BiFunction<RoutingContext, Actor, Future<JsonObject>> action) {
    api.get(path).handler(ctx -> Http.authed(ctx, s.auth(), 200,
        p -> s.meetings().actor(p, meeting(ctx)).compose(a -> Http.guard(() -> action.apply(ctx, a)))));
  }

  /** A write: the answer carries the change's value and the ledger seq of its last event. */
  private static void write(Router api, Services s, String method, String path,
                            BiFunction<RoutingContext, Actor, Future<? extends Ledger.Written<JsonObject>>> action) {
    api.route(io.vertx.core.http.HttpMethod.valueOf(method.toUpperCase(java.util.Locale.ROOT)), path).handler(ctx -> Http.authed(ctx, s.auth(), 200,
        p -> s.meetings().actor(p, meeting(ctx)).compose(a -> Http.guard(() -> action.apply(ctx, a)))
            .map(w -> w.value().copy().put("seq", w.lastSeq()))));
  }

  /** Recomputes the whole hash chain of a meeting (L2): every seq present, every prev hash and hash right. */
  static Future<JsonObject> verify(Services s, MeetingId m) {
    return s.ledger().store().headSeq(m).compose(head -> verifyFrom(s, m, 0, LedgerHash.GENESIS, head));
  }

  private static Future<JsonObject> verifyFrom(Services s, MeetingId m, long after, byte[] prev, long head) {
    return s.ledger().store().read(m, after, head, 1000).compose(events -> {
      long expected = after + 1;
      byte[] p = prev;
      for (LedgerEvent e : events) {
        byte[] hash = LedgerHash.compute(p, m.value(), e.seq(), e.type(), e.audience().text(), e.actor(), e.at(), e.data());
        if (e.seq() != expected || !java.util.Arrays.equals(e.prevHash(), p) || !java.util.Arrays.equals(e.hash(), hash)) {
          return Future.succeededFuture(new JsonObject().put("valid", false).put("brokenAt", expected).put("head", head));
        }
        p = hash;
        expected++;
      }
      if (events.isEmpty() || expected - 1 == head) {
        boolean complete = expected - 1 == head;
        return Future.succeededFuture(new JsonObject().put("valid", complete).put("head", head)
            .put("headHash", HexFormat.of().formatHex(p)).put("brokenAt", complete ? null : expected));
      }
      return verifyFrom(s, m, expected - 1, p, head);
    });
  }
}
