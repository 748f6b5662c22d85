package org.plenum.server.media;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
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

/**
 * WHIP ingest and WHEP egress (RFC 9725 style; docs/protocol.md §13 MV11–MV14) at the URLs room credentials hand
 * out: {@code /whip/{meetingId}/{roomCode}} and {@code /whep/{meetingId}/{roomCode}}, each request authenticated by
 * the room's bearer secret of that kind. Bodies are SDP, not JSON; errors are the one JSON error body. They stream
 * their own bodies outside {@code /api}, so they go on the root router.
 */
final class MediaEndpointRoutes implements RouteMount {
  /** An SDP offer or answer, or a trickle fragment, is a few kilobytes; anything near this is not one. */
  static final int MAX_SDP_BYTES = 64 * 1024;
  static final String SDP = "application/sdp";
  static final String SDPFRAG = "application/trickle-ice-sdpfrag";

  private final RoomCredentials credentials;
  private final MediaEndpoints endpoints;

  MediaEndpointRoutes(RoomCredentials credentials, MediaEndpoints endpoints) {
    this.credentials = credentials;
    this.endpoints = endpoints;
  }

  @Override
  public void mount(Routes routes) {
    Router router = routes.root();
    for (CredentialKind kind : new CredentialKind[] {CredentialKind.WHIP, CredentialKind.WHEP}) {
      String base = "/" + kind.name().toLowerCase(Locale.ROOT) + "/:meetingId/:roomCode";
      router.post(base).handler(BodyHandler.create(false).setBodyLimit(MAX_SDP_BYTES)).handler(ctx -> create(ctx, kind));
      router.patch(base + "/:sessionId").handler(BodyHandler.create(false).setBodyLimit(MAX_SDP_BYTES)).handler(ctx -> patch(ctx, kind));
      router.delete(base + "/:sessionId").handler(ctx -> grant(ctx, kind)
          .compose(g -> Http.guard(() -> endpoints.end(g, ctx.pathParam("sessionId"))))
          .onSuccess(v -> ctx.response().setStatusCode(200).end()).onFailure(ctx::fail));
    }
  }

  /** MV11 (WHIP: the body is the offer) and MV12 (WHEP: an empty body; the answer to 201 carries Janus's offer). */
  private void create(RoutingContext ctx, CredentialKind kind) {
    grant(ctx, kind).compose(g -> Http.guard(() -> {
      String body = body(ctx);
      if (kind == CredentialKind.WHIP) {
        requireType(ctx, SDP);
        if (body.isBlank()) {
          throw PlenumException.badMessage("Send the SDP offer as the body.");
        }
        return endpoints.ingest(g, body);
      }
      if (!body.isBlank()) {
        throw new PlenumException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "This server offers (VideoRoom subscribers cannot offer): "
            + "POST an empty body, then PATCH the answer as 'application/sdp'.");
      }
      return endpoints.egress(g);
    })).onSuccess(c -> {
      String location = "/" + kind.name().toLowerCase(Locale.ROOT) + "/" + ctx.pathParam("meetingId") + "/" + ctx.pathParam("roomCode")
          + "/" + c.id();
      ctx.response().setStatusCode(201).putHeader("Content-Type", SDP).putHeader("Location", location).putHeader("ETag", c.etag())
          .putHeader("Cache-Control", "no-store").end(c.sdp());
    }).onFailure(ctx::fail);
  }

  /** MV13: trickle candidates (both kinds), or the WHEP client's answer. */
  private void patch(RoutingContext ctx, CredentialKind kind) {
    grant(ctx, kind).compose(g -> Http.guard(() -> {
      String id = ctx.pathParam("sessionId");
      String type = contentType(ctx);
      if (type.equals(SDPFRAG)) {
        return endpoints.trickle(g, id, body(ctx));
      }
      if (type.equals(SDP) && kind == CredentialKind.WHEP) {
        return endpoints.answer(g, id, body(ctx));
      }
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
