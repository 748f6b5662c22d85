package org.plenum.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.OidcProviderProcess;
import org.plenum.server.testing.ServerProcess;

/**
 * "Sign in with <provider>" in the web client, end to end: a real OpenID provider (node-oidc-provider,
 * src/test/oidc/op.js), the packaged server configured for it, and Playwright in Debian's Chromium
 * (web-client/playwright.sso.config.ts) clicking through the provider's login and consent pages. Also writes the
 * sign-in page with the provider button to docs/screenshots/ (vi and en).
 */
class SingleSignOnE2EIT {

  @Test
  @DisplayName("OI1, OI2, OI4, OI9: a person signs in with the provider from the sign-in page, lands signed in, and signs out at the provider")
  void sign_in_with_the_provider_in_chromium() throws Exception {
    Path jar = Path.of("target", "plenum-server.jar").toAbsolutePath();
    assertThat(jar).as("the packaged server (built in the package phase)").exists();
    Path webClient = Path.of("..", "web-client").toAbsolutePath().normalize();
    Path playwright = webClient.resolve("node_modules/.bin/playwright");
    assertThat(playwright).as("web-client's npm ci installs @playwright/test").exists();
    assertThat(Path.of("/usr/bin/chromium")).as("Debian's chromium (apt-get install chromium)").exists();

    int port = ServerProcess.freePort();
    String plenum = "http://127.0.0.1:" + port;
    try (OidcProviderProcess op = OidcProviderProcess.start(plenum)) {
      Path secret = Files.createTempFile(Path.of("target").toAbsolutePath(), "oidc-secret", "");
      Files.writeString(secret, "plenum-test-secret");
      Map<String, String> env = new HashMap<>();
      env.put("PLENUM_DATA_DIR", Files.createTempDirectory(Path.of("target").toAbsolutePath(), "sso-e2e-").toString());
      env.put("PLENUM_HTTP_PORT", String.valueOf(port));
      env.put("PLENUM_MEDIA_JANUS_AUTOSTART", "false");
      env.put("PLENUM_AUTH_OIDC_PROVIDERS", "province");
      env.put("PLENUM_AUTH_OIDC_REDIRECT_URI", plenum + "/api/auth/oidc/callback");
      env.put("PLENUM_AUTH_OIDC_PROVINCE_DISPLAY_NAME", "Cổng đăng nhập tỉnh");
      env.put("PLENUM_AUTH_OIDC_PROVINCE_ISSUER", op.issuer());
      env.put("PLENUM_AUTH_OIDC_PROVINCE_CLIENT_ID", "plenum");
      env.put("PLENUM_AUTH_OIDC_PROVINCE_CLIENT_SECRET_FILE", secret.toString());
      env.put("PLENUM_AUTH_OIDC_PROVINCE_AUTO_CREATE", "true");
      Process server = ServerProcess.launch(jar, env, "sso-e2e-server");
      try {
        ServerProcess.awaitReady(new Api(port), server);
        ProcessBuilder pb = new ProcessBuilder(List.of(playwright.toString(), "test", "-c", "playwright.sso.config.ts"))
            .directory(webClient.toFile()).redirectErrorStream(true);
        pb.environment().put("PLENUM_BASE_URL", plenum);
        pb.environment().put("PLENUM_OP_URL", op.issuer());
        pb.environment().put("CI", "1");
        Process run = pb.start();
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = r.readLine()) != null; ) {
            System.out.println("[playwright] " + line);
            out.append(line).append('\n');
          }
        }
        boolean ended = run.waitFor(10, TimeUnit.MINUTES);
        Files.writeString(Path.of("target", "sso-e2e.log"), out);
        assertThat(ended).as("playwright finished").isTrue();
        assertThat(run.exitValue()).as("playwright's exit status; its output:\n" + out).isZero();
      } finally {
        server.destroy();
        if (!server.waitFor(20, TimeUnit.SECONDS)) {
          server.destroyForcibly();
        }
      }
    }
  }
}
