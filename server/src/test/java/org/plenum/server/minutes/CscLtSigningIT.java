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
    fx = LiveMeetingFixture.start(Map.of("PLENUM_MINUTES_SIGNER", "CSC", "PLENUM_MINUTES_CSC_URL", csc.url(),
        "PLENUM_MINUTES_CSC_TOKEN", FakeCscService.TOKEN, "PLENUM_MINUTES_TSA_URL", trust.tsaUrl(),
        "PLENUM_MINUTES_OCSP_URL", trust.ocspUrl()));
    api = fx.api();
  }

  @AfterAll
  static void stop() {
    fx.close();
    csc.close();
    trust.close();
  }

  @Test
  @DisplayName("MN7, MN8: secretary and chair sign through the CSC service at PAdES-BASELINE-LT (TSA and OCSP of the test); the signed minutes validate offline, both VALID, and pdfsig agrees")
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
    Api.Response second = api.post(base + "/sign", new JsonObject().put("pin", PIN), fx.token("chair"));
    assertThat(second.status()).as(second.toString()).isEqualTo(200);
    assertThat(second.json().getString("state")).isEqualTo("SIGNED");
    assertThat(trust.tsaRequests.get()).isGreaterThanOrEqualTo(2);

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
