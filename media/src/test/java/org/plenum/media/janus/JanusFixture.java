package org.plenum.media.janus;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;

/**
 * Starts real Janus processes for tests: loopback, free ports, secrets derived from the name. Without {@code janus}
 * on the PATH the test is skipped, unless {@code PLENUM_REQUIRE_JANUS=true} (CI), where it fails.
 */
public final class JanusFixture {

  private JanusFixture() {
  }

  public static void requireJanus() {
    if (JanusProcess.installed()) {
      return;
    }
    String hint = "janus is not on PATH: install the Debian package 'janus' (1.1.2)";
    if ("true".equals(System.getenv("PLENUM_REQUIRE_JANUS"))) {
      fail(hint + " (PLENUM_REQUIRE_JANUS=true)");
    }
    Assumptions.abort(hint + "; skipping (set PLENUM_REQUIRE_JANUS=true to fail instead)");
  }

  public static JanusProcess start(Path tempDir, String name) {
    requireJanus();
    JanusProcessConfig config = JanusProcessConfig.loopback(tempDir.resolve(name), "api-" + name, "admin-" + name)
        .withServerName(name);
    return new JanusProcess(config).start(Duration.ofSeconds(10));
  }

  public static JanusClientOptions clientOptions(JanusProcess janus) {
    return JanusClientOptions.of(janus.wsUrl(), janus.config().apiSecret()).withRequestTimeout(Duration.ofSeconds(3));
  }

  public static JanusAdmin admin(io.vertx.core.Vertx vertx, JanusProcess janus) {
    return new JanusAdmin(vertx, janus.httpUrl(), janus.adminUrl(), janus.config().adminSecret(),
        Duration.ofSeconds(2));
  }
}
