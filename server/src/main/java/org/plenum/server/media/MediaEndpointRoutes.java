package org.plenum.server.media;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.http.Http;
import org.plenum.server.core.http.RouteMount;
import org.plenum.server.core.http.Routes;
import org.plenum.server.room.CredentialKind;
import org.plenum.server.room.RoomCredentials;
import org.plenum.server.room.RoomGrant;
import org.plenum.server.room.TurnCredentials;

/**
 * WHIP ingest (RFC 9725) and WHEP egress (the WHEP draft; docs/protocol.md §13.1 MV11–MV14, MV20–MV26) at the URLs
 * room credentials hand out: {@code /whip/{meetingId}/{roomCode}} and {@code /whep/{meetingId}/{roomCode}}, each
 * request authenticated by the room's bearer secret of that kind. Bodies are SDP, not JSON; errors are the one JSON
 * error body. They stream their own bodies outside {@code /api}, so they go on the root router. OPTIONS (CORS, MV24),
 * {@code Allow} on 405, {@code If-Match} (MV23) and {@code Link: rel="ice-server"} (MV25) are handled here.
 */
final class MediaEndpointRoutes implements RouteMount {
  /** An SDP offer or answer, or a trickle fragment, is a few kilobytes; anything near this is not one. */
  static final int MAX_SDP_BYTES = 64 * 1024;
  static final String SDP = "application/sdp";
  static final String SDPFRAG = "application/trickle-ice-sdpfrag";
  static final String ALLOW_ENDPOINT = "OPTIONS, POST";
  static final String ALLOW_SESSION = "OPTIONS, PATCH, DELETE";

  /** A session just made, with the grant it was made under (whose room the TURN credentials name). */
  private record Made(RoomGrant grant, MediaEndpoints.Created created) {}

  private final RoomCredentials credentials;
  private final Endpoints endpoints;
  private final TurnCredentials turn;
  private final List<String> allowedOrigins;

  MediaEndpointRoutes(RoomCredentials credentials, Endpoints endpoints, TurnCredentials turn, List<String> allowedOrigins) {
    this.credentials = credentials;
    this.endpoints = endpoints;
    this.turn = turn;
    this.allowedOrigins = List.copyOf(allowedOrigins);
  }

  @Override
  public void mount(Routes routes) {
    Router router = routes.root();
    for (CredentialKind kind : new CredentialKind[] {CredentialKind.WHIP, CredentialKind.WHEP}) {
      String base = "/" + kind.name().toLowerCase(Locale.ROOT) + "/:meetingId/:roomCode";
      String session = base + "/:sessionId";
      router.route(base).handler(this::cors);
      router.route(session).handler(this::cors);
      router.options(base).handler(ctx -> options(ctx, ALLOW_ENDPOINT, true));
      router.options(session).handler(ctx -> options(ctx, ALLOW_SESSION, kind == CredentialKind.WHEP));
      router.post(base).handler(BodyHandler.create(false).setBodyLimit(MAX_SDP_BYTES)).handler(ctx -> create(ctx, kind));
      router.patch(session).handler(BodyHandler.create(false).setBodyLimit(MAX_SDP_BYTES)).handler(ctx -> patch(ctx, kind));
      router.delete(session).handler(ctx -> grant(ctx, kind)
          .compose(g -> Http.guard(() -> endpoints.end(g, ctx.pathParam("sessionId"))))
          .onSuccess(v -> ctx.response().setStatusCode(200).end()).onFailure(ctx::fail));
      router.route(base).handler(ctx -> notAllowed(ctx, ALLOW_ENDPOINT));
      router.route(session).handler(ctx -> notAllowed(ctx, ALLOW_SESSION));
    }
  }

  /** MV24: a request from an allowed browser origin gets its CORS headers (on every answer, errors included). */
  private void cors(RoutingContext ctx) {
    String origin = ctx.request().getHeader("Origin");
    HttpServerResponse r = ctx.response();
    r.putHeader("Vary", "Origin");
    if (origin != null && (allowedOrigins.contains("*") || allowedOrigins.contains(origin))) {
      r.putHeader("Access-Control-Allow-Origin", allowedOrigins.contains("*") ? "*" : origin)
          .putHeader("Access-Control-Expose-Headers", "Location, ETag, Link, Accept-Post, Accept-Patch, Allow");
    }
    ctx.next();
  }

  /** MV24: OPTIONS (a CORS preflight or a plain probe) needs no credential: what the resource takes, nothing else. */
  private void options(RoutingContext ctx, String allow, boolean takesSdpPatch) {
    HttpServerResponse r = ctx.response().setStatusCode(204).putHeader("Allow", allow).putHeader("Cache-Control", "no-store");
    if (allow.equals(ALLOW_ENDPOINT)) {
      r.putHeader("Accept-Post", SDP);
    } else {
      r.putHeader("Accept-Patch", takesSdpPatch ? SDPFRAG + ", " + SDP : SDPFRAG);
    }
    if (r.headers().contains("Access-Control-Allow-Origin")) {
      r.putHeader("Access-Control-Allow-Methods", allow).putHeader("Access-Control-Allow-Headers", "Authorization, Content-Type, If-Match")
          .putHeader("Access-Control-Max-Age", "600");
    }
    r.end();
  }

  /** MV24: any other method: 405 with {@code Allow}. */
  private static void notAllowed(RoutingContext ctx, String allow) {
    ctx.response().putHeader("Allow", allow);
    ctx.fail(405);
  }

  /**
   * MV11 (WHIP: the body is the offer), MV21 (WHEP: a client offer gets 406 with the bridge's counter-offer; an empty
   * body, the extension of MV12, gets 201 with the same offer).
   */
  private void create(RoutingContext ctx, CredentialKind kind) {
    boolean[] clientOffer = new boolean[1];
    grant(ctx, kind).compose(g -> Http.guard(() -> {
      String body = body(ctx);
      if (kind == CredentialKind.WHIP) {
        requireType(ctx, SDP);
        if (body.isBlank()) {
          throw PlenumException.badMessage("Send the SDP offer as the body.");
        }
        return endpoints.ingest(g, body).map(c -> new Made(g, c));
      }
      if (!body.isBlank()) {
        requireType(ctx, SDP);
        SdpLines.requireTakenCodecs(body);
        clientOffer[0] = true;
      }
      return endpoints.egress(g).map(c -> new Made(g, c));
    })).onSuccess(made -> {
      RoomGrant g = made.grant();
      MediaEndpoints.Created c = made.created();
      String location = "/" + kind.name().toLowerCase(Locale.ROOT) + "/" + ctx.pathParam("meetingId") + "/" + ctx.pathParam("roomCode")
          + "/" + c.id();
      HttpServerResponse r = ctx.response().setStatusCode(clientOffer[0] ? 406 : 201).putHeader("Content-Type", SDP)
          .putHeader("Location", location).putHeader("ETag", c.etag()).putHeader("Cache-Control", "no-store")
          .putHeader("Accept-Patch", kind == CredentialKind.WHEP ? SDPFRAG + ", " + SDP : SDPFRAG);
      for (String link : iceServerLinks(turn.mint(g.roomAccountId(), Instant.now()))) {
        r.headers().add("Link", link);
      }
      r.end(c.sdp());
    }).onFailure(ctx::fail);
  }

  /** MV25: RFC 9725 §4.6 {@code Link} headers for the room's TURN credentials (none without {@code turn.urls}). */
  static List<String> iceServerLinks(JsonObject minted) {
    if (minted.getJsonArray("urls") == null || minted.getJsonArray("urls").isEmpty() || minted.getString("username") == null) {
      return List.of();
    }
    return minted.getJsonArray("urls").stream().map(String::valueOf)
        .map(url -> "<" + url + ">; rel=\"ice-server\"; username=\"" + minted.getString("username") + "\"; credential=\""
            + minted.getString("credential") + "\"; credential-type=\"password\"")
        .toList();
  }

  /** MV13, MV21, MV23: trickle candidates (both kinds), or the WHEP client's answer. */
  private void patch(RoutingContext ctx, CredentialKind kind) {
    grant(ctx, kind).compose(g -> Http.guard(() -> {
      String id = ctx.pathParam("sessionId");
      String type = contentType(ctx);
      String ifMatch = ctx.request().getHeader("If-Match");
      if (type.equals(SDPFRAG)) {
        return endpoints.trickle(g, id, ifMatch, body(ctx));
      }
      if (type.equals(SDP) && kind == CredentialKind.WHEP) {
        return endpoints.answer(g, id, ifMatch, body(ctx));
      }
      ctx.response().putHeader("Accept-Patch", kind == CredentialKind.WHEP ? SDPFRAG + ", " + SDP : SDPFRAG);
      throw new PlenumException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send '" + SDPFRAG + "'"
          + (kind == CredentialKind.WHEP ? " or the answer as '" + SDP + "'." : "."));
    })).onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  /** RM6 + MV11: the bearer secret of this kind, for this meeting and this room code; else NOT_AUTHENTICATED. */
  private Future<RoomGrant> grant(RoutingContext ctx, CredentialKind kind) {
    MeetingId meeting;
    try {
      meeting = MeetingId.parse(ctx.pathParam("meetingId"));
    } catch (RuntimeException e) {
      return Future.failedFuture(PlenumException.notFound("No such meeting."));
    }
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() > 4096) {
      return Future.failedFuture(PlenumException.notAuthenticated("Send 'Authorization: Bearer <" + kind + " secret>'."));
    }
    return credentials.authenticate(kind, header.substring(7).strip()).compose(g -> {
      if (!g.meetingId().equals(meeting) || !g.roomCode().equalsIgnoreCase(ctx.pathParam("roomCode"))) {
        return Future.failedFuture(PlenumException.notAuthenticated("This credential is for another room or meeting."));
      }
      return Future.succeededFuture(g);
    });
  }

  private static void requireType(RoutingContext ctx, String type) {
    if (!contentType(ctx).equals(type)) {
      throw new PlenumException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the body as '" + type + "'.");
    }
  }

  private static String contentType(RoutingContext ctx) {
    String t = ctx.request().getHeader("Content-Type");
    return t == null ? "" : t.split(";")[0].strip().toLowerCase(Locale.ROOT);
  }

  private static String body(RoutingContext ctx) {
    return ctx.body().buffer() == null ? "" : ctx.body().asString("UTF-8");
  }
}
