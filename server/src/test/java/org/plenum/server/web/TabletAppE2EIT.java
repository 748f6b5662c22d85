package org.plenum.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.ServerProcess;
import org.plenum.server.testing.TestPki;
import org.plenum.server.testing.TestServer;
import org.plenum.server.testing.TestTrustServices;

/**
 * The tablet app and the consoles end to end (issues 12 and 13: e2e/tablet.spec.ts, chair.spec.ts, kiosk.spec.ts): starts the packaged server (target/plenum-server.jar, its own embedded
 * PostgreSQL in a fresh data folder, 20-second access tokens) and runs the Playwright suite of web-client/
 * (`npx playwright test`, Debian's Chromium) against it; fails when Playwright exits non-zero. Its output, with the
 * measured first-page time of the 20 MB PDF, goes to this test's output and target/tablet-e2e-<projects>.log.
 * By default it runs project e2e, then project minutesui (which closes the demo meeting); {@code -Dplenum.e2e.project=screenshots}
 * writes the screenshots of docs/screenshots/ instead ({@code e2e,screenshots}: both in one run; {@code e2e;minutesui}: two runs
 * one after the other; README).
 */
class TabletAppE2EIT {

  @Test
  @DisplayName("Issues 12, 13 (AD1, AD2): tablets read, follow, speak and vote; the chair and secretary consoles; kiosk and wall without passwords in URLs — Chromium, packaged server")
  void playwright_suite_passes() throws Exception {
    Path jar = Path.of("target", "plenum-server.jar").toAbsolutePath();
    assertThat(jar).as("the packaged server (built in the package phase)").exists();
    Path webClient = Path.of("..", "web-client").toAbsolutePath().normalize();
    Path playwright = webClient.resolve("node_modules/.bin/playwright");
    assertThat(playwright).as("web-client's npm ci installs @playwright/test").exists();
    assertThat(Path.of("/usr/bin/chromium")).as("Debian's chromium (apt-get install chromium)").exists();

    int port = ServerProcess.freePort();
    Map<String, String> env = new HashMap<>();
    env.put("PLENUM_DATA_DIR", Files.createTempDirectory(Path.of("target").toAbsolutePath(), "tablet-e2e-").toString());
    env.put("PLENUM_HTTP_PORT", String.valueOf(port));
    env.put("PLENUM_MEDIA_JANUS_AUTOSTART", "false");
    env.put("PLENUM_AUTH_ACCESS_TOKEN_TTL", "20s"); // the long-session scenario outlives two of them
    env.put("PLENUM_AUTH_LOGIN_MAX_FAILURES_PER_ADDRESS", "1000");
    // the minutes scenario (project minutesui) writes the secretary's and the chair's PKCS#12 keys here (MN6)
    Path signingKeys = Files.createDirectories(Path.of(env.get("PLENUM_DATA_DIR"), "e2e-signing-keys"));
    env.put("PLENUM_MINUTES_SIGNING_KEYS_DIR", signingKeys.toString());
    // ... under a test CA that the server trusts, signed PAdES-BASELINE-LT with this JVM's TSA and OCSP responder (MN7, MN9)
    TestPki pki = TestPki.create();
    TestTrustServices trust = new TestTrustServices(pki);
    env.put("PLENUM_DOCUMENTS_TRUST_STORE", pki.writeRootPem(signingKeys.resolveSibling("e2e-trust.pem")).toString());
    env.put("PLENUM_MINUTES_TSA_URL", trust.tsaUrl());
    env.put("PLENUM_MINUTES_OCSP_URL", trust.ocspUrl());
    Process server = ServerProcess.launch(jar, env, "tablet-e2e-server");
    try {
      ServerProcess.awaitReady(new Api(port), server);
      issueSigningKeys(new Api(port), pki, signingKeys);
      // ';' separates Playwright runs made one after the other against this server; ',' lists projects of one run.
      // By default the e2e scenarios run first, then the minutes scenario, which closes the demo meeting.
      for (String group : System.getProperty("plenum.e2e.project", "e2e;minutesui").split(";")) {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(playwright.toString(), "test"));
        for (String project : group.split(",")) {
          command.add("--project=" + project.strip());
        }
        ProcessBuilder pb = new ProcessBuilder(command).directory(webClient.toFile()).redirectErrorStream(true);
        pb.environment().put("PLENUM_BASE_URL", "http://127.0.0.1:" + port);
        pb.environment().put("CI", "1");
        pb.environment().put("PLENUM_E2E_SIGNING_KEYS_DIR", signingKeys.toString());
        pb.environment().put("PLENUM_E2E_SIGNING_KEYS_ISSUED", "1");
        Process run = pb.start();
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = r.readLine()) != null; ) {
            System.out.println("[playwright] " + line);
            out.append(line).append('\n');
          }
        }
        boolean ended = run.waitFor(30, TimeUnit.MINUTES);
        Files.writeString(Path.of("target", "tablet-e2e-" + group.replaceAll("[^a-z0-9]+", "-") + ".log"), out);
        assertThat(ended).as("playwright finished (" + group + ")").isTrue();
        assertThat(run.exitValue()).as("playwright's exit status (" + group + "); its output:\n" + out).isZero();
      }
    } finally {
      trust.close();
      server.destroy();
      if (!server.waitFor(20, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  /** The secretary's and the chair's PKCS#12 keys under the test CA, as {@code <account id>.p12} and {@code .pass} (Pkcs12Signers). */
  static void issueSigningKeys(Api api, TestPki pki, Path dir) throws Exception {
    for (String user : java.util.List.of("secretary", "chair")) {
      var me = api.get("/api/me", api.login(user, TestServer.DEMO_PASSWORD)).json();
      TestPki.Identity id = pki.issue(me.getString("displayName"), false);
      java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      char[] password = "e2e-pass-123".toCharArray();
      ks.setKeyEntry("signer", id.key(), password, id.chain());
      try (var out = Files.newOutputStream(dir.resolve(me.getString("id") + ".p12"))) {
        ks.store(out, password);
      }
      Files.writeString(dir.resolve(me.getString("id") + ".pass"), "e2e-pass-123\n");
    }
  }
}
