package org.plenum.server.http;

import org.plenum.server.core.http.Http;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.function.BiFunction;
import org.plenum.server.app.Services;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.Actor;
import org.plenum.server.core.MeetingId;

/**
 * Transitional: poll results and receipts over REST, and the key that verifies published results.
 */
final class LiveRoutes {
  private LiveRoutes() {}

  static void mount(Router api, Services s) {
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

  private static void get(Router api, Services s, String path, BiFunction<RoutingContext, Actor, Future<JsonObject>> action) {
    api.get(path).handler(ctx -> Http.authed(ctx, s.auth(), 200,
        p -> s.meetings().actor(p, meeting(ctx)).compose(a -> Http.guard(() -> action.apply(ctx, a)))));
  }
}
