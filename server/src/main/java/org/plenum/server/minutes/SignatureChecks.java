package org.plenum.server.minutes;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.plenum.server.pdf.SignatureVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MN9: what DSS reads in the stored signed minutes, per signature in field order (document time-stamps left out): the signer's name from the
 * certificate, the signing time and where it comes from (the TSA's time-stamp or the signer's claim), the PAdES level
 * reached, the certificate status and the verdict (DS1–DS3). A signed revision never changes, so the answer is kept
 * per SHA-256 of the file; validation runs once per revision on a worker thread.
 */
final class SignatureChecks {
  private static final Logger LOG = LoggerFactory.getLogger(SignatureChecks.class);
  private static final int KEEP = 256;

  private final Vertx vertx;
  private final SignatureVerifier verifier;
  /** Per SHA-256: the validation, done or under way (requests at the same moment share one). */
  private final Map<String, Future<JsonArray>> done = new ConcurrentHashMap<>();

  SignatureChecks(Vertx vertx, SignatureVerifier verifier) {
    this.vertx = vertx;
    this.verifier = verifier;
  }

  /** The signatures of {@code pdf} (whose SHA-256 is {@code sha256}), in the order of the file's signature fields. */
  Future<JsonArray> of(String sha256, byte[] pdf) {
    Future<JsonArray> known = done.get(sha256);
    if (known != null) {
      return known;
    }
    if (done.size() >= KEEP) {
      done.clear();
    }
    return done.computeIfAbsent(sha256, k -> vertx.executeBlocking(() -> check(pdf), false)
        .onFailure(e -> done.remove(k)));
  }

  private JsonArray check(byte[] pdf) throws IOException {
    Path file = Files.createTempFile("plenum-minutes-", ".pdf");
    try {
      Files.write(file, pdf);
      List<SignatureVerifier.SignatureReport> reports = verifier.verify(file);
      JsonArray out = new JsonArray();
      for (SignatureVerifier.SignatureReport r : reports) {
        if (r.level() == null && "TIMESTAMP".equals(r.signingTimeSource())) {
          continue; // a document time-stamp (LTA, D36): it extends the signatures before it, it is nobody's signature
        }
        out.add(new JsonObject()
            .put("signerName", r.signerCommonName())
            .put("signingTime", r.signingTime() == null ? null : r.signingTime().toString())
            .put("signingTimeSource", r.signingTimeSource())
            .put("level", r.level())
            .put("status", r.status().name())
            .put("certificateStatus", r.certificateStatus())
            .put("trusted", r.trusted())
            .put("problem", r.problem()));
      }
      return out;
    } catch (IOException | RuntimeException e) {
      LOG.warn("The stored minutes could not be validated: {}", e.toString());
      throw e;
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
