package org.plenum.server.auth.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.Browser;
import org.plenum.server.testing.LiveClient;
import org.plenum.server.testing.OidcProviderProcess;
import org.plenum.server.testing.TestServer;

/**
 * Single sign-on against a real OpenID provider (node-oidc-provider, started on loopback): the whole code flow
 * through a real HTTP client that follows redirects and posts the provider's forms, then a meeting socket with the
 * resulting session; and every way a sign-in must be refused.
 */
class OidcIT {
  static OidcProviderProcess op;
  static TestServer server;
  static Api api;
  static String plenum;
  static String admin;
  static String meeting;

  @BeforeAll
  static void start() throws Exception {
    int port = OidcProviderProcess.freePort();
    plenum = "http://127.0.0.1:" + port;
    op = OidcProviderProcess.start(plenum);
    Path secret = Files.createTempFile(Path.of("target").toAbsolutePath(), "oidc-secret", "");
    Files.writeString(secret, "plenum-test-secret\n");
    Map<String, String> env = new HashMap<>();
    env.put("PLENUM_HTTP_PORT", String.valueOf(port));
    env.put("PLENUM_AUTH_PASSWORD_LOGIN", "false");
    // three providers: the province's (accounts linked by an administrator), the same provider with accounts made at
    // the first sign-in, and one whose discovery document names another issuer
    env.put("PLENUM_AUTH_OIDC_PROVIDERS", "province,open,elsewhere");
    env.put("PLENUM_AUTH_OIDC_REDIRECT_URI", plenum + "/api/auth/oidc/callback");
    for (String p : new String[] {"PROVINCE", "OPEN", "ELSEWHERE"}) {
      env.put("PLENUM_AUTH_OIDC_" + p + "_ISSUER", op.issuer());
      env.put("PLENUM_AUTH_OIDC_" + p + "_CLIENT_ID", "plenum");
      env.put("PLENUM_AUTH_OIDC_" + p + "_CLIENT_SECRET_FILE", secret.toString());
      env.put("PLENUM_AUTH_OIDC_" + p + "_CLOCK_SKEW", "5s");
    }
    env.put("PLENUM_AUTH_OIDC_PROVINCE_DISPLAY_NAME", "Cổng đăng nhập tỉnh");
    env.put("PLENUM_AUTH_OIDC_OPEN_AUTO_CREATE", "true");
    env.put("PLENUM_AUTH_OIDC_ELSEWHERE_ISSUER", op.issuer().replace("127.0.0.1", "localhost"));
    server = TestServer.start(env);
    api = server.api();
    admin = api.login("admin", TestServer.DEMO_PASSWORD);
    meeting = api.get("/api/meetings", admin).json().getJsonArray("meetings").getJsonObject(0).getString("id");
    link("delegate1", "province", "nguyen.an");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (op != null) {
      op.close();
    }
  }

  @AfterEach
  void normal() {
    op.mode("normal");
  }

  static String accountId(String username) {
    for (Object o : api.get("/api/accounts", admin).json().getJsonArray("accounts")) {
      JsonObject a = (JsonObject) o;
      if (a.getString("username").equals(username)) {
        return a.getString("id");
      }
    }
    throw new AssertionError("no account " + username);
  }

  static void link(String username, String provider, String subject) {
    var r = api.post("/api/accounts/" + accountId(username) + "/identities", new JsonObject().put("provider", provider).put("subject", subject), admin);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
  }

  /** Signs in at the provider as {@code login}; returns the callback URL the provider sent the browser to (not yet visited). */
  static String toCallback(Browser b, String provider, String login) {
    return b.follow(plenum + "/api/auth/oidc/" + provider + "/start", Map.of("login", login, "password", "any"),
        location -> location.startsWith(plenum + "/api/auth/oidc/callback"));
  }

  /** Visits the callback and takes the outcome, as the web client does. */
  static Api.Response finish(Browser b, String callback) {
    HttpResponse<String> r = b.get(callback);
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location").orElseThrow()).isEqualTo(plenum + "/?signin=oidc");
    return complete(b);
  }

  static Api.Response complete(Browser b) {
    HttpResponse<String> r = b.post(plenum + "/api/auth/oidc/complete", "application/json", "");
    return new Api.Response(r.statusCode(), r.body(), r.headers());
  }

  static Api.Response signIn(String provider, String login) {
    Browser b = new Browser();
    return finish(b, toCallback(b, provider, login));
  }

  @Test
  @DisplayName("OI1, OI2: a linked person signs in at the provider (PKCE S256, state, nonce); Plenum issues its own tokens and the "
      + "meeting socket opens with the person's Plenum role")
  void linked_person_signs_in_and_opens_a_meeting_socket() {
    Browser b = new Browser();
    var start = b.get(plenum + "/api/auth/oidc/province/start");
    assertThat(start.statusCode()).isEqualTo(302);
    String authorize = start.headers().firstValue("Location").orElseThrow();
    assertThat(authorize).startsWith(op.issuer() + "/auth?");
    assertThat(Browser.query(authorize, "code_challenge_method")).isEqualTo("S256");
    assertThat(Browser.query(authorize, "code_challenge")).hasSize(43);
    assertThat(Browser.query(authorize, "state")).hasSizeGreaterThan(30);
    assertThat(Browser.query(authorize, "nonce")).hasSizeGreaterThan(30);
    assertThat(Browser.query(authorize, "redirect_uri")).isEqualTo(plenum + "/api/auth/oidc/callback");
    assertThat(start.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("plenum_oidc=").containsIgnoringCase("HttpOnly").contains("SameSite=Lax"));

    String callback = b.follow(authorize, Map.of("login", "nguyen.an", "password", "any"), l -> l.startsWith(plenum + "/api/auth/oidc/callback"));
    var tokens = finish(b, callback);
    assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
    assertThat(tokens.json().getString("tokenType")).isEqualTo("Bearer");
    assertThat(tokens.json().getString("refreshToken")).isNotEmpty();
    String access = tokens.json().getString("accessToken");
    assertThat(api.get("/api/me", access).json().getString("username")).isEqualTo("delegate1");

    try (LiveClient tablet = new LiveClient(api, server.port(), meeting, access)) {
      tablet.connect();
      assertThat(tablet.hello.getString("role")).isEqualTo("DELEGATE");
      assertThat(tablet.command("ping", null).getString("type")).isEqualTo("pong");
    }
    // the refresh token works as after a password sign-in
    var refreshed = api.post("/api/auth/refresh", new JsonObject().put("refreshToken", tokens.json().getString("refreshToken")));
    assertThat(refreshed.status()).isEqualTo(200);
    // the outcome is taken once
    assertThat(complete(b).code()).isEqualTo("NOT_AUTHENTICATED");
  }

  @Test
  @DisplayName("OI3: a person whose identity is linked to no account is refused with NOT_AUTHENTICATED when accounts are not created")
  void unlinked_identity_is_refused() {
    var r = signIn("province", "tran.binh");
    assertThat(r.status()).as(r.toString()).isEqualTo(401);
    assertThat(r.code()).isEqualTo("NOT_AUTHENTICATED");
    assertThat(r.json().getString("message")).contains("linked").contains("Cổng đăng nhập tỉnh");
  }

  @Test
  @DisplayName("OI4: with auto_create the first sign-in creates a person account from the claims, without a meeting role or a password")
  void first_sign_in_creates_the_account() {
    var r = signIn("open", "le.cuong");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonObject me = api.get("/api/me", r.json().getString("accessToken")).json();
    assertThat(me.getString("username")).isEqualTo("le.cuong");
    assertThat(me.getString("displayName")).isEqualTo("Lê Văn Cường");
    assertThat(me.getBoolean("admin")).isFalse();
    assertThat(me.getJsonArray("meetings")).isEmpty();
    // the second sign-in finds the same account
    var again = signIn("open", "le.cuong");
    assertThat(api.get("/api/me", again.json().getString("accessToken")).json().getString("id")).isEqualTo(me.getString("id"));
    assertThat(api.get("/api/accounts/" + me.getString("id") + "/identities", admin).json().getJsonArray("identities")).hasSize(1);
  }

  @Test
  @DisplayName("OI5: a replayed callback finishes nothing, and a used code injected into another sign-in is refused by the provider")
  void replayed_code_is_refused() {
    Browser b = new Browser();
    String callback = toCallback(b, "province", "nguyen.an");
    assertThat(finish(b, callback).status()).isEqualTo(200);
    // the same callback again: its state was used
    var replay = finish(b, callback);
    assertThat(replay.status()).isEqualTo(401);
    assertThat(replay.json().getString("message")).contains("No single sign-on");
    // the used code with a fresh state of this browser: the provider refuses it (used, and not this flow's PKCE verifier)
    String fresh = toCallback(b, "province", "nguyen.an");
    String injected = plenum + "/api/auth/oidc/callback?code=" + Browser.query(callback, "code") + "&state=" + Browser.query(fresh, "state")
        + "&iss=" + Browser.query(fresh, "iss");
    var refused = finish(b, injected);
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.json().getString("message")).contains("refused the sign-in code");
  }

  @Test
  @DisplayName("OI5: a callback with an unknown state, or from another browser than the one that started, finishes nothing")
  void wrong_state_and_wrong_browser_are_refused() {
    Browser b = new Browser();
    String callback = toCallback(b, "province", "nguyen.an");
    String forged = callback.replaceAll("state=[^&]+", "state=forged-state-value");
    assertThat(finish(b, forged).code()).isEqualTo("NOT_AUTHENTICATED");
    Browser attacker = new Browser();
    assertThat(finish(attacker, callback).code()).isEqualTo("NOT_AUTHENTICATED");
    // the rightful browser can still finish its sign-in
    var rightful = finish(b, callback);
    assertThat(rightful.status()).as(rightful.toString()).isEqualTo(200);
  }

  @Test
  @DisplayName("OI6: an ID token with a wrong issuer, a bad signature, an expired one, a wrong nonce or another audience is refused")
  void bad_id_tokens_are_refused() {
    for (String mode : new String[] {"wrong-issuer", "bad-signature", "expired", "wrong-nonce", "wrong-audience"}) {
      op.mode(mode);
      var r = signIn("province", "nguyen.an");
      assertThat(r.status()).as(mode + ": " + r).isEqualTo(401);
      assertThat(r.code()).as(mode).isEqualTo("NOT_AUTHENTICATED");
    }
    op.mode("normal");
    assertThat(signIn("province", "nguyen.an").status()).isEqualTo(200);
  }

  @Test
  @DisplayName("OI6: a provider whose discovery document names another issuer is not used (UNAVAILABLE); an unknown provider is NOT_FOUND")
  void wrong_discovered_issuer_is_refused() {
    var r = new Browser().get(plenum + "/api/auth/oidc/elsewhere/start");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
    assertThat(new JsonObject(r.body()).getString("code")).isEqualTo("UNAVAILABLE");
    assertThat(new Browser().get(plenum + "/api/auth/oidc/nobody/start").statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("OI7: only an administrator links identities; an identity links to one account only (CONFLICT)")
  void linking_rules() {
    String delegate = signIn("province", "nguyen.an").json().getString("accessToken");
    var notAdmin = api.post("/api/accounts/" + accountId("delegate2") + "/identities",
        new JsonObject().put("provider", "province").put("subject", "pham.dung"), delegate);
    assertThat(notAdmin.code()).isEqualTo("FORBIDDEN");
    var twice = api.post("/api/accounts/" + accountId("delegate2") + "/identities",
        new JsonObject().put("provider", "province").put("subject", "nguyen.an"), admin);
    assertThat(twice.code()).isEqualTo("CONFLICT");
    var unknown = api.post("/api/accounts/" + accountId("delegate2") + "/identities",
        new JsonObject().put("provider", "nobody").put("subject", "x"), admin);
    assertThat(unknown.code()).isEqualTo("BAD_MESSAGE");
    link("delegate2", "province", "pham.dung");
    assertThat(signIn("province", "pham.dung").status()).isEqualTo(200);
    var unlinked = api.method("DELETE", "/api/accounts/" + accountId("delegate2") + "/identities/province/pham.dung", null, admin);
    assertThat(unlinked.status()).isEqualTo(204);
    assertThat(signIn("province", "pham.dung").status()).isEqualTo(401);
  }

  @Test
  @DisplayName("OI8: with auth.password_login off people cannot sign in with a password (FORBIDDEN); the first administrator can; "
      + "the providers list says so")
  void password_login_switched_off() {
    var person = api.post("/api/auth/login", new JsonObject().put("username", "delegate3").put("password", TestServer.DEMO_PASSWORD));
    assertThat(person.status()).isEqualTo(403);
    assertThat(person.code()).isEqualTo("FORBIDDEN");
    var wrong = api.post("/api/auth/login", new JsonObject().put("username", "delegate3").put("password", "not-the-password"));
    assertThat(wrong.code()).isEqualTo("NOT_AUTHENTICATED");
    assertThat(api.post("/api/auth/login", new JsonObject().put("username", "admin").put("password", TestServer.DEMO_PASSWORD)).status()).isEqualTo(200);
    JsonObject list = api.get("/api/auth/oidc/providers").json();
    assertThat(list.getBoolean("passwordLogin")).isFalse();
    assertThat(list.getJsonArray("providers").getJsonObject(0).encode()).isEqualTo("{\"id\":\"province\",\"name\":\"Cổng đăng nhập tỉnh\"}");
  }

  @Test
  @DisplayName("OI9: signing out of a session from the provider ends it and answers the provider's end-session URL (RP-initiated logout)")
  void sign_out_gives_the_end_session_url() {
    String access = signIn("province", "nguyen.an").json().getString("accessToken");
    var out = api.post("/api/auth/logout", null, access);
    assertThat(out.status()).as(out.toString()).isEqualTo(200);
    String url = out.json().getString("endSessionUrl");
    assertThat(url).startsWith(op.issuer() + "/session/end?");
    assertThat(Browser.query(url, "client_id")).isEqualTo("plenum");
    assertThat(Browser.query(url, "post_logout_redirect_uri")).isEqualTo(plenum + "/");
    assertThat(api.get("/api/me", access).status()).isEqualTo(401);
    // a password session signs out as before
    assertThat(api.post("/api/auth/logout", null, api.login("admin", TestServer.DEMO_PASSWORD)).status()).isEqualTo(204);
  }

  @Test
  @DisplayName("OI10: back-channel logout from the provider ends the Plenum session and closes its sockets with 4001; other people stay")
  void back_channel_logout_closes_the_sockets() {
    Browser b = new Browser();
    String access = finish(b, toCallback(b, "province", "nguyen.an")).json().getString("accessToken");
    String other = signIn("province", "nguyen.an").json().getString("accessToken");
    try (LiveClient tablet = new LiveClient(api, server.port(), meeting, access);
         LiveClient elsewhere = new LiveClient(api, server.port(), meeting, other)) {
      tablet.connect();
      elsewhere.connect();
      // the person signs out at the provider, in the same browser: the provider calls Plenum's back-channel URL
      String after = b.follow(op.issuer() + "/session/end?client_id=plenum&post_logout_redirect_uri=" + plenum + "/",
          Map.of("logout", "yes"), l -> l.startsWith(plenum));
      assertThat(after).isEqualTo(plenum + "/");
      JsonObject closed = tablet.next(f -> "closed".equals(f.getString("type")));
      assertThat(closed.getInteger("code")).isEqualTo(4001);
      assertThat(api.get("/api/me", access).status()).isEqualTo(401);
      // the same person's session from another browser (another provider session) stays
      assertThat(elsewhere.command("ping", null).getString("type")).isEqualTo("pong");
    }
  }

  @Test
  @DisplayName("OI10: a forged or malformed logout token is BAD_MESSAGE and ends nothing")
  void forged_logout_token_is_refused() {
    String access = signIn("province", "nguyen.an").json().getString("accessToken");
    Browser b = new Browser();
    var garbage = b.post(plenum + "/api/auth/oidc/backchannel-logout", "application/x-www-form-urlencoded", "logout_token=not-a-jwt");
    assertThat(garbage.statusCode()).isEqualTo(400);
    String header = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"RS256\",\"kid\":\"op-key-1\"}".getBytes());
    String claims = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(new JsonObject().put("iss", op.issuer()).put("aud", "plenum")
        .put("sub", "nguyen.an").put("iat", System.currentTimeMillis() / 1000).put("jti", "x")
        .put("events", new JsonObject().put(OidcService.LOGOUT_EVENT, new JsonObject())).encode().getBytes());
    var forged = b.post(plenum + "/api/auth/oidc/backchannel-logout", "application/x-www-form-urlencoded",
        "logout_token=" + header + "." + claims + ".c2lnbmF0dXJl");
    assertThat(forged.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(forged.body()).getString("code")).isEqualTo("BAD_MESSAGE");
    assertThat(api.get("/api/me", access).status()).isEqualTo(200);
  }
}
