package org.plenum.server.room;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.function.BiFunction;
import org.plenum.server.auth.AccountId;
import org.plenum.server.auth.AuthService;
import org.plenum.server.config.PlenumConfig;
import org.plenum.server.core.Actor;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.http.FailureHandler;
import org.plenum.server.core.http.Http;
import org.plenum.server.core.http.JsonBodies;
import org.plenum.server.core.http.RouteMount;
import org.plenum.server.core.http.Routes;

/**
 * Remote rooms over REST (docs/protocol.md, Remote rooms RM1–RM9): CSV import, list, credentials, the kiosk
 * exchange and TURN credentials. Who may do what is decided in the room services.
 */
final class RoomRoutes implements RouteMount {
  private final RoomService rooms;
  private final RoomCredentialService credentials;
  private final TurnCredentials turn;
  private final AuthService auth;
  private final PlenumConfig config;

  RoomRoutes(RoomService rooms, RoomCredentialService credentials, TurnCredentials turn, AuthService auth, PlenumConfig config) {
    this.rooms = rooms;
    this.credentials = credentials;
    this.turn = turn;
    this.auth = auth;
    this.config = config;
  }

  /** A kiosk's KIOSK credential, exchanged for a short-lived access token of its room (RM8). */
  record KioskLogin(String token) {
    KioskLogin {
      JsonBodies.required(token, "token", 200);
    }
  }

  /** RM4: {@code ttl} in seconds; null takes rooms.credential_ttl. */
  record IssueCredential(CredentialKind kind, Long ttl) {
    IssueCredential {
      JsonBodies.requiredValue(kind, "kind");
    }
  }

  @Override
  public void mount(Routes r) {
    mountImport(r);
    r.api().post("/auth/kiosk").handler(ctx -> Http.open(ctx, 200, () -> {
      var req = Http.body(ctx, KioskLogin.class);
      return credentials.authenticate(CredentialKind.KIOSK, req.token())
          .compose(g -> auth.openRoomSession(g.roomAccountId().value(), g.credentialId(), config.rooms().kioskAccessTtl(),
                  Http.clientAddress(ctx, config.http().trustForwardedFor()), ctx.request().getHeader("User-Agent"))
              .map(tokens -> tokens.put("meetingId", g.meetingId().toString()).put("roomId", g.roomAccountId().toString())
                  .put("roomCode", g.roomCode())));
    }));

    r.get("/meetings/:meetingId/rooms", (ctx, a) -> rooms.list(a, Routes.meeting(ctx)).map(list -> new JsonObject().put("rooms", list)));

    inMeeting(r, HttpMethod.POST, "/meetings/:meetingId/rooms/:roomId/credentials", 201, (ctx, a) -> {
      a.requireRunner(); // RM4: the chair, the secretary or an administrator (D37)
      var req = Http.body(ctx, IssueCredential.class);
      return credentials.issue(a, Routes.meeting(ctx), room(ctx), req.kind(), req.ttl() == null ? null : Duration.ofSeconds(req.ttl()))
          .map(issued -> new JsonObject().put("id", issued.id().toString()).put("kind", issued.kind().name())
              .put("roomId", issued.roomId().toString()).put("roomCode", issued.roomCode())
              .put("secret", issued.secret()).put("url", RoomCredentialService.url(publicBase(ctx), Routes.meeting(ctx), issued))
              .put("expiresAt", issued.expiresAt().toString()));
    });

    r.get("/meetings/:meetingId/rooms/:roomId/credentials", (ctx, a) -> credentials.list(a, Routes.meeting(ctx), room(ctx))
        .map(list -> new JsonObject().put("credentials", list)));

    inMeeting(r, HttpMethod.DELETE, "/meetings/:meetingId/rooms/:roomId/credentials/:credentialId", 204, (ctx, a) -> {
      a.requireRunner();
      return credentials.revoke(a, Routes.meeting(ctx), room(ctx), credential(ctx)).map((JsonObject) null);
    });

    r.get("/meetings/:meetingId/turn", (ctx, a) -> Future.succeededFuture(turn.mint(new AccountId(a.accountId()), Instant.now())));
  }

  /** The import reads a CSV body with its own limit: it goes on the root router, before the JSON body handler. */
  private void mountImport(Routes r) {
    int limit = config.rooms().importMaxBytes();
    r.root().post("/api/meetings/:meetingId/rooms/import")
        .handler(BodyHandler.create(false).setBodyLimit(limit))
        .handler(ctx -> inMeeting(ctx, r, 200, (c, actor) -> {
          actor.requireRunner();
          requireCsv(ctx);
          return rooms.importCsv(actor, Routes.meeting(ctx), ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes())
              .map(ImportResult::toJson);
        }))
        .failureHandler(ctx -> {
          boolean tooLarge = ctx.failure() == null ? ctx.statusCode() == 413
              : ctx.failure() instanceof io.vertx.ext.web.handler.HttpException h && h.getStatusCode() == 413;
          if (tooLarge) {
            ctx.put(FailureHandler.STATUS_MESSAGE, "The room list is larger than " + limit + " bytes (rooms.import_max_bytes).");
          }
          ctx.next();
        });
  }

  /** A route in a meeting answered with {@code status} and the action's JSON (none: no body). */
  private static void inMeeting(Routes r, HttpMethod method, String path, int status, BiFunction<RoutingContext, Actor, Future<JsonObject>> action) {
    r.api().route(method, path).handler(ctx -> inMeeting(ctx, r, status, action));
  }

  private static void inMeeting(RoutingContext ctx, Routes r, int status, BiFunction<RoutingContext, Actor, Future<JsonObject>> action) {
    r.actor(ctx).compose(a -> Http.guard(() -> action.apply(ctx, a))).onSuccess(body -> Http.reply(ctx, status, body)).onFailure(ctx::fail);
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
    String configured = config.http().publicUrl();
    if (!configured.isEmpty()) {
      return configured;
    }
    URI u = URI.create(ctx.request().absoluteURI());
    return u.getScheme() + "://" + u.getRawAuthority();
  }
}
