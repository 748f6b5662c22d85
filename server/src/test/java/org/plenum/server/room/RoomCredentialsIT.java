package org.plenum.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.TestServer;
import org.slf4j.LoggerFactory;

/** Room credentials (kiosk link, WHIP, WHEP), the kiosk exchange and TURN credentials, over the real REST API. */
class RoomCredentialsIT {
  static final String TURN_SECRET = "turn-shared-secret-for-tests";
  static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();
  static TestServer server;
  static Api api;
  static String admin;
  static String chair;
  static String secretary;
  static String delegate;
  static String meeting;
  static String roomId;

  @BeforeAll
  static void start() {
    LOG.start();
    ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(LOG);
    server = TestServer.start(Map.of("PLENUM_HTTP_PUBLIC_URL", "https://hop.example.gov.vn/", "PLENUM_TURN_URLS",
        "turn:turn.example.gov.vn:3478?transport=udp,turns:turn.example.gov.vn:5349?transport=tcp", "PLENUM_TURN_SECRET", TURN_SECRET,
        "PLENUM_TURN_TTL", "6h"));
    api = server.api();
    admin = api.login("admin", TestServer.DEMO_PASSWORD);
    chair = api.login("chair", TestServer.DEMO_PASSWORD);
    secretary = api.login("secretary", TestServer.DEMO_PASSWORD);
    delegate = api.login("delegate1", TestServer.DEMO_PASSWORD);
    meeting = api.get("/api/meetings", admin).array("meetings").getJsonObject(0).getString("id");
    byte[] csv = RoomLists.bytes("code,name,district\nQO-07,\"Điểm cầu UBND Xã Phượng Dực, Huyện Phú Xuyên\",Huyện Phú Xuyên\n");
    assertThat(RoomLists.importCsv(api, meeting, csv, chair).status()).isEqualTo(200);
    roomId = RoomLists.rooms(api, meeting, chair).stream().map(o -> (JsonObject) o).filter(r -> r.getString("code").equals("QO-07"))
        .findFirst().orElseThrow().getString("roomId");
  }

  @AfterAll
  static void stop() {
    server.close();
    ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(LOG);
  }

  static String credentials() {
    return "/api/meetings/" + meeting + "/rooms/" + roomId + "/credentials";
  }

  static JsonObject issue(String kind, Long ttl) {
    JsonObject body = new JsonObject().put("kind", kind);
    if (ttl != null) {
      body.put("ttl", ttl);
    }
    Api.Response r = api.post(credentials(), body, chair);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json();
  }

  static Object authenticate(CredentialKind kind, String secret) {
    try {
      return server.app().feature(RoomFeature.class).credentials().authenticate(kind, secret).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static void assertRefused(Object outcome) {
    assertThat(outcome).isInstanceOf(PlenumException.class);
    assertThat(((PlenumException) outcome).code()).isEqualTo(ErrorCode.NOT_AUTHENTICATED);
  }

  static Api.Response kiosk(String token) {
    return api.post("/api/auth/kiosk", new JsonObject().put("token", token));
  }

  @Test
  @DisplayName("RM4, RM5, RM6: KIOSK, WHIP and WHEP credentials: 201 with the secret once and the right URL; authenticate names meeting and room")
  void issue_and_authenticate() {
    JsonObject k = issue("KIOSK", null);
    assertThat(k.getString("url")).isEqualTo("https://hop.example.gov.vn/kiosk.html#token=" + k.getString("secret"));
    JsonObject whip = issue("WHIP", 3600L);
    assertThat(whip.getString("url")).isEqualTo("https://hop.example.gov.vn/whip/" + meeting + "/QO-07");
    JsonObject whep = issue("WHEP", null);
    assertThat(whep.getString("url")).isEqualTo("https://hop.example.gov.vn/whep/" + meeting + "/QO-07");
    assertThat(whip.getString("roomCode")).isEqualTo("QO-07");

    RoomGrant grant = (RoomGrant) authenticate(CredentialKind.WHIP, whip.getString("secret"));
    assertThat(grant.meetingId().toString()).isEqualTo(meeting);
    assertThat(grant.roomAccountId().toString()).isEqualTo(roomId);
    assertThat(grant.roomCode()).isEqualTo("QO-07");
    assertThat(authenticate(CredentialKind.WHEP, whep.getString("secret"))).isInstanceOf(RoomGrant.class);
    assertThat(authenticate(CredentialKind.KIOSK, k.getString("secret"))).isInstanceOf(RoomGrant.class);
    // A secret opens only its own kind; a made-up or altered one opens nothing.
    assertRefused(authenticate(CredentialKind.WHEP, whip.getString("secret")));
    assertRefused(authenticate(CredentialKind.WHIP, whip.getString("id") + "." + "A".repeat(43)));
    assertRefused(authenticate(CredentialKind.WHIP, "not-a-secret"));
    assertRefused(authenticate(CredentialKind.WHIP, null));

    // The list shows status, never a secret; a delegate may not see it nor issue; the secretary may do both (RM4, D37).
    Api.Response list = api.get(credentials(), secretary);
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.text()).doesNotContain(k.getString("secret"), whip.getString("secret"), "secret");
    assertThat(list.array("credentials").stream().map(o -> ((JsonObject) o).getString("status"))).contains("ACTIVE");
    assertThat(api.get(credentials(), delegate).code()).isEqualTo("FORBIDDEN");
    assertThat(api.post(credentials(), new JsonObject().put("kind", "KIOSK"), delegate).code()).isEqualTo("FORBIDDEN");
    assertThat(api.post(credentials(), new JsonObject().put("kind", "KIOSK"), secretary).status()).isEqualTo(201);
    JsonObject room = RoomLists.rooms(api, meeting, chair).stream().map(o -> (JsonObject) o).filter(r -> r.getString("roomId").equals(roomId))
        .findFirst().orElseThrow();
    assertThat(room.getJsonObject("credentials").getString("status")).isEqualTo("ACTIVE");
    // Only remote rooms of this meeting get credentials.
    String delegateId = api.get("/api/me", delegate).json().getString("id");
    assertThat(api.post("/api/meetings/" + meeting + "/rooms/" + delegateId + "/credentials", new JsonObject().put("kind", "KIOSK"), chair)
        .code()).isEqualTo("NOT_FOUND");
    assertThat(api.post(credentials(), new JsonObject().put("kind", "RTMP"), chair).code()).isEqualTo("BAD_MESSAGE");
  }

  @Test
  @DisplayName("RM8: a KIOSK secret exchanges for a short access token of the room; it opens the room's WebSocket ticket; wrong tokens are 401")
  void kiosk_exchange() {
    JsonObject k = issue("KIOSK", null);
    Api.Response r = kiosk(k.getString("secret"));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json().getString("meetingId")).isEqualTo(meeting);
    assertThat(r.json().getString("roomCode")).isEqualTo("QO-07");
    assertThat(r.json().getLong("expiresIn")).isEqualTo(600L);
    assertThat(r.json().containsKey("refreshToken")).isFalse();
    String access = r.json().getString("accessToken");
    JsonObject me = api.get("/api/me", access).json();
    assertThat(me.getString("username")).isEqualTo("room-qo-07");
    assertThat(me.getString("kind")).isEqualTo("ROOM");
    assertThat(api.post("/api/meetings/" + meeting + "/ws-ticket", null, access).status()).isEqualTo(201);

    assertThat(kiosk(issue("WHIP", null).getString("secret")).status()).as("a WHIP secret is no kiosk link").isEqualTo(401);
    assertThat(kiosk(k.getString("id") + ".wrongwrongwrongwrongwrongwrongwrongwrongwro").code()).isEqualTo("NOT_AUTHENTICATED");
    assertThat(kiosk("made-up").status()).isEqualTo(401);
  }

  @Test
  @DisplayName("RM6, RM7: a revoked credential authenticates no more, its kiosk exchange is 401 and the kiosk's session ends")
  void revoke() {
    JsonObject k = issue("KIOSK", null);
    JsonObject whip = issue("WHIP", null);
    String access = kiosk(k.getString("secret")).json().getString("accessToken");
    assertThat(api.get("/api/me", access).status()).isEqualTo(200);

    assertThat(api.method("DELETE", credentials() + "/" + k.getString("id"), null, delegate).code()).isEqualTo("FORBIDDEN");
    assertThat(api.method("DELETE", credentials() + "/" + k.getString("id"), null, secretary).status()).isEqualTo(204);
    assertThat(api.method("DELETE", credentials() + "/" + whip.getString("id"), null, admin).status()).isEqualTo(204);
    assertRefused(authenticate(CredentialKind.KIOSK, k.getString("secret")));
    assertRefused(authenticate(CredentialKind.WHIP, whip.getString("secret")));
    assertThat(kiosk(k.getString("secret")).status()).isEqualTo(401);
    assertThat(api.get("/api/me", access).status()).as("the kiosk's session ended with its credential").isEqualTo(401);
    // Revoking again changes nothing; a credential of another room, or none, is NOT_FOUND.
    assertThat(api.method("DELETE", credentials() + "/" + k.getString("id"), null, chair).status()).isEqualTo(204);
    assertThat(api.method("DELETE", credentials() + "/" + java.util.UUID.randomUUID(), null, chair).code()).isEqualTo("NOT_FOUND");
    String room1 = RoomLists.rooms(api, meeting, chair).stream().map(o -> (JsonObject) o).filter(r -> r.getString("code").equals("room1"))
        .findFirst().orElseThrow().getString("roomId");
    assertThat(api.method("DELETE", "/api/meetings/" + meeting + "/rooms/" + room1 + "/credentials/" + whip.getString("id"), null, chair).code())
        .isEqualTo("NOT_FOUND");
    assertThat(api.get(credentials(), chair).array("credentials").stream().map(o -> (JsonObject) o)
        .filter(c -> c.getString("id").equals(k.getString("id"))).findFirst().orElseThrow().getString("status")).isEqualTo("REVOKED");
  }

  @Test
  @DisplayName("RM6: an expired credential authenticates no more; a ttl beyond rooms.credential_max_ttl is BAD_MESSAGE")
  void expiry() throws InterruptedException {
    JsonObject k = issue("KIOSK", 1L);
    JsonObject whep = issue("WHEP", 1L);
    Thread.sleep(1600);
    assertRefused(authenticate(CredentialKind.WHEP, whep.getString("secret")));
    assertThat(((PlenumException) authenticate(CredentialKind.KIOSK, k.getString("secret"))).getMessage()).contains("expired");
    assertThat(kiosk(k.getString("secret")).status()).isEqualTo(401);
    assertThat(api.post(credentials(), new JsonObject().put("kind", "WHIP").put("ttl", 91L * 24 * 3600), chair).code()).isEqualTo("BAD_MESSAGE");
    assertThat(api.post(credentials(), new JsonObject().put("kind", "WHIP").put("ttl", 0), chair).code()).isEqualTo("BAD_MESSAGE");
  }

  @Test
  @DisplayName("RM5: no table holds a credential's secret (or its random part) and no log line shows it or the kiosk's token")
  void secret_stored_nowhere() throws Exception {
    List<String> secrets = new ArrayList<>();
    for (String kind : List.of("KIOSK", "WHIP", "WHEP")) {
      JsonObject c = issue(kind, null);
      secrets.add(c.getString("secret"));
      secrets.add(c.getString("secret").substring(c.getString("secret").indexOf('.') + 1));
    }
    Api.Response exchanged = kiosk(secrets.get(0));
    secrets.add(exchanged.json().getString("accessToken"));
    authenticate(CredentialKind.WHIP, secrets.get(2));
    kiosk(secrets.get(0) + "x");
    List<String> leaks = new ArrayList<>();
    try (Connection db = server.jdbc()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = db.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      assertThat(tables).contains("room_credential", "auth_session", "ledger_event");
      for (String table : tables) {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("select * from \"" + table + "\"")) {
          int cols = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= cols; i++) {
              row.append(rs.getString(i)).append('|');
            }
            for (String secret : secrets) {
              if (row.toString().contains(secret)) {
                leaks.add(table + ": " + row);
              }
            }
          }
        }
      }
    }
    assertThat(leaks).isEmpty();
    List<String> lines;
    synchronized (LOG) {
      lines = LOG.list.stream().map(e -> e.getFormattedMessage()
          + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy()))).toList();
    }
    assertThat(lines).anyMatch(l -> l.contains("POST /api/auth/kiosk 200"));
    String all = String.join("\n", lines);
    for (String secret : secrets) {
      assertThat(all).doesNotContain(secret);
    }
  }

  @Test
  @DisplayName("RM9: every participant gets TURN credentials <expiry>:<account id> with the coturn HMAC; a kiosk gets its room's")
  void turn_credentials() {
    long now = System.currentTimeMillis() / 1000;
    JsonObject t = api.get("/api/meetings/" + meeting + "/turn", delegate).json();
    String delegateId = api.get("/api/me", delegate).json().getString("id");
    assertThat(t.getJsonArray("urls").getList()).containsExactly("turn:turn.example.gov.vn:3478?transport=udp",
        "turns:turn.example.gov.vn:5349?transport=tcp");
    String[] user = t.getString("username").split(":");
    assertThat(user[1]).isEqualTo(delegateId);
    assertThat(Long.parseLong(user[0])).isBetween(now + 6 * 3600 - 5, now + 6 * 3600 + 5);
    assertThat(t.getString("credential")).isEqualTo(TurnCredentials.password(TURN_SECRET, t.getString("username")));
    assertThat(t.getLong("ttl")).isEqualTo(6 * 3600L);

    String access = kiosk(issue("KIOSK", null).getString("secret")).json().getString("accessToken");
    assertThat(api.get("/api/meetings/" + meeting + "/turn", access).json().getString("username")).endsWith(":" + roomId);
    assertThat(api.get("/api/meetings/" + meeting + "/turn", null).status()).isEqualTo(401);
  }
}
