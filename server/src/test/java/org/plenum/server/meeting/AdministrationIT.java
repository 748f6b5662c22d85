package org.plenum.server.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.TestServer;

/** The administrator's REST routes (docs/protocol.md §15, AD3-AD6; decision D29), over the real server and PostgreSQL. */
class AdministrationIT {
  static TestServer server;
  static Api api;
  static String admin;
  static String demo;
  static final String PW = "correct horse battery";

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of());
    api = server.api();
    admin = api.login("admin", TestServer.DEMO_PASSWORD);
    demo = api.get("/api/meetings", admin).array("meetings").getJsonObject(0).getString("id");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonObject account(String username) {
    var r = api.post("/api/accounts", new JsonObject().put("username", username).put("displayName", "Người " + username).put("password", PW), admin);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json();
  }

  @Test
  @DisplayName("AD3: a disabled account cannot sign in and its token stops at once; enabled again it signs in; not one's own")
  void disable_and_enable() {
    String id = account("ad3user").getString("id");
    String token = api.login("ad3user", PW);
    assertThat(api.get("/api/me", token).status()).isEqualTo(200);

    var off = api.put("/api/accounts/" + id + "/disabled", new JsonObject().put("disabled", true), admin);
    assertThat(off.status()).as(off.toString()).isEqualTo(200);
    assertThat(off.json().getBoolean("disabled")).isTrue();
    assertThat(api.get("/api/me", token).code()).isEqualTo("NOT_AUTHENTICATED");
    assertThat(api.post("/api/auth/login", new JsonObject().put("username", "ad3user").put("password", PW)).status()).isEqualTo(401);
    JsonObject listed = null;
    for (Object o : api.get("/api/accounts", admin).array("accounts")) {
      if (((JsonObject) o).getString("id").equals(id)) {
        listed = (JsonObject) o;
      }
    }
    assertThat(listed).isNotNull();
    assertThat(listed.getBoolean("disabled")).isTrue();

    assertThat(api.put("/api/accounts/" + id + "/disabled", new JsonObject().put("disabled", false), admin).json().getBoolean("disabled")).isFalse();
    assertThat(api.get("/api/me", api.login("ad3user", PW)).status()).isEqualTo(200);

    // Bad input and wrong callers.
    String adminId = api.get("/api/me", admin).json().getString("id");
    assertThat(api.put("/api/accounts/" + adminId + "/disabled", new JsonObject().put("disabled", true), admin).code()).isEqualTo("CONFLICT");
    assertThat(api.put("/api/accounts/" + id + "/disabled", new JsonObject(), admin).code()).isEqualTo("BAD_MESSAGE");
    assertThat(api.put("/api/accounts/" + id + "/disabled", new JsonObject().put("disabled", "yes"), admin).code()).isEqualTo("BAD_MESSAGE");
    assertThat(api.put("/api/accounts/" + id + "/disabled", new JsonObject().put("disabled", true).put("extra", 1), admin).code())
        .isEqualTo("BAD_MESSAGE");
    assertThat(api.put("/api/accounts/" + UUID.randomUUID() + "/disabled", new JsonObject().put("disabled", true), admin).code())
        .isEqualTo("NOT_FOUND");
    assertThat(api.put("/api/accounts/not-a-uuid/disabled", new JsonObject().put("disabled", true), admin).code()).isEqualTo("NOT_FOUND");
    String chair = api.login("chair", TestServer.DEMO_PASSWORD);
    assertThat(api.put("/api/accounts/" + id + "/disabled", new JsonObject().put("disabled", true), chair).code()).isEqualTo("FORBIDDEN");
    assertThat(api.get("/api/me", api.login("ad3user", PW)).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("AD4: a reset makes a new password shown once; the old one and every session end; the new one signs in")
  void reset_password() {
    String id = account("ad4user").getString("id");
    String token = api.login("ad4user", PW);
    var reset = api.post("/api/accounts/" + id + "/password-reset", null, admin);
    assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
    String password = reset.json().getString("password");
    assertThat(password).hasSizeGreaterThanOrEqualTo(20).matches("[A-Za-z0-9]+");
    assertThat(reset.json().getJsonObject("account").getString("username")).isEqualTo("ad4user");
    assertThat(api.get("/api/me", token).code()).isEqualTo("NOT_AUTHENTICATED");
    assertThat(api.post("/api/auth/login", new JsonObject().put("username", "ad4user").put("password", PW)).status()).isEqualTo(401);
    assertThat(api.get("/api/me", api.login("ad4user", password)).json().getString("username")).isEqualTo("ad4user");
    // A second reset gives another password; the list never shows one.
    assertThat(api.post("/api/accounts/" + id + "/password-reset", null, admin).json().getString("password")).isNotEqualTo(password);
    assertThat(api.get("/api/accounts", admin).text()).doesNotContain(password).doesNotContain("password");

    assertThat(api.post("/api/accounts/" + UUID.randomUUID() + "/password-reset", null, admin).code()).isEqualTo("NOT_FOUND");
    String delegate = api.login("delegate1", TestServer.DEMO_PASSWORD);
    var forbidden = api.post("/api/accounts/" + id + "/password-reset", null, delegate);
    assertThat(forbidden.code()).isEqualTo("FORBIDDEN");
    assertThat(forbidden.text()).doesNotContain("password\"");
    assertThat(api.post("/api/accounts/" + id + "/password-reset", null, null).code()).isEqualTo("NOT_AUTHENTICATED");
  }

  @Test
  @DisplayName("AD5: a meeting made from a template has the template's agenda tree (nesting, durations, internal items) and place")
  void meeting_from_template() {
    // The template: a meeting with a nested and an internal item.
    var template = api.post("/api/meetings", new JsonObject().put("title", "Kỳ họp thứ 7").put("location", "Hội trường A")
        .put("agenda", new JsonArray().add("Khai mạc").add("Báo cáo")), admin).json();
    String t = template.getString("id");
    String parent = agendaOf(t, admin).getJsonObject(1).getString("id");
    assertThat(api.post("/api/meetings/" + t + "/agenda", new JsonObject().put("title", "Thảo luận tổ").put("parentId", parent)
        .put("durationMinutes", 45), admin).status()).isEqualTo(201);
    assertThat(api.post("/api/meetings/" + t + "/agenda", new JsonObject().put("title", "Chuẩn bị nội bộ").put("internal", true), admin)
        .status()).isEqualTo(201);

    var made = api.post("/api/meetings", new JsonObject().put("title", "Kỳ họp thứ 8").put("startsAt", "2027-01-10T08:00:00+07:00")
        .put("templateMeetingId", t).put("agenda", new JsonArray().add("Bế mạc")), admin);
    assertThat(made.status()).as(made.toString()).isEqualTo(201);
    JsonObject meeting = made.json();
    assertThat(meeting.getString("location")).isEqualTo("Hội trường A");
    assertThat(meeting.getString("status")).isEqualTo("SCHEDULED");
    String m = meeting.getString("id");

    JsonArray copied = agendaOf(m, admin);
    assertThat(shape(copied)).containsExactly("1 Khai mạc - false", "2 Báo cáo - false", "2.1 Thảo luận tổ 45 false", "3 Chuẩn bị nội bộ - true",
        "4 Bế mạc - false");
    // Fresh items, not the template's: editing the copy leaves the template alone.
    assertThat(copied.getJsonObject(0).getString("id")).isNotEqualTo(agendaOf(t, admin).getJsonObject(0).getString("id"));
    assertThat(api.method("PATCH", "/api/meetings/" + m + "/agenda/" + copied.getJsonObject(0).getString("id"),
        new JsonObject().put("title", "Khai mạc kỳ 8"), admin).status()).isEqualTo(200);
    assertThat(agendaOf(t, admin).getJsonObject(0).getString("title")).isEqualTo("Khai mạc");
    // A location given wins over the template's.
    assertThat(api.post("/api/meetings", new JsonObject().put("title", "Kỳ họp thứ 9").put("location", "Phòng B").put("templateMeetingId", t), admin)
        .json().getString("location")).isEqualTo("Phòng B");

    // Bad input and wrong callers.
    assertThat(api.post("/api/meetings", new JsonObject().put("title", "x").put("templateMeetingId", UUID.randomUUID().toString()), admin).code())
        .isEqualTo("NOT_FOUND");
    assertThat(api.post("/api/meetings", new JsonObject().put("title", "x").put("templateMeetingId", "nope"), admin).code()).isEqualTo("BAD_MESSAGE");
    assertThat(api.post("/api/meetings", new JsonObject().put("title", "x").put("templateMeetingId", 5), admin).code()).isEqualTo("BAD_MESSAGE");
    String chair = api.login("chair", TestServer.DEMO_PASSWORD);
    assertThat(api.post("/api/meetings", new JsonObject().put("title", "x").put("templateMeetingId", t), chair).code()).isEqualTo("FORBIDDEN");
  }

  @Test
  @DisplayName("AD6: copying participants brings roles, voting rights and weights; present ones stay; ledger events; typed errors")
  void copy_participants() {
    // The demo meeting: chair, secretary, delegates, a room. One delegate carries a weight.
    String delegate2 = participantId(demo, "delegate2");
    assertThat(api.put("/api/meetings/" + demo + "/participants", new JsonObject().put("accountId", delegate2).put("role", "DELEGATE")
        .put("voteWeight", 2.5), admin).status()).isEqualTo(200);
    String m = api.post("/api/meetings", new JsonObject().put("title", "Copy target"), admin).json().getString("id");
    // The secretary of the demo is already an observer in the target: that entry stays.
    String secretary = participantId(demo, "secretary");
    assertThat(api.put("/api/meetings/" + m + "/participants", new JsonObject().put("accountId", secretary).put("role", "OBSERVER"), admin)
        .status()).isEqualTo(200);
    long seqBefore = api.get("/api/meetings/" + m + "/snapshot", admin).json().getLong("seq", 0L);

    var copy = api.post("/api/meetings/" + m + "/participants/copy", new JsonObject().put("fromMeetingId", demo), admin);
    assertThat(copy.status()).as(copy.toString()).isEqualTo(200);
    int source = api.get("/api/meetings/" + demo + "/participants", admin).array("participants").size();
    assertThat(copy.json().getInteger("added")).isEqualTo(source - 1);
    JsonArray parts = copy.json().getJsonArray("participants");
    assertThat(parts).hasSize(source);
    assertThat(roleIn(parts, "secretary")).isEqualTo("OBSERVER");
    assertThat(roleIn(parts, "chair")).isEqualTo("CHAIR");
    assertThat(roleIn(parts, "delegate2")).isEqualTo("DELEGATE");
    assertThat(roleIn(parts, "room1")).isEqualTo("REMOTE_ROOM");
    // The weight came along (VT9), as the live participant list shows it.
    JsonObject snap = api.get("/api/meetings/" + m + "/snapshot", admin).json();
    assertThat(snap.toString()).contains("delegate2");
    assertThat(snap.getLong("seq", 0L)).isEqualTo(seqBefore + source - 1);
    JsonArray events = api.get("/api/meetings/" + m + "/ledger", admin).json().getJsonArray("events");
    assertThat(events.stream().map(e -> ((JsonObject) e).getString("type")).filter("participant.changed"::equals).count())
        .isEqualTo(source);
    // The new delegate sees the meeting in their list.
    String d2 = api.login("delegate2", TestServer.DEMO_PASSWORD);
    assertThat(api.get("/api/meetings", d2).array("meetings").stream().map(o -> ((JsonObject) o).getString("id")).toList()).contains(m);
    // Twice: nothing more is added.
    assertThat(api.post("/api/meetings/" + m + "/participants/copy", new JsonObject().put("fromMeetingId", demo), admin).json().getInteger("added"))
        .isZero();

    // Bad input and wrong callers.
    assertThat(api.post("/api/meetings/" + m + "/participants/copy", new JsonObject().put("fromMeetingId", m), admin).code()).isEqualTo("BAD_MESSAGE");
    assertThat(api.post("/api/meetings/" + m + "/participants/copy", new JsonObject(), admin).code()).isEqualTo("BAD_MESSAGE");
    assertThat(api.post("/api/meetings/" + m + "/participants/copy", new JsonObject().put("fromMeetingId", "x"), admin).code()).isEqualTo("BAD_MESSAGE");
    assertThat(api.post("/api/meetings/" + m + "/participants/copy", new JsonObject().put("fromMeetingId", UUID.randomUUID().toString()), admin)
        .code()).isEqualTo("NOT_FOUND");
    assertThat(api.post("/api/meetings/" + UUID.randomUUID() + "/participants/copy", new JsonObject().put("fromMeetingId", demo), admin)
        .code()).isEqualTo("NOT_FOUND");
    String chair = api.login("chair", TestServer.DEMO_PASSWORD);
    assertThat(api.post("/api/meetings/" + m + "/participants/copy", new JsonObject().put("fromMeetingId", demo), chair).code())
        .isEqualTo("FORBIDDEN");
  }

  static JsonArray agendaOf(String meeting, String token) {
    var r = api.get("/api/meetings/" + meeting + "/snapshot", token);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json().getJsonObject("data", r.json()).getJsonObject("agenda").getJsonArray("items");
  }

  /** "number title duration internal" per item, with the parent's number in the item's number. */
  static List<String> shape(JsonArray items) {
    List<String> out = new ArrayList<>();
    for (Object o : items) {
      JsonObject i = (JsonObject) o;
      out.add(i.getValue("number") + " " + i.getString("title") + " " + (i.getValue("durationMinutes") == null ? "-" : i.getValue("durationMinutes"))
          + " " + i.getBoolean("internal"));
    }
    return out;
  }

  static String roleIn(JsonArray participants, String username) {
    for (Object o : participants) {
      if (((JsonObject) o).getString("username").equals(username)) {
        return ((JsonObject) o).getString("role");
      }
    }
    return null;
  }

  static String participantId(String meeting, String username) {
    for (Object o : api.get("/api/meetings/" + meeting + "/participants", admin).array("participants")) {
      if (((JsonObject) o).getString("username").equals(username)) {
        return ((JsonObject) o).getString("accountId");
      }
    }
    throw new AssertionError(username);
  }
}
