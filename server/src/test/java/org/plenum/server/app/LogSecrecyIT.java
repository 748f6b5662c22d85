package org.plenum.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.LogCapture;
import org.plenum.server.testing.TestServer;
import org.plenum.server.testing.WsClient;

class LogSecrecyIT {

  @Test
  @DisplayName("L1: one log line per request with its request id; passwords, tokens and tickets never appear in the log")
  void no_secrets_in_logs() throws InterruptedException {
    LogCapture log = new LogCapture();
    TestServer server = TestServer.start();
    try {
      Api api = server.api();
      String wrongPassword = "Wrong-Password-" + System.nanoTime();
      api.post("/api/auth/login", new JsonObject().put("username", "chair").put("password", wrongPassword));
      JsonObject pair = api.post("/api/auth/login", new JsonObject().put("username", "chair").put("password", TestServer.DEMO_PASSWORD)).json();
      String access = pair.getString("accessToken");
      String refresh = pair.getString("refreshToken");
      JsonObject pair2 = api.post("/api/auth/refresh", new JsonObject().put("refreshToken", refresh)).json();
      api.post("/api/auth/refresh", new JsonObject().put("refreshToken", refresh)); // reuse: logged as a warning
      String access2 = api.login("chair", TestServer.DEMO_PASSWORD);
      String meeting = api.get("/api/meetings", access2).array("meetings").getJsonObject(0).getString("id");
      String ticket = api.post("/api/meetings/" + meeting + "/ws-ticket", null, access2).json().getString("ticket");
      try (WsClient ws = WsClient.connect(server.port(), "/ws/meetings/" + meeting + "?ticket=" + ticket)) {
        ws.next();
      }
      WsClient.attempt(server.port(), "/ws/meetings/" + meeting + "?ticket=" + ticket);
      api.get("/api/me", access + "x");
      api.get("/api/me", access2);

      // The request line is written when the response has been sent, so it may trail the client by a moment.
      long until = System.currentTimeMillis() + 10_000;
      while (System.currentTimeMillis() < until
          && log.lines().stream().noneMatch(l -> l.matches("req=\\S+ GET /api/me 200 \\d+ms"))) {
        Thread.sleep(50);
      }
      List<String> lines = log.lines();
      assertThat(lines).isNotEmpty();
      String all = String.join("\n", lines);
      for (String secret : List.of(wrongPassword, TestServer.DEMO_PASSWORD, access, refresh, pair2.getString("accessToken"),
          pair2.getString("refreshToken"), access2, ticket)) {
        assertThat(all).doesNotContain(secret);
      }
      assertThat(lines).anyMatch(l -> l.matches("req=\\S+ POST /api/auth/login 401 \\d+ms"));
      assertThat(lines).anyMatch(l -> l.matches("req=\\S+ GET /api/me 200 \\d+ms"));
      assertThat(lines).anyMatch(l -> l.matches("req=\\S+ GET /ws/meetings/\\S+ 101 \\d+ms") || l.contains("WebSocket open"));
    } finally {
      server.close();
      log.close();
    }
  }
}
