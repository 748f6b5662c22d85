package org.plenum.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.TestServer;

class LoginRateLimitIT {
  TestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  static Api.Response login(Api api, String user, String password, String forwardedFor) {
    var b = HttpRequest.newBuilder(URI.create(api.base() + "/api/auth/login"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", user).put("password", password).encode()));
    if (forwardedFor != null) {
      b.header("X-Forwarded-For", forwardedFor);
    }
    return api.send(b, null);
  }

  @Test
  @DisplayName("AU9: after auth.login_max_failures_per_account failures an account is RATE_LIMITED, even with the right password")
  void per_account_limit() {
    server = TestServer.start(Map.of("PLENUM_AUTH_LOGIN_MAX_FAILURES_PER_ACCOUNT", "3"));
    Api api = server.api();
    for (int i = 0; i < 3; i++) {
      assertThat(login(api, "delegate4", "wrong-" + i, null).status()).isEqualTo(401);
    }
    var limited = login(api, "delegate4", TestServer.DEMO_PASSWORD, null);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.code()).isEqualTo("RATE_LIMITED");
    assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    assertThat(limited.json().getInteger("retryAfterSeconds")).isPositive();
    // Other accounts are not affected.
    assertThat(login(api, "delegate5", TestServer.DEMO_PASSWORD, null).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("AU10: failures from one address across many accounts hit auth.login_max_failures_per_address; X-Forwarded-For is ignored unless trusted")
  void per_address_limit() {
    server = TestServer.start(Map.of("PLENUM_AUTH_LOGIN_MAX_FAILURES_PER_ADDRESS", "4"));
    Api api = server.api();
    for (int i = 0; i < 4; i++) {
      assertThat(login(api, "guess" + i, "wrong", "203.0.113." + i).status()).isEqualTo(401);
    }
    var limited = login(api, "chair", TestServer.DEMO_PASSWORD, "198.51.100.7");
    assertThat(limited.code()).isEqualTo("RATE_LIMITED");
  }

  @Test
  @DisplayName("AU11: behind a trusted proxy the limit applies per X-Forwarded-For client (the last hop, which the proxy wrote)")
  void trusted_proxy() {
    server = TestServer.start(Map.of("PLENUM_AUTH_LOGIN_MAX_FAILURES_PER_ADDRESS", "2", "PLENUM_HTTP_TRUST_FORWARDED_FOR", "true"));
    Api api = server.api();
    assertThat(login(api, "a1", "wrong", "203.0.113.1").status()).isEqualTo(401);
    assertThat(login(api, "a2", "wrong", "203.0.113.1").status()).isEqualTo(401);
    assertThat(login(api, "chair", TestServer.DEMO_PASSWORD, "9.9.9.9, 203.0.113.1").code()).isEqualTo("RATE_LIMITED");
    assertThat(login(api, "chair", TestServer.DEMO_PASSWORD, "203.0.113.2").status()).isEqualTo(200);
  }

  @Test
  @DisplayName("AU12: 40 concurrent wrong passwords for one account get exactly auth.login_max_failures_per_address_account answers 401, "
      + "the rest 429: each attempt is counted before its password is checked")
  void per_account_limit_holds_under_concurrency() throws Exception {
    server = TestServer.start();
    Api api = server.api();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(40);
    try {
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < 40; i++) {
        int n = i;
        answers.add(pool.submit(() -> {
          go.await();
          return login(api, "delegate3", "wrong-password-" + n, null).status();
        }));
      }
      go.countDown();
      Map<Integer, Integer> counts = new java.util.TreeMap<>();
      for (var f : answers) {
        counts.merge(f.get(), 1, Integer::sum);
      }
      assertThat(counts).containsExactly(Map.entry(401, 5), Map.entry(429, 35));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("AU10, AU12: behind one hall address, one person's mistyping locks out only their own account: the others sign in, up to "
      + "the much higher per-address ceiling")
  void hall_address_locks_out_only_the_mistyped_account() {
    server = TestServer.start();
    Api api = server.api();
    for (int i = 0; i < 5; i++) {
      assertThat(login(api, "delegate1", "wrong-" + i, null).status()).isEqualTo(401);
    }
    assertThat(login(api, "delegate1", TestServer.DEMO_PASSWORD, null).code()).isEqualTo("RATE_LIMITED");
    for (String other : java.util.List.of("delegate2", "chair", "secretary")) {
      assertThat(login(api, other, "typo", null).status()).as(other).isEqualTo(401);
      assertThat(login(api, other, TestServer.DEMO_PASSWORD, null).status()).as(other).isEqualTo(200);
    }
  }

  @Test
  @DisplayName("AU13: WebSocket tickets are limited to auth.tickets_per_minute per account: one more is RATE_LIMITED with Retry-After; "
      + "another account still gets its tickets")
  void ticket_rate() {
    server = TestServer.start(Map.of("PLENUM_AUTH_TICKETS_PER_MINUTE", "3"));
    Api api = server.api();
    String admin = api.login("admin", TestServer.DEMO_PASSWORD);
    String meeting = api.get("/api/meetings", admin).array("meetings").getJsonObject(0).getString("id");
    String token = api.login("delegate1", TestServer.DEMO_PASSWORD);
    for (int i = 0; i < 3; i++) {
      assertThat(api.post("/api/meetings/" + meeting + "/ws-ticket", null, token).status()).isEqualTo(201);
    }
    Api.Response limited = api.post("/api/meetings/" + meeting + "/ws-ticket", null, token);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.code()).isEqualTo("RATE_LIMITED");
    assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    assertThat(api.post("/api/meetings/" + meeting + "/ws-ticket", null, admin).status()).isEqualTo(201);
  }
}
