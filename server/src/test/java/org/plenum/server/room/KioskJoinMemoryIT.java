package org.plenum.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.auth.AccountsFeature;
import org.plenum.server.auth.AuthService;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.TestServer;
import org.plenum.server.testing.WsClient;

/**
 * D48 (AM3): a remote room joining — kiosk exchange, WebSocket ticket, socket — is told nothing twice. The access token
 * the server has just signed is not verified again, the login session it has just opened and the role the ticket
 * route has just read are not read again from the database. Shown by the signature counter and by changes made
 * behind the server's back (straight in PostgreSQL, so no change of access is told): the join does not see them, as
 * it would if it read again. A change of access told through the API forgets them all at once (AM1).
 */
class KioskJoinMemoryIT {
  static TestServer server;
  static Api api;
  static String chair;
  static String meeting;

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of());
    api = server.api();
    chair = api.login("chair", TestServer.DEMO_PASSWORD);
    meeting = api.get("/api/meetings", chair).array("meetings").getJsonObject(0).getString("id");
    byte[] csv = RoomLists.bytes("code,name,district\nKJ-01,Điểm cầu Kim Chung,Huyện Đông Anh\nKJ-02,Điểm cầu Hải Bối,Huyện Đông Anh\n");
    Api.Response imported = RoomLists.importCsv(api, meeting, csv, chair);
    assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String roomId(String code) {
    return RoomLists.rooms(api, meeting, chair).stream().map(o -> (JsonObject) o).filter(r -> r.getString("code").equals(code))
        .findFirst().orElseThrow().getString("roomId");
  }

  static String kioskToken(String roomId) {
    Api.Response k = api.post("/api/meetings/" + meeting + "/rooms/" + roomId + "/credentials", new JsonObject().put("kind", "KIOSK"), chair);
    assertThat(k.status()).as(k.toString()).isEqualTo(201);
    Api.Response r = api.post("/api/auth/kiosk", new JsonObject().put("token", k.json().getString("secret")));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json().getString("accessToken");
  }

  static void sql(String statement, String roomId) throws Exception {
    try (var c = server.jdbc(); var st = c.prepareStatement(statement)) {
      st.setObject(1, java.util.UUID.fromString(roomId));
      assertThat(st.executeUpdate()).as(statement).isPositive();
    }
  }

  @Test
  @DisplayName("AM3: the token signed by the kiosk exchange is not verified again; its session and the ticket holder's role are not read again")
  void kiosk_join_reads_nothing_twice() throws Exception {
    AuthService auth = server.app().feature(AccountsFeature.class).auth();
    String room = roomId("KJ-01");
    long checked = auth.signaturesChecked();
    String access = kioskToken(room);

    // behind the server's back: the session ends in the database, unannounced
    sql("update auth_session set revoked_at = now() where account_id = ?", room);
    Api.Response ticket = api.post("/api/meetings/" + meeting + "/ws-ticket", null, access);
    assertThat(ticket.status()).as("the session just opened is remembered, not read again: " + ticket).isEqualTo(201);
    assertThat(auth.signaturesChecked()).as("the token just signed here is not verified again").isEqualTo(checked);

    // behind the server's back: the room becomes an observer, unannounced; the socket is admitted as the ticket said
    sql("update participant set role = 'OBSERVER' where account_id = ?", room);
    WsClient ws = WsClient.connect(server.port(), "/ws/meetings/" + meeting + "?ticket=" + ticket.json().getString("ticket"));
    try {
      JsonObject hello = ws.next();
      assertThat(hello.getString("type")).isEqualTo("hello");
      assertThat(hello.getString("role")).as("admitted as the ticket route read it, without reading again").isEqualTo("REMOTE_ROOM");
    } finally {
      ws.close();
    }

    // AM1: any change of access told through the API forgets what was remembered, and the database has the last word
    String other = kioskToken(roomId("KJ-02"));
    assertThat(api.post("/api/auth/logout", null, other).status()).isIn(200, 204);
    assertThat(api.post("/api/meetings/" + meeting + "/ws-ticket", null, access).code()).isEqualTo("NOT_AUTHENTICATED");
  }

  @Test
  @DisplayName("AM2, AM3: a token signed here is remembered only as itself: an altered copy is verified and refused")
  void altered_copy_of_a_signed_token_is_refused() {
    AuthService auth = server.app().feature(AccountsFeature.class).auth();
    String access = kioskToken(roomId("KJ-02"));
    long checked = auth.signaturesChecked();
    int dot = access.lastIndexOf('.');
    String altered = access.substring(0, dot + 1) + (access.charAt(dot + 1) == 'A' ? 'B' : 'A') + access.substring(dot + 2);
    assertThat(api.post("/api/meetings/" + meeting + "/ws-ticket", null, altered).code()).isEqualTo("NOT_AUTHENTICATED");
    assertThat(auth.signaturesChecked()).isEqualTo(checked + 1);
    assertThat(api.post("/api/meetings/" + meeting + "/ws-ticket", null, access).status()).isEqualTo(201);
    assertThat(auth.signaturesChecked()).isEqualTo(checked + 1);
  }
}
