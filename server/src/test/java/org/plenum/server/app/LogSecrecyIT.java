package org.plenum.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.TestServer;
import org.plenum.server.testing.WsClient;
import org.slf4j.LoggerFactory;

class LogSecrecyIT {

  @Test
  @DisplayName("L1: one log line per request with its request id; passwords, tokens and tickets never appear in the log")
  void no_secrets_in_logs() throws InterruptedException {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger plenum = ctx.getLogger("org.plenum");
    Level before = plenum.getLevel();
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(appender);
    plenum.setLevel(Level.DEBUG);
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
          && snapshot(appender).stream().noneMatch(e -> e.getFormattedMessage().matches("req=\\S+ GET /api/me 200 \\d+ms"))) {
        Thread.sleep(50);
      }
      List<String> lines = snapshot(appender).stream()
          .map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy())))
          .toList();
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
      root.detachAppender(appender);
      plenum.setLevel(before);
    }
  }

  /** A copy of what the appender holds; logback appends under the appender's lock. */
  private static List<ILoggingEvent> snapshot(ListAppender<ILoggingEvent> appender) {
    synchronized (appender) {
      return new java.util.ArrayList<>(appender.list);
    }
  }
}
