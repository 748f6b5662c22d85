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
}
