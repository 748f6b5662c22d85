package org.plenum.server.vote;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.plenum.server.auth.SigningKeys;
import org.plenum.server.core.http.RouteMount;
import org.plenum.server.core.http.Routes;

/** VT13 over REST: a closed poll's signed published list, one receipt looked up in it, and the key that verifies them. */
final class VoteRoutes implements RouteMount {
  private final PollResults results;
  private final SigningKeys.Loaded resultKey;

  VoteRoutes(PollResults results, SigningKeys.Loaded resultKey) {
    this.results = results;
    this.resultKey = resultKey;
  }

  @Override
  public void mount(Routes r) {
    // VT13: the signed published list of a closed poll, and one receipt looked up in it (any participant).
    r.get("/meetings/:meetingId/polls/:pollId/result", (ctx, a) ->
        results.published(Routes.meeting(ctx), PollId.parse(ctx.pathParam("pollId"))).map(JsonObject::new));
    r.get("/meetings/:meetingId/polls/:pollId/receipts/:receipt", (ctx, a) ->
        results.receipt(Routes.meeting(ctx), PollId.parse(ctx.pathParam("pollId")), ctx.pathParam("receipt")));
    // VT13: the public key that verifies published results (X.509 SubjectPublicKeyInfo, Base64 and PEM).
    r.api().get("/keys/results").handler(ctx -> r.authed(ctx, 200, p -> Future.succeededFuture(publicKey())));
  }

  private JsonObject publicKey() {
    byte[] spki = resultKey.publicKey().getEncoded();
    return new JsonObject().put("keyId", resultKey.keyId()).put("algorithm", PublishedResult.ECDSA_P256)
        .put("publicKey", Base64.getEncoder().encodeToString(spki))
        .put("pem", "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(spki)
            + "\n-----END PUBLIC KEY-----\n");
  }
}
