package org.plenum.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One real server for a live-meeting test class, each demo account signed in once when first needed, an observer account
 * ("observer") added to the demo meeting, and a way to make fresh meetings with the same cast, so each test builds
 * its own state. Everything goes through the public REST API and real sockets.
 */
public final class LiveMeetingFixture implements AutoCloseable {
  public static final String OBSERVER_PASSWORD = "observer-password-1";
  /** The demo cast and the role each has in meetings this fixture makes. */
  public static final Map<String, String> CAST = cast();

  private final TestServer server;
  private final Api api;
  private final String demo;
  private final Map<String, String> tokens = new HashMap<>();
  private final Map<String, String> ids = new HashMap<>();
  private int meetings;

  private static Map<String, String> cast() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("chair", "CHAIR");
    m.put("secretary", "SECRETARY");
    for (int i = 1; i <= 6; i++) {
      m.put("delegate" + i, "DELEGATE");
    }
    for (int i = 1; i <= 3; i++) {
      m.put("room" + i, "REMOTE_ROOM");
    }
    m.put("observer", "OBSERVER");
    return java.util.Collections.unmodifiableMap(m);
  }

  private LiveMeetingFixture(TestServer server) {
    this.server = server;
    this.api = server.api();
    String admin = api.login("admin", TestServer.DEMO_PASSWORD);
    tokens.put("admin", admin);
    this.demo = api.get("/api/meetings", admin).array("meetings").getJsonObject(0).getString("id");
    Api.Response observer = api.post("/api/accounts", new JsonObject().put("username", "observer").put("displayName", "Khách mời quan sát")
        .put("password", OBSERVER_PASSWORD), admin);
    assertThat(observer.status()).as(observer.toString()).isEqualTo(201);
    ids.put("observer", observer.json().getString("id"));
    assertThat(api.put("/api/meetings/" + demo + "/participants", new JsonObject().put("accountId", ids.get("observer")).put("role", "OBSERVER"),
        admin).status()).isEqualTo(200);
    for (Object o : api.get("/api/meetings/" + demo + "/participants", admin).array("participants")) {
      JsonObject p = (JsonObject) o;
      ids.put(p.getString("username"), p.getString("accountId"));
    }
    ids.put("admin", api.get("/api/me", admin).json().getString("id"));
  }

  public static LiveMeetingFixture start() {
    return new LiveMeetingFixture(TestServer.start());
  }

  /** With these environment overrides on top of the test defaults (e.g. PLENUM_MEDIA_BRIDGES). */
  public static LiveMeetingFixture start(Map<String, String> overrides) {
    return new LiveMeetingFixture(TestServer.start(overrides));
  }

  public TestServer server() {
    return server;
  }

  public Api api() {
    return api;
  }

  /** The seeded demo meeting (SCHEDULED, three agenda items, the whole cast plus the observer). */
  public String demo() {
    return demo;
  }

  /** An access token of this user (signed in on first use; password hashing is slow, so only who a test needs). */
  public synchronized String token(String user) {
    return tokens.computeIfAbsent(user, u -> api.login(u, u.equals("observer") ? OBSERVER_PASSWORD : TestServer.DEMO_PASSWORD));
  }

  /** The account id of a user of the cast (or "admin"). */
  public String id(String user) {
    String id = ids.get(user);
    assertThat(id).as("account id of " + user).isNotNull();
    return id;
  }

  /** A new SCHEDULED meeting with these agenda items and the given users of the cast in their usual roles. */
  public String newMeeting(List<String> agenda, List<String> users) {
    String admin = tokens.get("admin");
    Api.Response created = api.post("/api/meetings", new JsonObject().put("title", "Fixture meeting " + (++meetings))
        .put("startsAt", "2026-12-01T08:00:00+07:00").put("agenda", new JsonArray(agenda)), admin);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String meeting = created.json().getString("id");
    for (String user : users) {
      Api.Response r = api.put("/api/meetings/" + meeting + "/participants", new JsonObject().put("accountId", id(user)).put("role", CAST.get(user)),
          admin);
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }
    return meeting;
  }

  /** A new meeting with three agenda items and the whole cast. */
  public String newMeeting() {
    return newMeeting(List.of("One", "Two", "Three"), List.copyOf(CAST.keySet()));
  }

  /**
   * A new KIOSK link of the room with this code, as the chair issues it (RM4, RM8), reduced to its fragment
   * ("#token=…"): kiosk pages take no password from their address (AD1).
   */
  public String kioskFragment(String meeting, String roomCode) {
    String chair = token("chair");
    String roomId = api.get("/api/meetings/" + meeting + "/rooms", chair).array("rooms").stream().map(JsonObject.class::cast)
        .filter(r -> roomCode.equals(r.getString("code"))).findFirst().orElseThrow().getString("roomId");
    Api.Response r = api.post("/api/meetings/" + meeting + "/rooms/" + roomId + "/credentials", new JsonObject().put("kind", "KIOSK"), chair);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    String url = r.json().getString("url");
    return url.substring(url.indexOf('#'));
  }

  /** A tablet of this user on this meeting, connected and resumed from the start of the ledger. */
  public LiveClient client(String meeting, String user) {
    LiveClient c = new LiveClient(api, server.port(), meeting, token(user));
    JsonObject ack = c.connect();
    assertThat(ack.getString("type")).as(ack.encode()).isEqualTo("ack");
    return c;
  }

  /** The whole ledger of a meeting as the administrator reads it over REST. */
  public JsonArray ledger(String meeting) {
    JsonArray all = new JsonArray();
    Long after = 0L;
    while (after != null) {
      Api.Response r = api.get("/api/meetings/" + meeting + "/ledger?after=" + after + "&limit=1000", tokens.get("admin"));
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      all.addAll(r.json().getJsonArray("events"));
      after = r.json().getLong("next");
    }
    return all;
  }

  /** The speaker list and history over REST, as the chair sees it. */
  public JsonObject speakers(String meeting, String agendaItemId) {
    Api.Response r = api.get("/api/meetings/" + meeting + "/speakers" + (agendaItemId == null ? "" : "?agendaItemId=" + agendaItemId),
        token("chair"));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }

  /** The agenda as the chair's snapshot shows it. */
  public JsonArray agendaItems(String meeting) {
    Api.Response r = api.get("/api/meetings/" + meeting + "/snapshot", token("chair"));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json().getJsonObject("agenda").getJsonArray("items");
  }

  /** Asserts the reply is an ack and returns its seq (null for commands that write nothing). */
  public static Long acked(JsonObject reply) {
    assertThat(reply.getString("type")).as(reply.encode()).isEqualTo("ack");
    return reply.getLong("seq");
  }

  /** Asserts the reply is an error with this code. */
  public static void rejected(JsonObject reply, String code) {
    assertThat(reply.getString("type")).as(reply.encode()).isEqualTo("error");
    assertThat(reply.getString("code")).as(reply.encode()).isEqualTo(code);
  }

  /** The ledger event with this seq as this client received it. */
  public static JsonObject eventAt(LiveClient client, long seq) {
    return client.next(f -> f.getLong("seq") != null && f.getLong("seq") == seq && !"ack".equals(f.getString("type")));
  }

  /** The data of the event the acked command produced, as this client received it. */
  public static JsonObject dataOf(LiveClient client, JsonObject reply) {
    return eventAt(client, acked(reply)).getJsonObject("data");
  }

  @Override
  public void close() {
    server.close();
  }
}
