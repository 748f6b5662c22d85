package org.plenum.server.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.TestServer;
import org.plenum.server.testing.WsClient;

/** Who may do what in which meeting, over the real REST API and the real WebSocket entry. */
class MeetingAccessIT {
  static TestServer server;
  static Api api;
  static String demo;
  static String other;
  static final Map<String, String> tokens = new LinkedHashMap<>();
  static final String PW = "correct horse battery";

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of("PLENUM_AUTH_TICKET_TTL", "3s"));
    api = server.api();
    String admin = api.login("admin", TestServer.DEMO_PASSWORD);
    demo = api.get("/api/meetings", admin).array("meetings").getJsonObject(0).getString("id");
    // A second meeting with its own chair, and an observer in the demo meeting.
    var otherChair = api.post("/api/accounts", new JsonObject().put("username", "otherchair").put("displayName", "Chair of another council")
        .put("password", PW), admin);
    assertThat(otherChair.status()).isEqualTo(201);
    var observer = api.post("/api/accounts", new JsonObject().put("username", "observer").put("displayName", "Quan sát viên")
        .put("password", PW), admin);
    var created = api.post("/api/meetings", new JsonObject().put("title", "Other council").put("startsAt", "2026-12-01T08:00:00+07:00")
        .put("agenda", new JsonArray().add("Only item")), admin);
    assertThat(created.status()).isEqualTo(201);
    other = created.json().getString("id");
    assertThat(api.put("/api/meetings/" + other + "/participants", new JsonObject().put("accountId", otherChair.json().getString("id"))
        .put("role", "CHAIR"), admin).status()).isEqualTo(200);
    assertThat(api.put("/api/meetings/" + demo + "/participants", new JsonObject().put("accountId", observer.json().getString("id"))
        .put("role", "OBSERVER"), admin).status()).isEqualTo(200);

    tokens.put("admin", admin);
    for (String u : List.of("chair", "secretary", "delegate1", "room1")) {
      tokens.put(u, api.login(u, TestServer.DEMO_PASSWORD));
    }
    tokens.put("observer", api.login("observer", PW));
    tokens.put("otherchair", api.login("otherchair", PW));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** One protected route: how to call it and which callers may (all others get FORBIDDEN). */
  record Case(String method, String route, Set<String> allowed, int okStatus) {}

  static final Set<String> EVERYONE = Set.of("admin", "chair", "secretary", "delegate1", "observer", "room1", "otherchair");
  static final Set<String> DEMO_MEMBERS = Set.of("admin", "chair", "secretary", "delegate1", "observer", "room1");
  static final Set<String> RUNNERS = Set.of("admin", "chair", "secretary");

  static List<Case> matrix() {
    return List.of(
        new Case("GET", "/api/me", EVERYONE, 200),
        new Case("GET", "/api/accounts", Set.of("admin"), 200),
        new Case("POST", "/api/accounts", Set.of("admin"), 201),
        new Case("GET", "/api/meetings", EVERYONE, 200),
        new Case("POST", "/api/meetings", Set.of("admin"), 201),
        new Case("GET", "/api/meetings/{meetingId}", DEMO_MEMBERS, 200),
        new Case("POST", "/api/meetings/{meetingId}/agenda", RUNNERS, 201),
        new Case("GET", "/api/meetings/{meetingId}/participants", DEMO_MEMBERS, 200),
        new Case("PUT", "/api/meetings/{meetingId}/participants", RUNNERS, 200),
        new Case("POST", "/api/meetings/{meetingId}/ws-ticket", DEMO_MEMBERS, 201),
        new Case("GET", "/api/meetings/{meetingId}/snapshot", DEMO_MEMBERS, 200),
        new Case("GET", "/api/meetings/{meetingId}/ledger", DEMO_MEMBERS, 200),
        new Case("GET", "/api/meetings/{meetingId}/ledger/verify", RUNNERS, 200),
        new Case("GET", "/api/meetings/{meetingId}/speakers", DEMO_MEMBERS, 200),
        new Case("PATCH", "/api/meetings/{meetingId}/agenda/{itemId}", RUNNERS, 200),
        new Case("DELETE", "/api/meetings/{meetingId}/agenda/{itemId}", RUNNERS, 200),
        new Case("POST", "/api/meetings/{meetingId}/agenda/{itemId}/move", RUNNERS, 200),
        new Case("PUT", "/api/meetings/{meetingId}/current-item", RUNNERS, 200),
        new Case("GET", "/api/meetings/{meetingId}/agenda/timings", RUNNERS, 200),
        new Case("PUT", "/api/meetings/{meetingId}/attendance/{accountId}", RUNNERS, 200),
        // ARCHIVED from SCHEDULED is not a valid step: callers who may change the status get CONFLICT (MS1).
        new Case("POST", "/api/meetings/{meetingId}/status", Set.of("admin", "chair"), 409),
        new Case("GET", "/api/meetings/{meetingId}/documents", DEMO_MEMBERS, 200),
        // The matrix sends JSON: callers who may upload get past the permission check to UNSUPPORTED_MEDIA_TYPE (DU1).
        new Case("POST", "/api/meetings/{meetingId}/documents", RUNNERS, 415),
        new Case("GET", "/api/meetings/{meetingId}/documents/search", DEMO_MEMBERS, 400),
        new Case("GET", "/api/meetings/{meetingId}/documents/{documentId}", DEMO_MEMBERS, 200),
        new Case("POST", "/api/meetings/{meetingId}/documents/{documentId}/versions", RUNNERS, 415),
        new Case("PUT", "/api/meetings/{meetingId}/documents/{documentId}/access", RUNNERS, 200),
        new Case("GET", "/api/meetings/{meetingId}/documents/{documentId}/versions/{version}/content", DEMO_MEMBERS, 200),
        new Case("GET", "/api/meetings/{meetingId}/documents/{documentId}/versions/{version}/watermarked", DEMO_MEMBERS, 200),
        new Case("GET", "/api/meetings/{meetingId}/documents/{documentId}/versions/{version}/pages/{page}/thumbnail", DEMO_MEMBERS, 200),
        // Upload progress is private to the uploader: everyone else, allowed in the meeting or not, learns nothing.
        new Case("GET", "/api/meetings/{meetingId}/uploads/{uploadId}", DEMO_MEMBERS, 404),
        // No such poll: callers who may read results get NOT_FOUND (VT13), the rest FORBIDDEN.
        new Case("GET", "/api/meetings/{meetingId}/polls/{pollId}/result", DEMO_MEMBERS, 404),
        new Case("GET", "/api/meetings/{meetingId}/polls/{pollId}/receipts/{receipt}", DEMO_MEMBERS, 404),
        new Case("GET", "/api/keys/results", EVERYONE, 200),
        // Remote rooms (RM1-RM9). The matrix sends JSON: callers who may import get past the permission check to UNSUPPORTED_MEDIA_TYPE.
        new Case("POST", "/api/meetings/{meetingId}/rooms/import", RUNNERS, 415),
        new Case("GET", "/api/meetings/{meetingId}/rooms", DEMO_MEMBERS, 200),
        new Case("POST", "/api/meetings/{meetingId}/rooms/{roomId}/credentials", RUNNERS, 201),
        new Case("GET", "/api/meetings/{meetingId}/rooms/{roomId}/credentials", RUNNERS, 200),
        new Case("DELETE", "/api/meetings/{meetingId}/rooms/{roomId}/credentials/{credentialId}", RUNNERS, 204),
        new Case("GET", "/api/meetings/{meetingId}/turn", DEMO_MEMBERS, 200),
        // Annotations (AN11-AN13): members read what they may see; no query is BAD_MESSAGE past the permission check.
        new Case("GET", "/api/meetings/{meetingId}/annotations/search", DEMO_MEMBERS, 400),
        new Case("GET", "/api/meetings/{meetingId}/documents/{documentId}/versions/{version}/annotated", DEMO_MEMBERS, 200),
        new Case("GET", "/api/meetings/{meetingId}/documents/{documentId}/versions/{version}/annotations.xfdf", DEMO_MEMBERS, 200),
        // The matrix sends JSON, not XFDF: callers who may import get past the permission check to BAD_MESSAGE.
        new Case("POST", "/api/meetings/{meetingId}/documents/{documentId}/versions/{version}/annotations.xfdf", DEMO_MEMBERS, 400),
        // Minutes (MN3-MN6): the demo meeting is not closed and nothing is approved, so the steps allowed get CONFLICT.
        new Case("GET", "/api/meetings/{meetingId}/minutes", RUNNERS, 200),
        new Case("GET", "/api/meetings/{meetingId}/minutes/pdf", RUNNERS, 200),
        new Case("PUT", "/api/meetings/{meetingId}/minutes/texts", Set.of("admin", "secretary"), 200),
        new Case("POST", "/api/meetings/{meetingId}/minutes/approve", Set.of("chair"), 409),
        new Case("POST", "/api/meetings/{meetingId}/minutes/sign", Set.of("chair", "secretary"), 409),
        // Identities at an OpenID provider (OI7): administrators only; no provider is configured here.
        new Case("GET", "/api/accounts/{accountId}/identities", Set.of("admin"), 200),
        new Case("POST", "/api/accounts/{accountId}/identities", Set.of("admin"), 400),
        new Case("DELETE", "/api/accounts/{accountId}/identities/{provider}/{subject}", Set.of("admin"), 404),
        // Administration (AD3-AD6): administrators only. Copying a meeting's participants into itself is BAD_MESSAGE
        // past the permission check.
        new Case("PUT", "/api/accounts/{accountId}/disabled", Set.of("admin"), 200),
        new Case("POST", "/api/accounts/{accountId}/password-reset", Set.of("admin"), 200),
        new Case("POST", "/api/meetings/{meetingId}/participants/copy", Set.of("admin"), 400));
  }

  static int accounts = 0;

  static Object bodyFor(Case c) {
    return switch (c.route()) {
      case "/api/accounts" -> new JsonObject().put("username", "made" + (++accounts)).put("displayName", "Made").put("password", PW);
      case "/api/meetings" -> new JsonObject().put("title", "Made meeting");
      case "/api/meetings/{meetingId}/agenda" -> new JsonObject().put("title", "Extra item").put("durationMinutes", 10);
      case "/api/meetings/{meetingId}/participants" -> new JsonObject().put("accountId", participantId("delegate2")).put("role", "DELEGATE");
      case "/api/meetings/{meetingId}/agenda/{itemId}" -> new JsonObject().put("title", "Renamed");
      case "/api/meetings/{meetingId}/agenda/{itemId}/move" -> new JsonObject().put("position", 1);
      case "/api/meetings/{meetingId}/current-item" -> new JsonObject().putNull("itemId");
      case "/api/meetings/{meetingId}/attendance/{accountId}" -> new JsonObject().put("status", "PRESENT");
      case "/api/meetings/{meetingId}/status" -> new JsonObject().put("status", "ARCHIVED");
      case "/api/meetings/{meetingId}/documents/{documentId}/access" -> new JsonObject().put("kind", "EVERYONE");
      case "/api/meetings/{meetingId}/rooms/{roomId}/credentials" -> new JsonObject().put("kind", "KIOSK");
      case "/api/meetings/{meetingId}/minutes/texts" -> new JsonObject().put("number", "01/BB-HĐND");
      case "/api/meetings/{meetingId}/minutes/approve" -> new JsonObject().put("language", "vi");
      case "/api/meetings/{meetingId}/minutes/sign" -> new JsonObject();
      case "/api/accounts/{accountId}/identities" -> new JsonObject().put("provider", "none").put("subject", "s-1");
      case "/api/accounts/{accountId}/disabled" -> new JsonObject().put("disabled", false);
      case "/api/meetings/{meetingId}/participants/copy" -> new JsonObject().put("fromMeetingId", demo);
      default -> null;
    };
  }

  /** The route with this meeting's id, a fresh agenda item and delegate2's account filled in. */
  static String pathFor(Case c) {
    String path = c.route().replace("{meetingId}", demo).replace("{accountId}", participantId("delegate2"))
        .replace("{version}", "1").replace("{page}", "1").replace("{uploadId}", "not-yours")
        .replace("{pollId}", java.util.UUID.randomUUID().toString()).replace("{receipt}", "0000-0000-0000-0000-0000-0000-00")
        .replace("{provider}", "none").replace("{subject}", "s-1");
    path = path.replace("{roomId}", participantId("room1"));
    if (path.contains("{credentialId}")) {
      var issued = api.post("/api/meetings/" + demo + "/rooms/" + participantId("room1") + "/credentials", new JsonObject().put("kind", "WHIP"),
          tokens.get("admin"));
      path = path.replace("{credentialId}", issued.json().getString("id"));
    }
    if (path.contains("{documentId}")) {
      path = path.replace("{documentId}", document());
    }
    if (path.contains("{itemId}")) {
      var added = api.post("/api/meetings/" + demo + "/agenda", new JsonObject().put("title", "Fresh item"), tokens.get("admin"));
      path = path.replace("{itemId}", added.json().getString("itemId"));
    }
    return path;
  }

  static String documentId;

  /** One small PDF published to everyone in the demo meeting, made on first use. */
  static String document() {
    if (documentId == null) {
      try {
        java.nio.file.Path pdf = org.plenum.server.testing.PdfCorpus.validPdf(
            java.nio.file.Files.createTempDirectory(java.nio.file.Path.of("target").toAbsolutePath(), "matrix-"), 1, "Matrix");
        var r = api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.base() + "/api/meetings/" + demo + "/documents?title=Matrix"))
            .header("Content-Type", "application/pdf").POST(java.net.http.HttpRequest.BodyPublishers.ofFile(pdf)), tokens.get("secretary"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        documentId = r.json().getString("id");
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return documentId;
  }

  static String participantId(String username) {
    for (Object o : api.get("/api/meetings/" + demo + "/participants", tokens.get("admin")).array("participants")) {
      JsonObject p = (JsonObject) o;
      if (p.getString("username").equals(username)) {
        return p.getString("accountId");
      }
    }
    throw new AssertionError(username);
  }

  @Test
  @DisplayName("A1-A4: every protected route x every role x the other meeting: allowed callers succeed, others get FORBIDDEN, no token gets NOT_AUTHENTICATED")
  void authorization_matrix() {
    List<String> failures = new ArrayList<>();
    for (Case c : matrix()) {
      for (var who : tokens.entrySet()) {
        String path = pathFor(c);
        Api.Response r = api.method(c.method(), path, bodyFor(c), who.getValue());
        boolean allowed = c.allowed().contains(who.getKey());
        int expected = allowed ? c.okStatus() : 403;
        if (r.status() != expected || (!allowed && !"FORBIDDEN".equals(r.code()))) {
          failures.add(c.method() + " " + c.route() + " as " + who.getKey() + ": expected " + expected + " got " + r);
        }
      }
      Api.Response anonymous = api.method(c.method(), pathFor(c), bodyFor(c), null);
      if (anonymous.status() != 401 || !"NOT_AUTHENTICATED".equals(anonymous.code())) {
        failures.add(c.method() + " " + c.route() + " without token: " + anonymous);
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  @DisplayName("A5: the matrix covers every /api route the router serves")
  void matrix_covers_every_route() {
    Set<String> inMatrix = new TreeSet<>();
    matrix().forEach(c -> inMatrix.add(c.method() + " " + c.route()));
    Set<String> api = new TreeSet<>();
    org.plenum.server.testing.ServedRoutes.of(server).stream()
        .filter(r -> r.split(" ")[1].startsWith("/api/") && !r.contains("/api/auth/")).forEach(api::add);
    assertThat(inMatrix).isEqualTo(api);
  }

  @Test
  @DisplayName("A2: a participant of one meeting does not see another meeting in lists, by id, or its participants")
  void other_meeting_is_invisible() {
    String otherChair = tokens.get("otherchair");
    JsonArray mine = api.get("/api/meetings", otherChair).array("meetings");
    assertThat(mine).hasSize(1);
    assertThat(mine.getJsonObject(0).getString("id")).isEqualTo(other);
    assertThat(api.get("/api/meetings/" + other, tokens.get("chair")).code()).isEqualTo("FORBIDDEN");
    assertThat(api.get("/api/meetings/" + other + "/participants", tokens.get("delegate1")).code()).isEqualTo("FORBIDDEN");
    assertThat(api.post("/api/meetings/" + other + "/ws-ticket", null, tokens.get("chair")).code()).isEqualTo("FORBIDDEN");
    // The administrator sees both.
    assertThat(api.get("/api/meetings", tokens.get("admin")).array("meetings").size()).isGreaterThanOrEqualTo(2);
  }

  @Test
  @DisplayName("A6: a meeting view carries the agenda in order and the caller's role")
  void meeting_view() {
    JsonObject view = api.get("/api/meetings/" + demo, tokens.get("delegate1")).json();
    assertThat(view.getString("title")).isEqualTo("Demo council");
    assertThat(view.getString("role")).isEqualTo("DELEGATE");
    JsonArray agenda = view.getJsonArray("agenda");
    assertThat(agenda.size()).isGreaterThanOrEqualTo(3);
    for (int i = 0; i < agenda.size(); i++) {
      assertThat(agenda.getJsonObject(i).getInteger("number")).isEqualTo(i + 1);
    }
    assertThat(view.getJsonArray("participants").size()).isGreaterThanOrEqualTo(11);
  }

  @Test
  @DisplayName("A7: bad ids and bad bodies on meeting routes are typed errors")
  void bad_input() {
    String admin = tokens.get("admin");
    assertThat(api.get("/api/meetings/not-a-uuid", admin).code()).isEqualTo("NOT_FOUND");
    assertThat(api.get("/api/meetings/" + java.util.UUID.randomUUID(), admin).code()).isEqualTo("NOT_FOUND");
    assertThat(api.post("/api/meetings", new JsonObject().put("title", "x").put("startsAt", "tomorrow"), admin).json().getString("message"))
        .contains("startsAt");
    assertThat(api.post("/api/meetings", new JsonObject().put("title", "x").put("agenda", "not a list"), admin).code()).isEqualTo("BAD_MESSAGE");
    var role = api.put("/api/meetings/" + demo + "/participants", new JsonObject().put("accountId", participantId("delegate2")).put("role", "KING"), admin);
    assertThat(role.code()).isEqualTo("BAD_MESSAGE");
    assertThat(role.json().getString("message")).contains("CHAIR");
    assertThat(api.put("/api/meetings/" + demo + "/participants", new JsonObject().put("accountId", java.util.UUID.randomUUID().toString())
        .put("role", "DELEGATE"), admin).code()).isEqualTo("NOT_FOUND");
    assertThat(api.post("/api/meetings/" + demo + "/agenda", new JsonObject().put("title", "x").put("durationMinutes", -5), admin).code())
        .isEqualTo("BAD_MESSAGE");
    var dup = api.post("/api/accounts", new JsonObject().put("username", "Chair").put("displayName", "Dup").put("password", PW), admin);
    assertThat(dup.status()).isEqualTo(409);
    assertThat(dup.code()).isEqualTo("CONFLICT");
    assertThat(api.post("/api/accounts", new JsonObject().put("username", "weak").put("displayName", "Weak").put("password", "short"), admin)
        .json().getString("message")).contains("at least 10");
    assertThat(api.post("/api/accounts", new JsonObject().put("username", "../etc").put("displayName", "Bad").put("password", PW), admin)
        .code()).isEqualTo("BAD_MESSAGE");
  }

  static String ticket(String who, String meeting) {
    var r = api.post("/api/meetings/" + meeting + "/ws-ticket", null, tokens.get(who));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().getString("ticket");
  }

  @Test
  @DisplayName("T1, S1: a ticket opens the meeting's WebSocket once; the socket greets with the caller's role")
  void ticket_opens_socket_once() {
    String t = ticket("delegate1", demo);
    try (WsClient ws = WsClient.connect(server.port(), "/ws/meetings/" + demo + "?ticket=" + t)) {
      JsonObject hello = ws.next();
      assertThat(hello.getString("type")).isEqualTo("hello");
      assertThat(hello.getString("role")).isEqualTo("DELEGATE");
      ws.send(new JsonObject().put("type", "ping").put("requestId", "r1"));
      assertThat(ws.next().getString("type")).isEqualTo("pong");
      ws.sendText("not json");
      assertThat(ws.next().getString("code")).isEqualTo("BAD_MESSAGE");
    }
    Object replay = WsClient.attempt(server.port(), "/ws/meetings/" + demo + "?ticket=" + t);
    assertThat(replay).isEqualTo(new WsClient.Refused(401, ((WsClient.Refused) replay).body()));
  }

  @Test
  @DisplayName("T2, S2, S3: a ticket for another meeting, a made-up ticket, no ticket and an expired ticket are refused before the upgrade")
  void bad_tickets_refused() throws Exception {
    String forDemo = ticket("chair", demo);
    var foreign = (WsClient.Refused) WsClient.attempt(server.port(), "/ws/meetings/" + other + "?ticket=" + forDemo);
    assertThat(foreign.status()).isEqualTo(403);
    assertThat(((WsClient.Refused) WsClient.attempt(server.port(), "/ws/meetings/" + demo + "?ticket=made-up")).status()).isEqualTo(401);
    assertThat(((WsClient.Refused) WsClient.attempt(server.port(), "/ws/meetings/" + demo)).status()).isEqualTo(401);
    String expiring = ticket("chair", demo);
    Thread.sleep(3500);
    assertThat(((WsClient.Refused) WsClient.attempt(server.port(), "/ws/meetings/" + demo + "?ticket=" + expiring)).status()).isEqualTo(401);
  }

  @Test
  @DisplayName("T3: signing out makes the session's unused tickets worthless")
  void logout_kills_tickets() {
    String token = api.login("delegate1", TestServer.DEMO_PASSWORD);
    String t = api.post("/api/meetings/" + demo + "/ws-ticket", null, token).json().getString("ticket");
    assertThat(api.post("/api/auth/logout", null, token).status()).isEqualTo(204);
    assertThat(((WsClient.Refused) WsClient.attempt(server.port(), "/ws/meetings/" + demo + "?ticket=" + t)).status()).isEqualTo(401);
  }
}
