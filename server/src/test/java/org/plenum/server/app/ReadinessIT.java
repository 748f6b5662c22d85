package org.plenum.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.core.db.EmbeddedDatabase;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.TestServer;

class ReadinessIT {

  @Test
  @DisplayName("O7: when PostgreSQL stops /ready turns 503 (and API calls answer UNAVAILABLE); when it returns /ready is 200 again, same server")
  void ready_follows_postgres() throws Exception {
    Path root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "restart-pg-");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    EmbeddedDatabase pg = EmbeddedDatabase.start(root, port);
    TestServer server = TestServer.start(Map.of("PLENUM_DB_URL", pg.url(EmbeddedDatabase.DATABASE), "PLENUM_DB_READY_TIMEOUT", "1s"));
    try {
      Api api = server.api();
      assertThat(api.get("/ready").status()).isEqualTo(200);
      String token = api.login("chair", TestServer.DEMO_PASSWORD);

      pg.close();
      assertThat(waitFor(api, 503)).as("/ready turns 503 after PostgreSQL stops").isTrue();
      assertThat(api.get("/health").status()).as("still alive").isEqualTo(200);
      var during = api.get("/api/meetings", token);
      assertThat(during.status()).isEqualTo(503);
      assertThat(during.code()).isEqualTo("UNAVAILABLE");

      pg = EmbeddedDatabase.start(root, port);
      assertThat(waitFor(api, 200)).as("/ready returns to 200 without a server restart").isTrue();
      assertThat(api.get("/api/meetings", token).status()).isEqualTo(200);
    } finally {
      server.close();
      pg.close();
    }
  }

  private static boolean waitFor(Api api, int status) throws InterruptedException {
    Instant until = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(until)) {
      if (api.get("/ready").status() == status) {
        return true;
      }
      Thread.sleep(250);
    }
    return false;
  }
}
