package org.plenum.server.minutes;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import org.plenum.server.config.MinutesConfig;
import org.plenum.server.core.Feature;
import org.plenum.server.core.FeatureRegistry;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.http.Http;
import org.plenum.server.core.http.Routes;
import org.plenum.server.core.ledger.Ledger;
import org.plenum.server.meeting.Meetings;
import org.plenum.server.pdf.SignatureVerifier;

/**
 * Minutes from the record (biên bản, issue 14, protocol §16): a PDF folded from the ledger, the secretary's texts,
 * the chair's approval, PAdES signatures by the secretary and the chair.
 */
public final class MinutesFeature implements Feature {
  private final MinutesService minutes;

  /** {@code verifier}: the documents' signature verifier (trust anchors from {@code documents.trust_store}), MN9. */
  public MinutesFeature(Vertx vertx, Database db, Ledger ledger, Meetings meetings, MinutesConfig config, Path dataDir, SignatureVerifier verifier) {
    this(vertx, db, ledger, meetings, config, config.signer() == MinutesConfig.SignerKind.CSC
        ? new CscSigners(java.net.URI.create(config.cscUrl()), config.cscToken()) : new Pkcs12Signers(config.signingKeys(dataDir)), verifier);
  }

  public MinutesFeature(Vertx vertx, Database db, Ledger ledger, Meetings meetings, MinutesConfig config, Signer.Directory signers,
                        SignatureVerifier verifier) {
    this.minutes = new MinutesService(vertx, db, ledger, new PgMinutesStore(), meetings, new MinutesPdf(config.fontDir(), config.timeZone()),
        new MinutesFold.Issuer(config.parentBody(), config.issuingBody(), config.place()), signers, config.maxTextChars(),
        config.tsaUrl().isEmpty() ? null : new DssPadesSigning(config.tsaUrl(), config.ocspUrl(), config.crlUrl(),
            config.signatureLevel() == MinutesConfig.SignatureLevel.LTA),
        new SignatureChecks(vertx, verifier));
  }

  @Override
  public String name() {
    return "minutes";
  }

  /** The body of {@code POST …/minutes/approve}: the language of the frozen minutes ({@code vi} when absent). */
  record Approve(String language) {}

  /** The body of {@code POST …/minutes/sign}: the signer's PIN or OTP for a remote key (optional). */
  record Sign(String pin) {
    Sign {
      if (pin != null && (pin.isEmpty() || pin.length() > 64)) {
        throw PlenumException.badMessage("'pin' must be 1 to 64 characters.");
      }
    }
  }

  @Override
  public void register(FeatureRegistry r) {
    r.events(MinutesEvent.class, new MinutesProjection());
    r.routes(routes -> {
      routes.get("/meetings/:meetingId/minutes", (ctx, a) -> minutes.state(a, Routes.meeting(ctx)));
      routes.api().get("/meetings/:meetingId/minutes/pdf").handler(ctx -> routes.actor(ctx)
          .compose(a -> Http.guard(() -> minutes.pdf(a, Routes.meeting(ctx), lang(ctx.request().getParam("lang")))))
          .onFailure(ctx::fail)
          .onSuccess(pdf -> ctx.response().putHeader("Content-Type", "application/pdf").putHeader("Cache-Control", "no-store")
              .putHeader("Content-Disposition", "inline; filename=\"" + pdf.filename() + "\"").end(Buffer.buffer(pdf.bytes()))));
      routes.write(HttpMethod.PUT, "/meetings/:meetingId/minutes/texts", (ctx, a) ->
          minutes.editTexts(a, Routes.meeting(ctx), new JsonObject(castMap(Http.body(ctx, Map.class)))));
      routes.write(HttpMethod.POST, "/meetings/:meetingId/minutes/approve", (ctx, a) -> {
        Approve body = ctx.body().length() == 0 ? new Approve(null) : Http.body(ctx, Approve.class);
        return minutes.approve(a, Routes.meeting(ctx), lang(body.language()));
      });
      routes.write(HttpMethod.POST, "/meetings/:meetingId/minutes/sign", (ctx, a) -> {
        Sign body = ctx.body().length() == 0 ? new Sign(null) : Http.body(ctx, Sign.class);
        return minutes.sign(a, Routes.meeting(ctx), body.pin());
      });
    });
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }

  static MinutesPdf.Lang lang(String value) {
    if (value == null || value.equals("vi")) {
      return MinutesPdf.Lang.VI;
    }
    if (value.equals("en")) {
      return MinutesPdf.Lang.EN;
    }
    throw PlenumException.badMessage("Language must be 'vi' or 'en'.");
  }
}
