package org.plenum.server.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.testing.LiveMeetingFixture.acked;
import static org.plenum.server.testing.LiveMeetingFixture.dataOf;
import static org.plenum.server.testing.LiveMeetingFixture.rejected;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.LiveClient;
import org.plenum.server.testing.LiveMeetingFixture;

/**
 * AZ1 over real meeting sockets: every command type × every kind of caller, and ids of another meeting. The
 * expected table is written out here from docs/protocol.md §4; a command the table allows must be acked, every other
 * caller gets FORBIDDEN and the meeting's ledger does not move.
 */
class CommandAuthorizationIT {
  static LiveMeetingFixture fx;

  /** Kind of caller → the account that plays it. */
  static final Map<String, String> ROLES = new LinkedHashMap<>();

  static {
    ROLES.put("admin", "admin");
    ROLES.put("chair", "chair");
    ROLES.put("secretary", "secretary");
    ROLES.put("delegate", "delegate1");
    ROLES.put("observer", "observer");
    ROLES.put("room", "room1");
  }

  static final Set<String> ANYONE = Set.of("admin", "chair", "secretary", "delegate", "observer", "room");
  static final Set<String> PARTICIPANTS = Set.of("chair", "secretary", "delegate", "observer", "room");
  static final Set<String> RUNNERS = Set.of("admin", "chair", "secretary");
  static final Set<String> CHAIR = Set.of("admin", "chair");
  static final Set<String> SPEAKERS = Set.of("chair", "secretary", "delegate", "room");
  /** Present members with voting right (VT2): the chair and delegates by default; the secretary has no vote. */
  static final Set<String> VOTERS = Set.of("chair", "delegate");
  static final List<String> CAST = List.of("chair", "secretary", "delegate1", "delegate6", "observer", "room1");

  /**
   * One row of the table: who may send the command, whether each caller needs a meeting of its own (status
   * changes cannot be undone), and the command's fields, made by preparing the meeting as needed.
   */
  record Row(Set<String> allowed, boolean freshMeetingPerCaller, Function<Scene, JsonObject> fields) {}

  static Map<String, Row> table() {
    Map<String, Row> t = new LinkedHashMap<>();
    t.put("ping", new Row(ANYONE, false, s -> null));
    t.put("session.resume", new Row(ANYONE, false, s -> new JsonObject().put("lastSeq", 0)));
    t.put("presence.update", new Row(ANYONE, false, s -> new JsonObject().put("device", "tablet").put("following", false)));
    t.put("meeting.open", new Row(CHAIR, true, s -> null));
    t.put("meeting.close", new Row(CHAIR, true, s -> s.status("OPEN")));
    t.put("meeting.archive", new Row(CHAIR, true, s -> s.status("OPEN", "CLOSED")));
    t.put("agenda.add", new Row(RUNNERS, false, s -> new JsonObject().put("title", "Any other business")));
    t.put("agenda.update", new Row(RUNNERS, false, s -> new JsonObject().put("itemId", s.item(0)).put("title", "Renamed")));
    t.put("agenda.move", new Row(RUNNERS, false, s -> new JsonObject().put("itemId", s.item(2)).putNull("parentId").put("position", 1)));
    t.put("agenda.remove", new Row(RUNNERS, false, s -> new JsonObject().put("itemId", s.newItem())));
    t.put("agenda.setCurrent", new Row(RUNNERS, false, s -> new JsonObject().put("itemId", s.item(1))));
    t.put("attendance.set", new Row(RUNNERS, false, s -> new JsonObject().put("accountId", fx.id("delegate6")).put("status", "PRESENT")));
    t.put("invitation.respond", new Row(PARTICIPANTS, false, s -> new JsonObject().put("response", "ACCEPTED")));
    t.put("speaker.request", new Row(SPEAKERS, false, s -> {
      s.clearSpeakers();
      return new JsonObject().put("kind", "SPEECH");
    }));
    t.put("speaker.add", new Row(RUNNERS, false, s -> {
      s.clearSpeakers();
      return new JsonObject().put("accountId", fx.id("delegate6"));
    }));
    t.put("speaker.withdraw", new Row(RUNNERS, false, s -> {
      s.clearSpeakers();
      return new JsonObject().put("entryId", s.add("delegate6"));
    }));
    t.put("speaker.grant", new Row(RUNNERS, false, s -> {
      s.clearSpeakers();
      return new JsonObject().put("entryId", s.add("delegate6")).put("timeLimitSeconds", 60);
    }));
    t.put("speaker.end", new Row(RUNNERS, false, s -> {
      s.clearSpeakers();
      s.chair("speaker.grant", new JsonObject().put("entryId", s.add("delegate6")));
      return null;
    }));
    t.put("speaker.reorder", new Row(RUNNERS, false, s -> {
      s.clearSpeakers();
      String first = s.add("delegate6");
      String second = s.add("delegate1");
      return new JsonObject().put("entryIds", new JsonArray().add(second).add(first));
    }));
    t.put("presentation.show", new Row(CHAIR, false, s -> {
      s.chair("presentation.setPresenter", new JsonObject().putNull("accountId"));
      return new JsonObject().put("document", "agenda.pdf").put("page", 2);
    }));
    t.put("presentation.stop", new Row(CHAIR, false, s -> {
      s.chair("presentation.setPresenter", new JsonObject().putNull("accountId"));
      s.chair("presentation.show", new JsonObject().put("document", "agenda.pdf").put("page", 3));
      return null;
    }));
    t.put("presentation.setPresenter", new Row(CHAIR, false, s -> new JsonObject().put("accountId", fx.id("delegate1"))));
    t.put("poll.create", new Row(RUNNERS, false, s -> new JsonObject().put("title", "Any poll").put("kind", "YES_NO_ABSTAIN")));
    t.put("poll.open", new Row(RUNNERS, false, s -> new JsonObject().put("pollId", s.poll(false))));
    t.put("poll.close", new Row(RUNNERS, false, s -> new JsonObject().put("pollId", s.poll(true))));
    t.put("poll.cancel", new Row(RUNNERS, false, s -> new JsonObject().put("pollId", s.poll(false))));
    t.put("vote.cast", new Row(VOTERS, false, s -> {
      s.votersPresent();
      return new JsonObject().put("pollId", s.poll(true)).put("choice", new JsonArray().add("YES"))
          .put("idempotencyKey", java.util.UUID.randomUUID().toString());
    }));
    t.put("vote.paper", new Row(RUNNERS, false, s -> {
      s.votersPresent();
      return new JsonObject().put("pollId", s.poll(true)).put("voterId", fx.id("delegate1")).put("choice", new JsonArray().add("NO"))
          .put("idempotencyKey", java.util.UUID.randomUUID().toString());
    }));
    t.put("proxy.set", new Row(RUNNERS, false, s -> new JsonObject().put("giverId", fx.id("delegate6")).put("holderId", fx.id("delegate1"))));
    t.put("proxy.clear", new Row(RUNNERS, false, s -> {
      Scene.pace();
      s.chair("proxy.set", new JsonObject().put("giverId", fx.id("delegate6")).put("holderId", fx.id("delegate1")));
      return new JsonObject().put("giverId", fx.id("delegate6"));
    }));
    // §13 media: this IT runs without a video bridge, so allowed callers get MEDIA_UNAVAILABLE (MV1, see ALLOWED_REPLY);
    // ServerVideoIT runs them against a real Janus
    t.put("media.publish", new Row(Set.of("chair", "room"), false, s -> new JsonObject().put("sdp", "v=0")));
    t.put("media.subscribe", new Row(ANYONE, false, s -> new JsonObject().put("feed", "speaker")));
    t.put("media.answer", new Row(ANYONE, false, s -> new JsonObject().put("subscriptionId", "s1").put("sdp", "v=0")));
    t.put("media.candidate", new Row(ANYONE, false, s -> new JsonObject().put("completed", true)));
    t.put("media.leave", new Row(ANYONE, false, s -> null));
    t.put("media.state", new Row(ANYONE, false, s -> null));
    // §14 annotations: every participant may annotate what it may read (AN5, AN8); the document is readable by all
    t.put("annotation.push", new Row(ANYONE, false, s -> new JsonObject().put("ops", new JsonArray().add(s.note()))));
    t.put("annotation.sync", new Row(ANYONE, false, s -> new JsonObject().put("documentId", s.document()).putNull("after")));
    t.put("annotation.stroke", new Row(ANYONE, false, s -> new JsonObject().put("id", java.util.UUID.randomUUID().toString())
        .put("anchor", new JsonObject().put("document", s.document()).put("version", 1).put("page", 1))
        .put("style", new JsonObject().put("color", "#d62828").put("width", 2.5).put("tool", "PEN"))
        .put("visibility", new JsonObject().put("kind", "PRIVATE"))
        .put("points", new JsonArray().add(new JsonArray().add(100.0).add(200.0).add(0.4)))));
    return t;
  }

  /** An allowed live stroke frame is not acknowledged (AN14): the next reply is the pong of a ping sent after it. */
  static final String NO_REPLY = "pong";

  /** What an allowed caller gets when it is not an ack: media commands without a video bridge (MV1). */
  static final Map<String, String> ALLOWED_REPLY = Map.of("annotation.stroke", NO_REPLY, "media.publish", "MEDIA_UNAVAILABLE", "media.subscribe", "MEDIA_UNAVAILABLE",
      "media.answer", "MEDIA_UNAVAILABLE", "media.candidate", "MEDIA_UNAVAILABLE");

  /** A meeting being prepared for one command; the chair's tablet does the preparing. */
  static final class Scene implements AutoCloseable {
    final String meeting;
    private LiveClient chair;

    Scene(String meeting) {
      this.meeting = meeting;
    }

    LiveClient chairClient() {
      if (chair == null) {
        chair = fx.client(meeting, "chair");
      }
      return chair;
    }

    JsonObject chair(String type, JsonObject fields) {
      chairClient().drainInbox();
      return dataOf(chairClient(), chairClient().command(type, fields));
    }

    JsonObject status(String... steps) {
      for (String step : steps) {
        Api.Response r = fx.api().post("/api/meetings/" + meeting + "/status", new JsonObject().put("status", step), fx.token("admin"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
      }
      return null;
    }

    String item(int index) {
      return fx.agendaItems(meeting).getJsonObject(index).getString("id");
    }

    private String document;

    /** One PDF published in the scene's meeting (by the chair, readable by everyone), uploaded on first use. */
    String document() {
      if (document == null) {
        try {
          java.nio.file.Path pdf = org.plenum.server.testing.PdfCorpus.validPdf(
              java.nio.file.Files.createTempDirectory("authz"), 1, "Annotate me");
          java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(
                  java.net.URI.create(fx.api().base() + "/api/meetings/" + meeting + "/documents?title=Annotate"))
              .POST(java.net.http.HttpRequest.BodyPublishers.ofFile(pdf))
              .header("X-Filename", "annotate.pdf").header("Content-Type", "application/pdf");
          Api.Response r = fx.api().send(b, fx.token("chair"));
          assertThat(r.status()).as(r.toString()).isEqualTo(201);
          document = r.json().getString("id");
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
      return document;
    }

    private static final java.util.concurrent.atomic.AtomicInteger STAMPS = new java.util.concurrent.atomic.AtomicInteger();

    /** A create operation of a private note on page 1 of the scene's document, with a new id and stamp. */
    JsonObject note() {
      JsonObject stamp = new JsonObject().put("ms", System.currentTimeMillis()).put("c", STAMPS.incrementAndGet()).put("device", "authz");
      JsonObject anchor = new JsonObject().put("document", document()).put("version", 1).put("page", 1);
      return new JsonObject().put("op", "create").put("id", java.util.UUID.randomUUID().toString()).put("stamp", stamp)
          .put("placement", new JsonObject().put("anchor", anchor)
              .put("shape", new JsonObject().put("kind", "NOTE").put("at", new JsonArray().add(100.0).add(100.0))))
          .put("style", new JsonObject().put("color", "#d62828").put("width", 2.5).put("tool", "PEN"))
          .put("visibility", new JsonObject().put("kind", "PRIVATE")).put("text", "Ghi chú");
    }

    String newItem() {
      JsonObject agenda = chair("agenda.add", new JsonObject().put("title", "To be removed"));
      return agenda.getString("itemId");
    }

    private boolean votersPresent;

    /** A new yes/no/abstain poll, opened when asked (paced: the chair's tablet stays under ws.rate_per_second). */
    String poll(boolean open) {
      pace();
      String id = chair("poll.create", new JsonObject().put("title", "Poll").put("kind", "YES_NO_ABSTAIN")).getString("pollId");
      if (open) {
        pace();
        chair("poll.open", new JsonObject().put("pollId", id));
      }
      return id;
    }

    /** The chair and delegate1 — the voters of the table — checked in as PRESENT, once per scene. */
    void votersPresent() {
      if (!votersPresent) {
        for (String user : List.of("chair", "delegate1")) {
          pace();
          chair("attendance.set", new JsonObject().put("accountId", fx.id(user)).put("status", "PRESENT"));
        }
        votersPresent = true;
      }
    }

    static void pace() {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    String add(String user) {
      return chair("speaker.add", new JsonObject().put("accountId", fx.id(user))).getJsonObject("entry").getString("id");
    }

    void clearSpeakers() {
      JsonObject q = fx.speakers(meeting, null);
      if (q.getValue("current") != null) {
        chair("speaker.end", null);
      }
      for (Object o : q.getJsonArray("waiting")) {
        chair("speaker.withdraw", new JsonObject().put("entryId", ((JsonObject) o).getString("id")));
      }
    }

    @Override
    public void close() {
      if (chair != null) {
        chair.close();
      }
    }
  }

  @BeforeAll
  static void start() {
    // the table sends every command by every caller on few sockets: the message rate limit (tested in LimitsIT)
    // must not answer RATE_LIMITED in place of the authorization answer under test
    fx = LiveMeetingFixture.start(java.util.Map.of("PLENUM_WS_RATE_PER_SECOND", "1000", "PLENUM_WS_RATE_BURST", "1000"));
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @Test
  @DisplayName("AZ1: the table covers exactly the command types the meeting socket accepts")
  void table_covers_every_command() {
    assertThat(table().keySet()).containsExactlyInAnyOrderElementsOf(fx.server().app().live().commands().types());
  }

  @Test
  @DisplayName("AZ1, MV1, MV2: every command × admin, chair, secretary, delegate, observer, room: allowed callers are acked (media commands without a bridge: MEDIA_UNAVAILABLE), all others get FORBIDDEN and nothing is written")
  void every_command_by_every_caller() {
    List<String> failures = new ArrayList<>();
    Scene shared = new Scene(fx.newMeeting(List.of("One", "Two", "Three"), CAST));
    Map<String, LiveClient> tablets = new LinkedHashMap<>();
    ROLES.forEach((caller, user) -> tablets.put(caller, fx.client(shared.meeting, user)));
    try {
      for (var entry : table().entrySet()) {
        String type = entry.getKey();
        Row row = entry.getValue();
        if (!row.freshMeetingPerCaller()) {
          for (String caller : ROLES.keySet()) {
            JsonObject fields = row.fields().apply(shared);
            attempt(failures, type, row, caller, shared.meeting, fields, type.equals("session.resume") ? null : tablets.get(caller));
          }
          continue;
        }
        // Status changes cannot be undone: the refused callers share one meeting in the right state, each allowed caller gets its own.
        try (Scene refusedScene = new Scene(fx.newMeeting(List.of("One"), CAST))) {
          JsonObject fields = row.fields().apply(refusedScene);
          ROLES.keySet().stream().filter(c -> !row.allowed().contains(c))
              .forEach(caller -> attempt(failures, type, row, caller, refusedScene.meeting, fields, null));
        }
        for (String caller : row.allowed()) {
          try (Scene own = new Scene(fx.newMeeting(List.of("One"), CAST))) {
            attempt(failures, type, row, caller, own.meeting, row.fields().apply(own), null);
          }
        }
      }
    } finally {
      tablets.values().forEach(LiveClient::close);
      shared.close();
    }
    assertThat(failures).isEmpty();
  }

  /** One caller sends one command on its tablet (or on a new socket when none is given); records what went wrong. */
  static void attempt(List<String> failures, String type, Row row, String caller, String meeting, JsonObject fields, LiveClient tablet) {
    long before = head(meeting);
    JsonObject reply;
    if (tablet != null) {
      tablet.drainInbox();
      reply = send(tablet, type, fields);
    } else {
      try (LiveClient c = new LiveClient(fx.api(), fx.server().port(), meeting, fx.token(ROLES.get(caller)))) {
        if (type.equals("session.resume")) {
          c.open();
        } else {
          acked(c.connect());
        }
        reply = send(c, type, fields);
      }
    }
    boolean allowed = row.allowed().contains(caller);
    String got = reply.getString("type").equals("error") ? reply.getString("code") : reply.getString("type");
    String expected = allowed ? ALLOWED_REPLY.getOrDefault(type, type.equals("ping") ? "pong" : "ack") : "FORBIDDEN";
    if (!got.equals(expected)) {
      failures.add(type + " by " + caller + ": expected " + expected + ", got " + reply.encode());
    }
    if (!allowed && head(meeting) != before) {
      failures.add(type + " by " + caller + ": refused, yet the ledger moved");
    }
  }

  /**
   * Sends one command and returns its reply; a live stroke frame is answered only when refused (AN14), so a ping
   * follows it and the reply is the stroke's error or else the pong.
   */
  static JsonObject send(LiveClient c, String type, JsonObject fields) {
    if (!type.equals("annotation.stroke")) {
      return c.command(type, fields);
    }
    String stroke = "stroke-" + java.util.UUID.randomUUID();
    String ping = "ping-" + java.util.UUID.randomUUID();
    c.sendText(fields.copy().put("type", type).put("requestId", stroke).encode());
    c.sendText(new JsonObject().put("type", "ping").put("requestId", ping).encode());
    return c.next(f -> (stroke.equals(f.getString("requestId")) && "error".equals(f.getString("type")))
        || (ping.equals(f.getString("requestId")) && "pong".equals(f.getString("type"))));
  }

  static final Map<String, Long> HEADS = new java.util.HashMap<>();

  /** The ledger head of a meeting, read incrementally over REST as the administrator. */
  static long head(String meeting) {
    long after = HEADS.getOrDefault(meeting, 0L);
    while (true) {
      Api.Response r = fx.api().get("/api/meetings/" + meeting + "/ledger?after=" + after + "&limit=1000", fx.token("admin"));
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      for (Object o : r.json().getJsonArray("events")) {
        after = ((JsonObject) o).getLong("seq");
      }
      if (r.json().getValue("next") == null) {
        HEADS.put(meeting, after);
        return after;
      }
    }
  }

  @Test
  @DisplayName("AZ1: ids of another meeting (agenda item, speaker entry, participant, room, poll) used on this meeting's socket or REST are NOT_FOUND "
      + "(a room naming another room is FORBIDDEN; a reorder listing them is BAD_MESSAGE); the other meeting's ledger and state do not change")
  void ids_of_another_meeting() {
    String admin = fx.token("admin");
    String a = fx.newMeeting();
    String b = fx.newMeeting(List.of("B one", "B two"), List.of("chair", "delegate1"));
    String outsider = account("outsider", "PERSON");
    String roomB = account("roomb", "ROOM");
    for (String[] p : new String[][] {{outsider, "DELEGATE"}, {roomB, "REMOTE_ROOM"}}) {
      assertThat(fx.api().put("/api/meetings/" + b + "/participants", new JsonObject().put("accountId", p[0]).put("role", p[1]), admin).status())
          .isEqualTo(200);
    }
    String bItem;
    String bEntry;
    String bPoll;
    try (Scene sceneB = new Scene(b)) {
      bPoll = sceneB.poll(true);
      bItem = sceneB.item(0);
      sceneB.chair("agenda.setCurrent", new JsonObject().put("itemId", bItem));
      bEntry = sceneB.add("delegate1");
      sceneB.add("chair");
      sceneB.chair("presentation.setPresenter", new JsonObject().put("accountId", outsider));
    }
    String bLedger = fx.ledger(b).encode();
    String bSnapshot = fx.api().get("/api/meetings/" + b + "/snapshot", admin).text();
    String aItem = fx.agendaItems(a).getJsonObject(0).getString("id");
    int aLedger = fx.ledger(a).size();

    List<String> failures = new ArrayList<>();
    try (LiveClient chair = fx.client(a, "chair"); LiveClient adminClient = fx.client(a, "admin"); LiveClient d1 = fx.client(a, "delegate1");
         LiveClient room1 = fx.client(a, "room1")) {
      Map<String, Object[]> attempts = new LinkedHashMap<>();
      attempts.put("agenda.update", new Object[] {chair, new JsonObject().put("itemId", bItem).put("title", "Hijacked"), "NOT_FOUND"});
      attempts.put("agenda.move item", new Object[] {chair, new JsonObject().put("itemId", bItem).putNull("parentId").put("position", 1), "NOT_FOUND"});
      attempts.put("agenda.move parent", new Object[] {chair, new JsonObject().put("itemId", aItem).put("parentId", bItem).put("position", 1), "NOT_FOUND"});
      attempts.put("agenda.remove", new Object[] {chair, new JsonObject().put("itemId", bItem), "NOT_FOUND"});
      attempts.put("agenda.setCurrent", new Object[] {chair, new JsonObject().put("itemId", bItem), "NOT_FOUND"});
      attempts.put("agenda.add", new Object[] {chair, new JsonObject().put("title", "Child").put("parentId", bItem), "NOT_FOUND"});
      attempts.put("attendance.set account", new Object[] {chair, new JsonObject().put("accountId", outsider).put("status", "PRESENT"), "NOT_FOUND"});
      attempts.put("attendance.set room", new Object[] {chair, new JsonObject().put("accountId", fx.id("delegate1")).put("status", "REMOTE")
          .put("roomId", roomB), "NOT_FOUND"});
      attempts.put("attendance.set by a room", new Object[] {room1, new JsonObject().put("accountId", fx.id("delegate1")).put("status", "REMOTE")
          .put("roomId", roomB), "FORBIDDEN"});
      attempts.put("speaker.add", new Object[] {chair, new JsonObject().put("accountId", outsider), "NOT_FOUND"});
      attempts.put("speaker.withdraw", new Object[] {chair, new JsonObject().put("entryId", bEntry), "NOT_FOUND"});
      attempts.put("speaker.withdraw own entry of B", new Object[] {d1, new JsonObject().put("entryId", bEntry), "NOT_FOUND"});
      attempts.put("speaker.grant", new Object[] {chair, new JsonObject().put("entryId", bEntry), "NOT_FOUND"});
      attempts.put("speaker.grant by admin", new Object[] {adminClient, new JsonObject().put("entryId", bEntry), "NOT_FOUND"});
      attempts.put("speaker.reorder", new Object[] {chair, new JsonObject().put("entryIds", new JsonArray().add(bEntry)), "BAD_MESSAGE"});
      attempts.put("presentation.setPresenter", new Object[] {chair, new JsonObject().put("accountId", outsider), "NOT_FOUND"});
      attempts.put("poll.open", new Object[] {chair, new JsonObject().put("pollId", bPoll), "NOT_FOUND"});
      attempts.put("poll.close", new Object[] {adminClient, new JsonObject().put("pollId", bPoll), "NOT_FOUND"});
      attempts.put("poll.cancel", new Object[] {adminClient, new JsonObject().put("pollId", bPoll), "NOT_FOUND"});
      attempts.put("vote.cast", new Object[] {d1, new JsonObject().put("pollId", bPoll).put("choice", new JsonArray().add("YES"))
          .put("idempotencyKey", java.util.UUID.randomUUID().toString()), "NOT_FOUND"});
      attempts.put("vote.paper", new Object[] {chair, new JsonObject().put("pollId", bPoll).put("voterId", fx.id("delegate1"))
          .put("choice", new JsonArray().add("YES")), "NOT_FOUND"});
      attempts.put("proxy.set", new Object[] {chair, new JsonObject().put("giverId", outsider).put("holderId", fx.id("delegate1")), "BAD_MESSAGE"});
      attempts.put("proxy.clear", new Object[] {chair, new JsonObject().put("giverId", outsider), "NOT_FOUND"});
      attempts.put("agenda.update by admin", new Object[] {adminClient, new JsonObject().put("itemId", bItem).put("title", "Hijacked"), "NOT_FOUND"});
      for (var e : attempts.entrySet()) {
        String type = e.getKey().split(" ")[0];
        LiveClient who = (LiveClient) e.getValue()[0];
        JsonObject reply = who.command(type, (JsonObject) e.getValue()[1]);
        if (!"error".equals(reply.getString("type")) || !e.getValue()[2].equals(reply.getString("code"))) {
          failures.add(e.getKey() + ": expected " + e.getValue()[2] + ", got " + reply.encode());
        }
      }
      rejected(chair.command("speaker.end", null), "CONFLICT");
    }

    String chairToken = fx.token("chair");
    String base = "/api/meetings/" + a;
    List<Api.Response> rest = List.of(
        fx.api().method("PATCH", base + "/agenda/" + bItem, new JsonObject().put("title", "Hijacked"), chairToken),
        fx.api().method("DELETE", base + "/agenda/" + bItem, null, chairToken),
        fx.api().post(base + "/agenda/" + bItem + "/move", new JsonObject().put("position", 1), chairToken),
        fx.api().post(base + "/agenda", new JsonObject().put("title", "Child").put("parentId", bItem), chairToken),
        fx.api().put(base + "/current-item", new JsonObject().put("itemId", bItem), chairToken),
        fx.api().put(base + "/attendance/" + outsider, new JsonObject().put("status", "PRESENT"), chairToken));
    for (Api.Response r : rest) {
      if (r.status() != 404 || !"NOT_FOUND".equals(r.code())) {
        failures.add("REST: expected 404 NOT_FOUND, got " + r);
      }
    }
    JsonObject history = fx.speakers(a, bItem);
    assertThat(history.getJsonArray("history")).isEmpty();
    assertThat(history.encode()).doesNotContain(bEntry);

    assertThat(failures).isEmpty();
    assertThat(fx.ledger(b).encode()).isEqualTo(bLedger);
    assertThat(fx.api().get("/api/meetings/" + b + "/snapshot", admin).text()).isEqualTo(bSnapshot);
    assertThat(fx.ledger(a).size()).as("meeting A's ledger").isEqualTo(aLedger);
  }

  static String account(String username, String kind) {
    Api.Response r = fx.api().post("/api/accounts", new JsonObject().put("username", username).put("displayName", "Not in meeting A: " + username)
        .put("password", "correct horse battery").put("kind", kind), fx.token("admin"));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().getString("id");
  }
}
