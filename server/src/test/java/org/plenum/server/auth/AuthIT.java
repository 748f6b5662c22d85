package org.plenum.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.jsonwebtoken.Jwts;
import io.vertx.core.json.JsonObject;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.TestServer;

class AuthIT {
  static TestServer server;
  static Api api;

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of("PLENUM_HTTP_MAX_BODY_BYTES", "2048"));
    api = server.api();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonObject creds(String user, String password) {
    return new JsonObject().put("username", user).put("password", password);
  }

  @Test
  @DisplayName("AU1: the right password gives an ES256 access token and a refresh token; the token opens /api/me")
  void login_succeeds() {
    var r = api.post("/api/auth/login", creds("chair", TestServer.DEMO_PASSWORD));
    assertThat(r.status()).isEqualTo(200);
    JsonObject body = r.json();
    assertThat(body.getString("tokenType")).isEqualTo("Bearer");
    assertThat(body.getLong("expiresIn")).isEqualTo(15 * 60);
    String header = new String(Base64.getUrlDecoder().decode(body.getString("accessToken").split("\\.")[0]));
    assertThat(header).contains("\"alg\":\"ES256\"");
    var me = api.get("/api/me", body.getString("accessToken"));
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().getString("username")).isEqualTo("chair");
    assertThat(me.json().getJsonArray("meetings").getJsonObject(0).getString("role")).isEqualTo("CHAIR");
    // usernames are case-insensitive
    assertThat(api.post("/api/auth/login", creds("CHAIR", TestServer.DEMO_PASSWORD)).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("AU2: a wrong password and an unknown user get the same NOT_AUTHENTICATED answer")
  void wrong_password() {
    var wrong = api.post("/api/auth/login", creds("delegate1", "not-the-password"));
    var unknown = api.post("/api/auth/login", creds("nobody-here", "not-the-password"));
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.code()).isEqualTo("NOT_AUTHENTICATED");
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(unknown.json().getString("message")).isEqualTo(wrong.json().getString("message"));
    assertThat(wrong.headers().firstValue("WWW-Authenticate")).isPresent();
  }

  @Test
  @DisplayName("AU3: malformed JSON, missing fields, wrong types, unknown or duplicate fields are BAD_MESSAGE naming the problem")
  void bad_bodies() {
    assertBad("{\"username\": \"chair\", ", "not valid JSON");
    assertBad("{\"username\": \"chair\"}", "Missing field 'password'");
    assertBad("{\"password\": \"x\"}", "Missing field 'username'");
    assertBad("{\"username\": 12, \"password\": \"x\"}", "Field 'username' has the wrong type");
    assertBad("{\"username\": \"chair\", \"password\": true}", "Field 'password' has the wrong type");
    assertBad("{\"username\": \"chair\", \"password\": \"x\", \"admin\": true}", "Unknown field 'admin'");
    assertBad("{\"username\": \"chair\", \"username\": \"admin\", \"password\": \"x\"}", "Duplicate field 'username'");
    assertBad("[1, 2]", "must be a JSON object");
    assertBad("null", "JSON object");
    assertBad("", "needs a JSON body");
    assertBad("{\"username\": \"\", \"password\": \"x\"}", "must not be empty");
    assertBad("{\"username\": \"chair\", \"password\": \"x\"} {}", "not valid JSON");
  }

  private static void assertBad(String body, String messagePart) {
    var r = api.raw("POST", "/api/auth/login", "application/json", body.getBytes(), null);
    assertThat(r.status()).as(body).isEqualTo(400);
    assertThat(r.code()).isEqualTo("BAD_MESSAGE");
    assertThat(r.json().getString("message")).as(body).contains(messagePart);
  }

  @Test
  @DisplayName("AU4: a body over http.max_body_bytes is PAYLOAD_TOO_LARGE; a non-JSON content type is UNSUPPORTED_MEDIA_TYPE")
  void oversized_and_wrong_type() {
    String big = "{\"username\":\"chair\",\"password\":\"" + "x".repeat(5000) + "\"}";
    var r = api.raw("POST", "/api/auth/login", "application/json", big.getBytes(), null);
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.code()).isEqualTo("PAYLOAD_TOO_LARGE");
    var form = api.raw("POST", "/api/auth/login", "application/x-www-form-urlencoded", "username=chair&password=x".getBytes(), null);
    assertThat(form.status()).isEqualTo(415);
    assertThat(form.code()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
  }

  @Test
  @DisplayName("AU5: missing, malformed, forged, unsigned and expired access tokens are NOT_AUTHENTICATED")
  void bad_tokens() throws Exception {
    assertThat(api.get("/api/me").code()).isEqualTo("NOT_AUTHENTICATED");
    assertThat(api.get("/api/me", "garbage").code()).isEqualTo("NOT_AUTHENTICATED");
    var basic = api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.base() + "/api/me")).header("Authorization", "Basic Y2hhaXI6eA=="), null);
    assertThat(basic.status()).isEqualTo(401);

    String good = api.login("chair", TestServer.DEMO_PASSWORD);
    String[] parts = good.split("\\.");
    // Payload changed, signature kept: forged.
    String payload = new String(Base64.getUrlDecoder().decode(parts[1])).replace("\"name\":\"chair\"", "\"name\":\"admin\"");
    String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "." + parts[2];
    assertThat(api.get("/api/me", tampered).status()).isEqualTo(401);

    // Signed with another key.
    var gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(new ECGenParameterSpec("secp256r1"));
    var otherKey = gen.generateKeyPair().getPrivate();
    JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1])));
    assertThat(api.get("/api/me", sign(otherKey, claims, Instant.now().plusSeconds(600))).code()).isEqualTo("NOT_AUTHENTICATED");

    // alg=none.
    String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes()) + "." + parts[1] + ".";
    assertThat(api.get("/api/me", none).status()).isEqualTo(401);

    // The server's own key, but expired an hour ago.
    var expired = api.get("/api/me", sign(serverKey(), claims, Instant.now().minusSeconds(3600)));
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.json().getString("message")).contains("expired");

    // And the same key with a valid expiry works: the test really signs like the server.
    assertThat(api.get("/api/me", sign(serverKey(), claims, Instant.now().plusSeconds(600))).status()).isEqualTo(200);
  }

  private static String sign(PrivateKey key, JsonObject claims, Instant exp) {
    return Jwts.builder().header().keyId(SigningKeys.KEY_ID).and()
        .issuer(claims.getString("iss")).subject(claims.getString("sub")).id(UUID.randomUUID().toString())
        .claim("sid", claims.getString("sid")).claim("name", claims.getString("name"))
        .issuedAt(Date.from(exp.minusSeconds(900))).expiration(Date.from(exp))
        .signWith(key, Jwts.SIG.ES256).compact();
  }

  private static PrivateKey serverKey() throws Exception {
    try (var c = server.jdbc(); var st = c.createStatement(); ResultSet rs = st.executeQuery("select private_key from signing_key")) {
      rs.next();
      return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(rs.getBytes(1)));
    }
  }

  @Test
  @DisplayName("AU6: refresh gives a new pair; the used refresh token is refused and reusing it ends the session")
  void refresh_rotation_and_reuse() {
    JsonObject first = api.post("/api/auth/login", creds("delegate2", TestServer.DEMO_PASSWORD)).json();
    var second = api.post("/api/auth/refresh", new JsonObject().put("refreshToken", first.getString("refreshToken")));
    assertThat(second.status()).isEqualTo(200);
    String access2 = second.json().getString("accessToken");
    assertThat(second.json().getString("refreshToken")).isNotEqualTo(first.getString("refreshToken"));
    assertThat(api.get("/api/me", access2).status()).isEqualTo(200);

    var replay = api.post("/api/auth/refresh", new JsonObject().put("refreshToken", first.getString("refreshToken")));
    assertThat(replay.status()).isEqualTo(401);
    assertThat(replay.json().getString("message")).contains("already used");
    // The whole session is now ended: the newest tokens stop working too.
    assertThat(api.get("/api/me", access2).status()).isEqualTo(401);
    assertThat(api.post("/api/auth/refresh", new JsonObject().put("refreshToken", second.json().getString("refreshToken"))).status())
        .isEqualTo(401);
    assertThat(api.post("/api/auth/refresh", new JsonObject().put("refreshToken", "made-up")).code()).isEqualTo("NOT_AUTHENTICATED");
  }

  @Test
  @DisplayName("AU7: logout ends the session at once: its access token and refresh token stop working; other sessions go on")
  void logout_revokes() {
    JsonObject a = api.post("/api/auth/login", creds("delegate3", TestServer.DEMO_PASSWORD)).json();
    JsonObject b = api.post("/api/auth/login", creds("delegate3", TestServer.DEMO_PASSWORD)).json();
    var out = api.post("/api/auth/logout", null, a.getString("accessToken"));
    assertThat(out.status()).isEqualTo(204);
    var after = api.get("/api/me", a.getString("accessToken"));
    assertThat(after.status()).isEqualTo(401);
    assertThat(after.json().getString("message")).contains("signed out");
    assertThat(api.post("/api/auth/refresh", new JsonObject().put("refreshToken", a.getString("refreshToken"))).status()).isEqualTo(401);
    assertThat(api.get("/api/me", b.getString("accessToken")).status()).isEqualTo(200);
    assertThat(api.post("/api/auth/logout", null, null).status()).isEqualTo(401);
  }

  @Test
  @DisplayName("AU8: passwords are stored as Argon2id hashes, never in clear")
  void passwords_hashed() throws Exception {
    try (var c = server.jdbc(); var st = c.createStatement(); ResultSet rs = st.executeQuery("select password_hash from account")) {
      int n = 0;
      while (rs.next()) {
        assertThat(rs.getString(1)).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(TestServer.DEMO_PASSWORD);
        n++;
      }
      assertThat(n).isEqualTo(12);
    }
  }
}
