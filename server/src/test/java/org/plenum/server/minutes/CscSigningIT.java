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

/** MN6 through a remote signer: the minutes signed end to end through a CSC API v2 service (a small one in this JVM). */
class CscSigningIT {
  static final String PIN = "246810";
  static FakeCscService csc;
  static LiveMeetingFixture fx;
  static Api api;

  @BeforeAll
  static void start() throws Exception {
    csc = new FakeCscService(PIN);
    fx = LiveMeetingFixture.start(Map.of("PLENUM_MINUTES_SIGNER", "CSC", "PLENUM_MINUTES_CSC_URL", csc.url(),
        "PLENUM_MINUTES_CSC_TOKEN", FakeCscService.TOKEN));
    api = fx.api();
  }

  @AfterAll
  static void stop() {
    fx.close();
    csc.close();
  }

  @Test
  @DisplayName("MN6: secretary and chair sign through the CSC service with their PIN; a wrong PIN is FORBIDDEN and a person without a credential CONFLICT, nothing stored; pdfsig validates both")
  void signs_through_csc() throws Exception {
    String m = fx.newMeeting(List.of("Thông qua kế hoạch đầu tư công"), List.copyOf(LiveMeetingFixture.CAST.keySet()));
    String base = "/api/meetings/" + m + "/minutes";
    assertThat(api.post("/api/meetings/" + m + "/status", new JsonObject().put("status", "OPEN"), fx.token("chair")).status()).isEqualTo(200);
    assertThat(api.post("/api/meetings/" + m + "/status", new JsonObject().put("status", "CLOSED"), fx.token("chair")).status()).isEqualTo(200);
    assertThat(api.post(base + "/approve", new JsonObject(), fx.token("chair")).status()).isEqualTo(200);

    TestPki pki = TestPki.create();
    csc.add(fx.id("secretary"), pki.issue("Trần Thư Ký", false));
    assertThat(api.post(base + "/sign", new JsonObject().put("pin", "000000"), fx.token("secretary")).code()).as("wrong PIN").isEqualTo("FORBIDDEN");
    assertThat(api.post(base + "/sign", new JsonObject().put("pin", ""), fx.token("secretary")).code()).isEqualTo("BAD_MESSAGE");
    assertThat(api.get(base, fx.token("chair")).json().getString("state")).isEqualTo("FINAL");
    Api.Response first = api.post(base + "/sign", new JsonObject().put("pin", PIN), fx.token("secretary"));
    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(csc.calls).containsSubsequence("credentials/list", "credentials/info", "credentials/authorize", "signatures/signHash");

    assertThat(api.post(base + "/sign", new JsonObject().put("pin", PIN), fx.token("chair")).code()).as("chair has no credential").isEqualTo("CONFLICT");
    assertThat(api.get(base, fx.token("chair")).json().getString("state")).isEqualTo("SIGNED_BY_SECRETARY");
    csc.add(fx.id("chair"), pki.issue("Phạm Chủ Trì", false));
    Api.Response second = api.post(base + "/sign", new JsonObject().put("pin", PIN), fx.token("chair"));
    assertThat(second.status()).as(second.toString()).isEqualTo(200);
    assertThat(second.json().getString("state")).isEqualTo("SIGNED");

    HttpResponse<byte[]> pdf = api.client().send(HttpRequest.newBuilder(URI.create(api.base() + base + "/pdf"))
        .header("Authorization", "Bearer " + fx.token("delegate3")).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(pdf.statusCode()).isEqualTo(200);
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "csc-");
    Path file = dir.resolve("signed.pdf");
    Files.write(file, pdf.body());
    Path nss = dir.resolve("nss");
    Files.createDirectories(nss);
    MinutesIT.run("certutil", "-N", "-d", "sql:" + nss, "--empty-password");
    MinutesIT.run("certutil", "-A", "-d", "sql:" + nss, "-n", "root", "-t", "CT,C,C", "-a", "-i", pki.writeRootPem(dir.resolve("root.pem")).toString());
    String sig = MinutesIT.run("pdfsig", "-nssdir", "sql:" + nss, file.toString());
    assertThat(sig).contains("Trần Thư Ký", "Phạm Chủ Trì");
    assertThat(sig.split("Signature is Valid", -1)).as(sig).hasSize(3);
    assertThat(sig.split("Certificate is Trusted", -1)).as(sig).hasSize(3);
  }
}
