package org.plenum.server.agenda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.testing.LiveMeetingFixture.acked;
import static org.plenum.server.testing.LiveMeetingFixture.dataOf;
import static org.plenum.server.testing.LiveMeetingFixture.eventAt;
import static org.plenum.server.testing.LiveMeetingFixture.rejected;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.LiveClient;
import org.plenum.server.testing.LiveMeetingFixture;

/** The agenda tree over real meeting sockets and REST, each test in a fresh meeting (docs/protocol.md AG1–AG2). */
class AgendaIT {
  static LiveMeetingFixture fx;

  @BeforeAll
  static void start() {
    fx = LiveMeetingFixture.start();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  /** "number title" of every item, in display order. */
  static List<String> numbered(JsonObject agenda) {
    List<String> out = new ArrayList<>();
    agenda.getJsonArray("items").forEach(o -> out.add(((JsonObject) o).getString("number") + " " + ((JsonObject) o).getString("title")));
    return out;
  }

  static String idOf(JsonObject agenda, String title) {
    for (Object o : agenda.getJsonArray("items")) {
      if (((JsonObject) o).getString("title").equals(title)) {
        return ((JsonObject) o).getString("id");
      }
    }
    throw new AssertionError("no item '" + title + "' in " + agenda.encode());
  }

  static JsonObject add(String title, String parentId) {
    return new JsonObject().put("title", title).put("parentId", parentId).put("durationMinutes", 15);
  }

  static JsonObject move(String itemId, String parentId, int position) {
    return new JsonObject().put("itemId", itemId).put("parentId", parentId).put("position", position);
  }

  @Test
  @DisplayName("AG1: only the chair, secretary or admin edit; sub-items are numbered 1, 2, 2.1, 2.2, 3; moving under a sub-item is BAD_MESSAGE; "
      + "move renumbers; remove takes the subtree; an unknown current item is NOT_FOUND")
  void editing_over_the_socket() {
    String m = fx.newMeeting();
    try (LiveClient secretary = fx.client(m, "secretary"); LiveClient chair = fx.client(m, "chair"); LiveClient d1 = fx.client(m, "delegate1")) {
      String two = idOf(new JsonObject().put("items", fx.agendaItems(m)), "Two");
      rejected(d1.command("agenda.add", add("Sneaky", null)), "FORBIDDEN");
      rejected(d1.command("agenda.update", new JsonObject().put("itemId", two).put("title", "Mine")), "FORBIDDEN");
      rejected(d1.command("agenda.move", move(two, null, 1)), "FORBIDDEN");
      rejected(d1.command("agenda.remove", new JsonObject().put("itemId", two)), "FORBIDDEN");
      rejected(d1.command("agenda.setCurrent", new JsonObject().put("itemId", two)), "FORBIDDEN");

      acked(secretary.command("agenda.add", add("Two-A", two)));
      JsonObject agenda = dataOf(d1, secretary.command("agenda.add", add("Two-B", two)));
      assertThat(numbered(agenda)).containsExactly("1 One", "2 Two", "2.1 Two-A", "2.2 Two-B", "3 Three");
      assertThat(agenda.getString("reason")).isEqualTo("added");
      assertThat(agenda.getString("itemId")).isEqualTo(idOf(agenda, "Two-B"));
      assertThat(agenda.getJsonArray("items").getJsonObject(2).getString("parentId")).isEqualTo(two);
      assertThat(agenda.getJsonArray("items").getJsonObject(2).getInteger("durationMinutes")).isEqualTo(15);
      String twoA = idOf(agenda, "Two-A");
      String twoB = idOf(agenda, "Two-B");
      String three = idOf(agenda, "Three");

      rejected(chair.command("agenda.move", move(two, twoA, 1)), "BAD_MESSAGE");
      rejected(chair.command("agenda.move", move(two, two, 1)), "BAD_MESSAGE");
      rejected(chair.command("agenda.move", move(three, null, 5)), "BAD_MESSAGE");
      rejected(chair.command("agenda.move", move(three, null, 0)), "BAD_MESSAGE");
      rejected(chair.command("agenda.add", add("Orphan", UUID.randomUUID().toString())), "NOT_FOUND");

      agenda = dataOf(d1, chair.command("agenda.move", move(three, null, 1)));
      assertThat(agenda.getString("reason")).isEqualTo("moved");
      assertThat(numbered(agenda)).containsExactly("1 Three", "2 One", "3 Two", "3.1 Two-A", "3.2 Two-B");
      agenda = dataOf(d1, chair.command("agenda.move", move(twoB, two, 1)));
      assertThat(numbered(agenda)).containsExactly("1 Three", "2 One", "3 Two", "3.1 Two-B", "3.2 Two-A");
      agenda = dataOf(d1, secretary.command("agenda.move", move(twoA, three, 1)));
      assertThat(numbered(agenda)).containsExactly("1 Three", "1.1 Two-A", "2 One", "3 Two", "3.1 Two-B");
      agenda = dataOf(d1, secretary.command("agenda.move", move(twoA, null, 4)));
      assertThat(numbered(agenda)).containsExactly("1 Three", "2 One", "3 Two", "3.1 Two-B", "4 Two-A");

      agenda = dataOf(d1, chair.command("agenda.setCurrent", new JsonObject().put("itemId", twoB)));
      assertThat(agenda.getString("currentItemId")).isEqualTo(twoB);
      assertThat(agenda.getString("reason")).isEqualTo("current");
      rejected(chair.command("agenda.setCurrent", new JsonObject().put("itemId", UUID.randomUUID().toString())), "NOT_FOUND");
      rejected(chair.command("agenda.update", new JsonObject().put("itemId", UUID.randomUUID().toString()).put("title", "x")), "NOT_FOUND");
      rejected(chair.command("agenda.remove", new JsonObject().put("itemId", UUID.randomUUID().toString())), "NOT_FOUND");

      agenda = dataOf(d1, secretary.command("agenda.update", new JsonObject().put("itemId", two).put("title", "Two (revised)").put("durationMinutes", 50)));
      assertThat(numbered(agenda)).containsExactly("1 Three", "2 One", "3 Two (revised)", "3.1 Two-B", "4 Two-A");
      assertThat(agenda.getString("reason")).isEqualTo("updated");

      // Removing an item removes its sub-items, and with them the current item.
      agenda = dataOf(d1, chair.command("agenda.remove", new JsonObject().put("itemId", two)));
      assertThat(agenda.getString("reason")).isEqualTo("removed");
      assertThat(numbered(agenda)).containsExactly("1 Three", "2 One", "3 Two-A");
      assertThat(agenda.getValue("currentItemId")).isNull();
      rejected(chair.command("agenda.setCurrent", new JsonObject().put("itemId", twoB)), "NOT_FOUND");
      agenda = dataOf(d1, chair.command("agenda.setCurrent", new JsonObject().putNull("itemId")));
      assertThat(agenda.getValue("currentItemId")).isNull();
      assertThat(numbered(new JsonObject().put("items", fx.agendaItems(m)))).containsExactly("1 Three", "2 One", "3 Two-A");
    }
  }

  @Test
  @DisplayName("AG1: the REST agenda routes (POST, PATCH, move, current-item, DELETE) go through the same rules and reach sockets as agenda.changed with the answered seq")
  void rest_gives_the_same_events() {
    String m = fx.newMeeting();
    Api api = fx.api();
    String base = "/api/meetings/" + m;
    try (LiveClient d1 = fx.client(m, "delegate1")) {
      String one = idOf(new JsonObject().put("items", fx.agendaItems(m)), "One");

      Api.Response r = api.post(base + "/agenda", new JsonObject().put("title", "One-A").put("parentId", one), fx.token("secretary"));
      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      JsonObject ev = eventAt(d1, r.json().getLong("seq"));
      assertThat(ev.getString("type")).isEqualTo("agenda.changed");
      assertThat(numbered(ev.getJsonObject("data"))).containsExactly("1 One", "1.1 One-A", "2 Two", "3 Three");
      String oneA = idOf(ev.getJsonObject("data"), "One-A");

      r = api.method("PATCH", base + "/agenda/" + oneA, new JsonObject().put("title", "One-A (amended)"), fx.token("chair"));
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      ev = eventAt(d1, r.json().getLong("seq"));
      assertThat(ev.getString("type")).isEqualTo("agenda.changed");
      assertThat(ev.getJsonObject("data").getString("reason")).isEqualTo("updated");
      assertThat(numbered(ev.getJsonObject("data"))).containsExactly("1 One", "1.1 One-A (amended)", "2 Two", "3 Three");
      assertThat(numbered(r.json())).isEqualTo(numbered(ev.getJsonObject("data")));

      r = api.post(base + "/agenda/" + oneA + "/move", new JsonObject().putNull("parentId").put("position", 2), fx.token("admin"));
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      ev = eventAt(d1, r.json().getLong("seq"));
      assertThat(ev.getJsonObject("data").getString("reason")).isEqualTo("moved");
      assertThat(numbered(ev.getJsonObject("data"))).containsExactly("1 One", "2 One-A (amended)", "3 Two", "4 Three");

      r = api.put(base + "/current-item", new JsonObject().put("itemId", oneA), fx.token("secretary"));
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      ev = eventAt(d1, r.json().getLong("seq"));
      assertThat(ev.getJsonObject("data").getString("reason")).isEqualTo("current");
      assertThat(ev.getJsonObject("data").getString("currentItemId")).isEqualTo(oneA);

      r = api.method("DELETE", base + "/agenda/" + oneA, null, fx.token("chair"));
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      ev = eventAt(d1, r.json().getLong("seq"));
      assertThat(ev.getJsonObject("data").getString("reason")).isEqualTo("removed");
      assertThat(numbered(ev.getJsonObject("data"))).containsExactly("1 One", "2 Two", "3 Three");
      assertThat(ev.getJsonObject("data").getValue("currentItemId")).isNull();

      String two = idOf(ev.getJsonObject("data"), "Two");
      for (Api.Response denied : List.of(
          api.post(base + "/agenda", new JsonObject().put("title", "x"), fx.token("delegate1")),
          api.method("PATCH", base + "/agenda/" + two, new JsonObject().put("title", "x"), fx.token("delegate1")),
          api.post(base + "/agenda/" + two + "/move", new JsonObject().put("position", 1), fx.token("observer")),
          api.put(base + "/current-item", new JsonObject().put("itemId", two), fx.token("room1")),
          api.method("DELETE", base + "/agenda/" + two, null, fx.token("delegate2")))) {
        assertThat(denied.status()).as(denied.toString()).isEqualTo(403);
        assertThat(denied.code()).isEqualTo("FORBIDDEN");
      }
      Api.Response missing = api.method("PATCH", base + "/agenda/" + UUID.randomUUID(), new JsonObject().put("title", "x"), fx.token("chair"));
      assertThat(missing.status()).as(missing.toString()).isEqualTo(404);
      assertThat(numbered(new JsonObject().put("items", fx.agendaItems(m)))).containsExactly("1 One", "2 Two", "3 Three");
    }
  }

  @Test
  @DisplayName("AG2, P7: an internal item and its sub-items reach the chair but not a delegate — in live events, snapshots, replays after reconnect, the ledger and REST")
  void internal_items_stay_with_the_people_running_the_meeting() {
    String m = fx.newMeeting();
    try (LiveClient chair = fx.client(m, "chair"); LiveClient secretary = fx.client(m, "secretary"); LiveClient d1 = fx.client(m, "delegate1")) {
      JsonObject full = dataOf(chair, secretary.command("agenda.add", new JsonObject().put("title", "Personnel (closed session)").put("internal", true)));
      String secret = idOf(full, "Personnel (closed session)");
      long seq = acked(secretary.command("agenda.add", add("Candidate Nguyen", secret)));
      full = eventAt(chair, seq).getJsonObject("data");
      assertThat(numbered(full)).containsExactly("1 One", "2 Two", "3 Three", "4 Personnel (closed session)", "4.1 Candidate Nguyen");
      assertThat(full.getJsonArray("items").getJsonObject(4).getBoolean("internal")).isTrue();
      String candidate = idOf(full, "Candidate Nguyen");
      List<String> hidden = List.of(secret, candidate, "Personnel", "Candidate");

      JsonObject seen = eventAt(d1, seq);
      assertThat(numbered(seen.getJsonObject("data"))).containsExactly("1 One", "2 Two", "3 Three");
      assertNothingOf(hidden, seen);

      // Current item: the chair sees it, the delegate sees none.
      seq = acked(chair.command("agenda.setCurrent", new JsonObject().put("itemId", candidate)));
      assertThat(eventAt(chair, seq).getJsonObject("data").getString("currentItemId")).isEqualTo(candidate);
      seen = eventAt(d1, seq);
      assertThat(seen.getJsonObject("data").getValue("currentItemId")).isNull();
      assertNothingOf(hidden, seen);

      // Snapshots: over the socket and over REST.
      try (LiveClient fresh = new LiveClient(fx.api(), fx.server().port(), m, fx.token("delegate2"))) {
        fresh.open();
        JsonObject ack = fresh.resume(null);
        assertThat(ack.getString("mode")).isEqualTo("snapshot");
        JsonObject snapshot = fresh.next(f -> "snapshot".equals(f.getString("type")));
        assertThat(numbered(snapshot.getJsonObject("data").getJsonObject("agenda"))).containsExactly("1 One", "2 Two", "3 Three");
        assertNothingOf(hidden, snapshot);
      }
      Api.Response rest = fx.api().get("/api/meetings/" + m + "/snapshot", fx.token("delegate1"));
      assertThat(numbered(rest.json().getJsonObject("agenda"))).containsExactly("1 One", "2 Two", "3 Three");
      assertNothingOf(hidden, rest.json());
      assertThat(fx.api().get("/api/meetings/" + m + "/snapshot", fx.token("secretary")).text()).contains(secret, candidate);

      // Replay after a reconnect: changes made while the tablet was away.
      d1.drop();
      acked(secretary.command("agenda.update", new JsonObject().put("itemId", secret).put("title", "Personnel: Candidate Tran added")));
      acked(secretary.command("agenda.add", add("Candidate Tran", secret)));
      JsonObject removed = dataOf(chair, chair.command("agenda.remove", new JsonObject().put("itemId", candidate)));
      assertThat(numbered(removed)).containsExactly("1 One", "2 Two", "3 Three", "4 Personnel: Candidate Tran added", "4.1 Candidate Tran");
      String tran = idOf(removed, "Candidate Tran");
      int before = d1.events.size();
      JsonObject replay = d1.connect();
      assertThat(replay.getString("mode")).isEqualTo("replay");
      assertThat(replay.getInteger("replayed")).isEqualTo(3);
      List<JsonObject> replayed = new ArrayList<>(d1.events.subList(before, d1.events.size()));
      assertThat(replayed).hasSize(3);
      for (JsonObject e : replayed) {
        assertThat(numbered(e.getJsonObject("data"))).containsExactly("1 One", "2 Two", "3 Three");
        assertNothingOf(List.of(secret, candidate, tran, "Personnel", "Candidate"), e);
      }

      // The ledger and the meeting as REST gives them to a delegate.
      JsonArray ledger = fx.api().get("/api/meetings/" + m + "/ledger", fx.token("delegate1")).json().getJsonArray("events");
      assertThat(ledger).isNotEmpty();
      assertNothingOf(List.of(secret, candidate, tran, "Personnel", "Candidate"), new JsonObject().put("events", ledger));
      Api.Response meeting = fx.api().get("/api/meetings/" + m, fx.token("delegate1"));
      assertThat(meeting.status()).isEqualTo(200);
      assertThat(meeting.json().getJsonArray("agenda")).hasSize(3);
      assertNothingOf(List.of(secret, tran, "Personnel", "Candidate"), meeting.json());
      assertThat(fx.api().get("/api/meetings/" + m, fx.token("chair")).json().getJsonArray("agenda")).hasSize(5);

      // Made public, the item reaches everyone.
      JsonObject shown = eventAt(d1, acked(chair.command("agenda.update", new JsonObject().put("itemId", secret).put("internal", false))))
          .getJsonObject("data");
      assertThat(numbered(shown)).containsExactly("1 One", "2 Two", "3 Three", "4 Personnel: Candidate Tran added", "4.1 Candidate Tran");
    }
  }

  static void assertNothingOf(List<String> hidden, JsonObject frame) {
    String text = frame.encode();
    for (String h : hidden) {
      assertThat(text).as("a delegate's frame mentions '" + h + "'").doesNotContain(h);
    }
  }
}
