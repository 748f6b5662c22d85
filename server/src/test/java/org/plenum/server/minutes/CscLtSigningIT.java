package org.plenum.server.minutes;

import static org.assertj.core.api.Assertions.assertThat;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.LiveMeetingFixture;
import org.plenum.server.testing.TestPki;
import org.plenum.server.pdf.SignatureVerifier;
import org.plenum.server.pdf.SignatureVerifier.SignatureReport;
import org.plenum.server.testing.TestTrustServices;

/** MN7 through a remote signer: the minutes signed PAdES-BASELINE-LT through DSS with keys held by a CSC service. */
class CscLtSigningIT {
  static final String PIN = "135790";
  static FakeCscService csc;
  static TestPki pki;
  static TestTrustServices trust;
  static LiveMeetingFixture fx;
  static Api api;

  @BeforeAll
  static void start() throws Exception {
    csc = new FakeCscService(PIN);
    pki = TestPki.create();
    trust = new TestTrustServices(pki);
    // the test CA is the server's trust anchor, so GET /minutes reports the signatures VALID (MN9)
    Path anchors = pki.writeRootPem(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "csc-lt-trust-").resolve("root.pem"));
    fx = LiveMeetingFixture.start(Map.of("PLENUM_MINUTES_SIGNER", "CSC", "PLENUM_MINUTES_CSC_URL", csc.url(),
        "PLENUM_MINUTES_CSC_TOKEN", FakeCscService.TOKEN, "PLENUM_MINUTES_TSA_URL", trust.tsaUrl(),
        "PLENUM_MINUTES_OCSP_URL", trust.ocspUrl(), "PLENUM_DOCUMENTS_TRUST_STORE", anchors.toString()));
    api = fx.api();
  }

  @AfterAll
  static void stop() {
    fx.close();
    csc.close();
    trust.close();
  }

  @Test
  @DisplayName("MN7, MN8, MN9: secretary and chair sign through the CSC service at PAdES-BASELINE-LT (TSA and OCSP of the test); the signed minutes validate offline, both VALID, pdfsig agrees, and GET /minutes reports each signer, TSA time, level and verdict")
  void signs_lt_through_csc() throws Exception {
    String m = fx.newMeeting(List.of("Thông qua kế hoạch đầu tư công"), List.copyOf(LiveMeetingFixture.CAST.keySet()));
    String base = "/api/meetings/" + m + "/minutes";
    assertThat(api.post("/api/meetings/" + m + "/status", new JsonObject().put("status", "OPEN"), fx.token("chair")).status()).isEqualTo(200);
    assertThat(api.post("/api/meetings/" + m + "/status", new JsonObject().put("status", "CLOSED"), fx.token("chair")).status()).isEqualTo(200);
    assertThat(api.post(base + "/approve", new JsonObject(), fx.token("chair")).status()).isEqualTo(200);
    csc.add(fx.id("secretary"), pki.issue("Trần Thư Ký", false));
    csc.add(fx.id("chair"), pki.issue("Phạm Chủ Trì", false));
    Api.Response first = api.post(base + "/sign", new JsonObject().put("pin", PIN), fx.token("secretary"));
    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    // MN9: the chair's screen reads the secretary's signature as DSS validates the stored PDF
    JsonObject half = api.get(base, fx.token("chair")).json();
    assertThat(half.getJsonArray("signatures")).hasSize(1);
    JsonObject s1 = half.getJsonArray("signatures").getJsonObject(0);
    assertThat(s1.getString("role")).isEqualTo("SECRETARY");
    assertThat(s1.getString("signerName")).isEqualTo("Trần Thư Ký");
    assertThat(s1.getString("level")).isEqualTo("PAdES-BASELINE-LT");
    assertThat(s1.getString("status")).as(s1.encode()).isEqualTo("VALID");
    Api.Response second = api.post(base + "/sign", new JsonObject().put("pin", PIN), fx.token("chair"));
    assertThat(second.status()).as(second.toString()).isEqualTo(200);
    assertThat(second.json().getString("state")).isEqualTo("SIGNED");
    assertThat(trust.tsaRequests.get()).isGreaterThanOrEqualTo(2);

    // MN9: every participant reads both signatures: signer, the TSA's signing time, the level reached, the verdict
    JsonObject minutes = api.get(base, fx.token("delegate3")).json();
    assertThat(minutes.getString("state")).isEqualTo("SIGNED");
    assertThat(minutes.getJsonArray("signatures").stream().map(o -> ((JsonObject) o).getString("signerName")))
        .containsExactly("Trần Thư Ký", "Phạm Chủ Trì");
    for (Object o : minutes.getJsonArray("signatures")) {
      JsonObject sig = (JsonObject) o;
      assertThat(sig.getString("level")).as(sig.encode()).isEqualTo("PAdES-BASELINE-LT");
      assertThat(sig.getString("status")).as(sig.encode()).isEqualTo("VALID");
      assertThat(sig.getString("signingTimeSource")).isEqualTo("TIMESTAMP");
      assertThat(sig.getString("certificateStatus")).isEqualTo("GOOD");
      assertThat(java.time.Instant.parse(sig.getString("signingTime"))).isBetween(java.time.Instant.now().minusSeconds(600), java.time.Instant.now());
    }

    HttpResponse<byte[]> pdf = api.client().send(HttpRequest.newBuilder(URI.create(api.base() + base + "/pdf"))
        .header("Authorization", "Bearer " + fx.token("delegate3")).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(pdf.statusCode()).isEqualTo(200);
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "csc-lt-");
    Path file = dir.resolve("signed.pdf");
    Files.write(file, pdf.body());

    List<SignatureReport> reports = new SignatureVerifier(List.of(pki.root())).verify(file);
    assertThat(reports).extracting(SignatureReport::signerCommonName).containsExactly("Trần Thư Ký", "Phạm Chủ Trì");
    assertThat(reports).allSatisfy(r -> {
      assertThat(r.status()).as(r.toString()).isEqualTo(SignatureReport.Status.VALID);
      assertThat(r.level()).isEqualTo("PAdES-BASELINE-LT");
      assertThat(r.signingTimeSource()).isEqualTo("TIMESTAMP");
      assertThat(r.certificateStatus()).isEqualTo("GOOD");
    });

    Path nss = dir.resolve("nss");
    Files.createDirectories(nss);
    MinutesIT.run("certutil", "-N", "-d", "sql:" + nss, "--empty-password");
    MinutesIT.run("certutil", "-A", "-d", "sql:" + nss, "-n", "root", "-t", "CT,C,C", "-a", "-i", pki.writeRootPem(dir.resolve("root.pem")).toString());
    String sig = MinutesIT.run("pdfsig", "-nssdir", "sql:" + nss, file.toString());
    assertThat(sig.split("Signature is Valid", -1)).as(sig).hasSize(3);
  }
}
