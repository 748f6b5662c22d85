package org.plenum.server.http;

import org.plenum.server.core.http.FailureHandler;
import org.plenum.server.core.http.Http;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.plenum.server.auth.AccountId;
import org.plenum.server.app.Services;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.MeetingId;
import org.plenum.server.room.CredentialKind;
import org.plenum.server.room.RoomCredentialService;

/**
 * Remote rooms over REST (docs/protocol.md, Remote rooms RM1–RM9): CSV import, list, credentials, the kiosk
 * exchange and TURN credentials. Who may do what is decided in the room services.
 */
final class RoomRoutes {
  private final Services s;

  RoomRoutes(Services s) {
    this.s = s;
  }

  /** The import reads a CSV body with its own limit: mount it on the main router, before the JSON body handler. */
  void mountImport(Router router) {
    int limit = s.config().rooms().importMaxBytes();
    router.post("/api/meetings/:meetingId/rooms/import")
        .handler(BodyHandler.create(false).setBodyLimit(limit))
        .handler(ctx -> Http.authed(ctx, s.auth(), 200, p -> s.meetings().actor(p, meeting(ctx)).compose(actor -> Http.guard(() -> {
          actor.requireRunner();
          requireCsv(ctx);
          return s.rooms().importCsv(actor, meeting(ctx), ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes())
              .map(r -> r.toJson());
        }))))
        .failureHandler(ctx -> {
          boolean tooLarge = ctx.failure() == null ? ctx.statusCode() == 413
              : ctx.failure() instanceof io.vertx.ext.web.handler.HttpException h && h.getStatusCode() == 413;
          if (tooLarge) {
            ctx.put(FailureHandler.STATUS_MESSAGE, "The room list is larger than " + limit + " bytes (rooms.import_max_bytes).");
          }
          ctx.next();
        });
  }

  void mount(Router api) {
    api.post("/auth/kiosk").handler(ctx -> Http.open(ctx, 200, () -> {
      var req = Http.body(ctx, Requests.KioskLogin.class);
      return s.roomCredentials().authenticate(CredentialKind.KIOSK, req.token())
          .compose(g -> s.auth().openRoomSession(g.roomAccountId().value(), g.credentialId(), s.config().rooms().kioskAccessTtl(),
                  Http.clientAddress(ctx, s.config().http().trustForwardedFor()), ctx.request().getHeader("User-Agent"))
              .map(tokens -> tokens.put("meetingId", g.meetingId().toString()).put("roomId", g.roomAccountId().toString())
                  .put("roomCode", g.roomCode())));
    }));

    api.get("/meetings/:meetingId/rooms").handler(ctx -> Http.authed(ctx, s.auth(), 200, p ->
        s.meetings().actor(p, meeting(ctx)).compose(a -> s.rooms().list(a, meeting(ctx)))
            .map(rooms -> new JsonObject().put("rooms", rooms))));

    api.post("/meetings/:meetingId/rooms/:roomId/credentials").handler(ctx -> Http.authed(ctx, s.auth(), 201, p ->
        s.meetings().actor(p, meeting(ctx)).compose(a -> Http.guard(() -> {
          a.requireChair();
          var req = Http.body(ctx, Requests.IssueCredential.class);
          return s.roomCredentials().issue(a, meeting(ctx), room(ctx), req.kind(), req.ttl() == null ? null : Duration.ofSeconds(req.ttl()));
        })).map(issued -> new JsonObject().put("id", issued.id().toString()).put("kind", issued.kind().name())
            .put("roomId", issued.roomId().toString()).put("roomCode", issued.roomCode())
            .put("secret", issued.secret()).put("url", RoomCredentialService.url(publicBase(ctx), meeting(ctx), issued))
            .put("expiresAt", issued.expiresAt().toString()))));

    api.get("/meetings/:meetingId/rooms/:roomId/credentials").handler(ctx -> Http.authed(ctx, s.auth(), 200, p ->
        s.meetings().actor(p, meeting(ctx)).compose(a -> Http.guard(() -> s.roomCredentials().list(a, meeting(ctx), room(ctx))))
            .map(list -> new JsonObject().put("credentials", list))));

    api.delete("/meetings/:meetingId/rooms/:roomId/credentials/:credentialId").handler(ctx -> Http.authed(ctx, s.auth(), 204, p ->
        s.meetings().actor(p, meeting(ctx)).compose(a -> Http.guard(() -> {
          a.requireChair();
          return s.roomCredentials().revoke(a, meeting(ctx), room(ctx), credential(ctx));
        })).map((JsonObject) null)));

    api.get("/meetings/:meetingId/turn").handler(ctx -> Http.authed(ctx, s.auth(), 200, p ->
        s.meetings().access(p, meeting(ctx)).map(role -> s.turn().mint(new AccountId(p.accountId()), java.time.Instant.now()))));
  }

  private static MeetingId meeting(RoutingContext ctx) {
    return MeetingId.parse(ctx.pathParam("meetingId"));
  }

  private static AccountId room(RoutingContext ctx) {
    try {
      return new AccountId(UUID.fromString(ctx.pathParam("roomId")));
    } catch (IllegalArgumentException e) {
      throw PlenumException.notFound("No remote room '" + ctx.pathParam("roomId") + "' in this meeting.");
    }
  }

  private static UUID credential(RoutingContext ctx) {
    try {
      return UUID.fromString(ctx.pathParam("credentialId"));
    } catch (IllegalArgumentException e) {
      throw PlenumException.notFound("No credential '" + ctx.pathParam("credentialId") + "' of this room.");
    }
  }

  /** RM1: the body is the CSV file itself, UTF-8 ({@code text/csv}, charset absent or utf-8). */
  private static void requireCsv(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    String t = type == null ? "" : type.toLowerCase(Locale.ROOT).replace(" ", "");
    if (!t.startsWith("text/csv") || t.contains("charset=") && !t.contains("charset=utf-8") && !t.contains("charset=\"utf-8\"")) {
      throw new PlenumException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the room list as 'Content-Type: text/csv; charset=utf-8'.");
    }
  }

  /** Where holders reach this server: http.public_url, else the scheme and host this request came to. */
  private String publicBase(RoutingContext ctx) {
    String configured = s.config().http().publicUrl();
    if (!configured.isEmpty()) {
      return configured;
    }
    URI u = URI.create(ctx.request().absoluteURI());
    return u.getScheme() + "://" + u.getRawAuthority();
  }
}
