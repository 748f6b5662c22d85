package org.plenum.server.speaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.testing.LiveMeetingFixture.acked;
import static org.plenum.server.testing.LiveMeetingFixture.dataOf;
import static org.plenum.server.testing.LiveMeetingFixture.eventAt;
import static org.plenum.server.testing.LiveMeetingFixture.rejected;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.LiveClient;
import org.plenum.server.testing.LiveMeetingFixture;

/** The list of speakers over real meeting sockets, each test in a fresh meeting (docs/protocol.md SQ1–SQ7). */
class SpeakerQueueIT {
  static LiveMeetingFixture fx;

  @BeforeAll
  static void start() {
    fx = LiveMeetingFixture.start();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  static JsonObject kind(String kind) {
    return new JsonObject().put("kind", kind);
  }

  static JsonObject entry(String entryId) {
    return new JsonObject().put("entryId", entryId);
  }

  /** Account ids of the waiting list, in order. */
  static List<String> waiting(JsonObject queue) {
    List<String> out = new ArrayList<>();
    queue.getJsonArray("waiting").forEach(o -> out.add(((JsonObject) o).getString("accountId")));
    return out;
  }

  /** The entry id the requester's own tablet learns from the event of its request. */
  static String request(LiveClient who, String kind) {
    return dataOf(who, who.command("speaker.request", kind(kind))).getJsonObject("entry").getString("id");
  }

  @Test
  @DisplayName("SQ1: delegates, remote rooms and the chair request to speak; an observer is FORBIDDEN; a second waiting request by the same person is CONFLICT")
  void who_requests() {
    String m = fx.newMeeting();
    try (LiveClient d1 = fx.client(m, "delegate1"); LiveClient room = fx.client(m, "room1"); LiveClient chair = fx.client(m, "chair");
         LiveClient observer = fx.client(m, "observer"); LiveClient d2 = fx.client(m, "delegate2")) {
      acked(d1.command("speaker.request", kind("SPEECH")));
      acked(room.command("speaker.request", null));
      JsonObject last = dataOf(d2, chair.command("speaker.request", kind("QUESTION")));
      assertThat(waiting(last.getJsonObject("queue"))).containsExactly(fx.id("delegate1"), fx.id("room1"), fx.id("chair"));
      assertThat(last.getJsonObject("entry").getString("kind")).isEqualTo("QUESTION");
      assertThat(last.getJsonObject("entry").getString("status")).isEqualTo("WAITING");

      rejected(observer.command("speaker.request", null), "FORBIDDEN");
      rejected(d1.command("speaker.request", kind("SPEECH")), "CONFLICT");
      rejected(d1.command("speaker.request", kind("POINT_OF_ORDER")), "CONFLICT");
      assertThat(waiting(fx.speakers(m, null))).containsExactly(fx.id("delegate1"), fx.id("room1"), fx.id("chair"));
    }
  }

  @Test
  @DisplayName("SQ2: a point of order goes ahead of waiting speeches and questions, after earlier points of order")
  void point_of_order_goes_first() {
    String m = fx.newMeeting();
    try (LiveClient d1 = fx.client(m, "delegate1"); LiveClient d2 = fx.client(m, "delegate2"); LiveClient d3 = fx.client(m, "delegate3");
         LiveClient d4 = fx.client(m, "delegate4"); LiveClient d5 = fx.client(m, "delegate5")) {
      acked(d1.command("speaker.request", kind("SPEECH")));
      acked(d2.command("speaker.request", kind("QUESTION")));
      acked(d3.command("speaker.request", kind("POINT_OF_ORDER")));
      JsonObject after = dataOf(d5, d4.command("speaker.request", kind("POINT_OF_ORDER")));
      assertThat(waiting(after.getJsonObject("queue")))
          .containsExactly(fx.id("delegate3"), fx.id("delegate4"), fx.id("delegate1"), fx.id("delegate2"));
      JsonObject reply = dataOf(d5, d5.command("speaker.request", kind("REPLY")));
      assertThat(waiting(reply.getJsonObject("queue")))
          .containsExactly(fx.id("delegate3"), fx.id("delegate4"), fx.id("delegate1"), fx.id("delegate2"), fx.id("delegate5"));
    }
  }

  @Test
  @DisplayName("SQ3: the requester withdraws; another delegate is FORBIDDEN; the secretary may; a request that is not waiting is CONFLICT")
  void withdraw() {
    String m = fx.newMeeting();
    try (LiveClient d1 = fx.client(m, "delegate1"); LiveClient d2 = fx.client(m, "delegate2"); LiveClient secretary = fx.client(m, "secretary");
         LiveClient chair = fx.client(m, "chair"); LiveClient d3 = fx.client(m, "delegate3")) {
      String own = request(d1, "SPEECH");
      JsonObject withdrawn = dataOf(d3, d1.command("speaker.withdraw", entry(own)));
      assertThat(withdrawn.getJsonObject("entry").getString("status")).isEqualTo("WITHDRAWN");
      assertThat(withdrawn.getJsonObject("entry").getString("endedAt")).isNotNull();
      assertThat(waiting(withdrawn.getJsonObject("queue"))).isEmpty();

      String other = request(d2, "SPEECH");
      rejected(d1.command("speaker.withdraw", entry(other)), "FORBIDDEN");
      assertThat(waiting(fx.speakers(m, null))).containsExactly(fx.id("delegate2"));
      assertThat(dataOf(d3, secretary.command("speaker.withdraw", entry(other))).getJsonObject("entry").getString("status")).isEqualTo("WITHDRAWN");

      rejected(d2.command("speaker.withdraw", entry(other)), "CONFLICT");
      rejected(d1.command("speaker.withdraw", entry(own)), "CONFLICT");
      // A request that has the floor is no longer waiting either.
      String speaking = request(d3, "SPEECH");
      acked(chair.command("speaker.grant", entry(speaking)));
      rejected(d3.command("speaker.withdraw", entry(speaking)), "CONFLICT");
      rejected(chair.command("speaker.withdraw", entry(speaking)), "CONFLICT");
      // d1 may ask again once the old request is withdrawn.
      acked(d1.command("speaker.request", null));
    }
  }

  @Test
  @DisplayName("SQ4: a grant ends the current speaker first (speaker.ended then speaker.granted, in seq order, to every delegate); "
      + "end with nobody speaking is CONFLICT; reorder needs exactly the waiting ids; the secretary adds people")
  void grant_end_reorder_add() {
    String m = fx.newMeeting();
    try (LiveClient chair = fx.client(m, "chair"); LiveClient secretary = fx.client(m, "secretary"); LiveClient d1 = fx.client(m, "delegate1");
         LiveClient d2 = fx.client(m, "delegate2"); LiveClient d3 = fx.client(m, "delegate3"); LiveClient d4 = fx.client(m, "delegate4");
         LiveClient watcher = fx.client(m, "delegate5")) {
      String first = request(d1, "SPEECH");
      String second = request(d2, "SPEECH");
      JsonObject granted = dataOf(watcher, chair.command("speaker.grant", entry(first)));
      assertThat(granted.getJsonObject("entry").getString("status")).isEqualTo("SPEAKING");
      assertThat(granted.getJsonObject("queue").getJsonObject("current").getString("id")).isEqualTo(first);
      assertThat(waiting(granted.getJsonObject("queue"))).containsExactly(fx.id("delegate2"));

      int before = watcher.events.size();
      long seq = acked(secretary.command("speaker.grant", entry(second)));
      eventAt(watcher, seq);
      List<JsonObject> arrived = new ArrayList<>(watcher.events.subList(before, watcher.events.size()));
      assertThat(arrived).extracting(e -> e.getString("type")).containsExactly("speaker.ended", "speaker.granted");
      assertThat(arrived).extracting(e -> e.getLong("seq")).containsExactly(seq - 1, seq);
      JsonObject ended = arrived.get(0).getJsonObject("data");
      assertThat(ended.getJsonObject("entry").getString("id")).isEqualTo(first);
      assertThat(ended.getJsonObject("entry").getString("status")).isEqualTo("DONE");
      assertThat(ended.getJsonObject("entry").getString("endedAt")).isNotNull();
      assertThat(arrived.get(1).getJsonObject("data").getJsonObject("entry").getString("id")).isEqualTo(second);
      assertThat(arrived.get(1).getJsonObject("data").getJsonObject("queue").getJsonObject("current").getString("id")).isEqualTo(second);

      JsonObject end = dataOf(d1, chair.command("speaker.end", null));
      assertThat(end.getJsonObject("entry").getString("id")).isEqualTo(second);
      assertThat(end.getJsonObject("queue").getValue("current")).isNull();
      rejected(chair.command("speaker.end", null), "CONFLICT");
      rejected(d2.command("speaker.end", null), "FORBIDDEN");

      String a = request(d3, "SPEECH");
      String b = request(d4, "SPEECH");
      String c = request(d1, "QUESTION");
      rejected(chair.command("speaker.reorder", new JsonObject().put("entryIds", new JsonArray().add(c).add(a))), "BAD_MESSAGE");
      rejected(chair.command("speaker.reorder", new JsonObject().put("entryIds", new JsonArray().add(c).add(a).add(b).add(first))), "BAD_MESSAGE");
      rejected(chair.command("speaker.reorder", new JsonObject().put("entryIds", new JsonArray().add(c).add(a).add(a))), "BAD_MESSAGE");
      rejected(chair.command("speaker.reorder", new JsonObject().put("entryIds", new JsonArray().add(c).add(a).add(b).add(a))), "BAD_MESSAGE");
      rejected(d3.command("speaker.reorder", new JsonObject().put("entryIds", new JsonArray().add(c).add(a).add(b))), "FORBIDDEN");
      assertThat(waiting(fx.speakers(m, null))).containsExactly(fx.id("delegate3"), fx.id("delegate4"), fx.id("delegate1"));

      JsonObject reordered = dataOf(watcher, chair.command("speaker.reorder", new JsonObject().put("entryIds", new JsonArray().add(c).add(a).add(b))));
      assertThat(waiting(reordered.getJsonObject("queue"))).containsExactly(fx.id("delegate1"), fx.id("delegate3"), fx.id("delegate4"));
      assertThat(reordered.getJsonObject("queue").getJsonArray("waiting").getJsonObject(0).getString("id")).isEqualTo(c);

      JsonObject added = dataOf(watcher, secretary.command("speaker.add", new JsonObject().put("accountId", fx.id("delegate6"))));
      assertThat(added.getJsonObject("entry").getString("accountId")).isEqualTo(fx.id("delegate6"));
      assertThat(added.getJsonObject("entry").getString("kind")).isEqualTo("SPEECH");
      assertThat(waiting(added.getJsonObject("queue")))
          .containsExactly(fx.id("delegate1"), fx.id("delegate3"), fx.id("delegate4"), fx.id("delegate6"));
      rejected(d2.command("speaker.add", new JsonObject().put("accountId", fx.id("delegate2"))), "FORBIDDEN");
      rejected(secretary.command("speaker.add", new JsonObject().put("accountId", fx.id("observer"))), "FORBIDDEN");
      rejected(secretary.command("speaker.add", new JsonObject().put("accountId", fx.id("delegate6"))), "CONFLICT");
    }
  }

  @Test
  @DisplayName("SQ5: a granted speaker has the default time limit (180 s) or the given one, and a start time; a limit out of 10–14400 is BAD_MESSAGE")
  void time_limits() {
    String m = fx.newMeeting();
    try (LiveClient chair = fx.client(m, "chair"); LiveClient d1 = fx.client(m, "delegate1"); LiveClient d2 = fx.client(m, "delegate2")) {
      String first = request(d1, "SPEECH");
      String second = request(d2, "SPEECH");
      rejected(chair.command("speaker.grant", entry(first).put("timeLimitSeconds", 9)), "BAD_MESSAGE");
      rejected(chair.command("speaker.grant", entry(first).put("timeLimitSeconds", 14_401)), "BAD_MESSAGE");
      rejected(chair.command("speaker.grant", entry(first).put("timeLimitSeconds", -1)), "BAD_MESSAGE");
      assertThat(fx.speakers(m, null).getValue("current")).isNull();

      JsonObject byDefault = dataOf(d2, chair.command("speaker.grant", entry(first))).getJsonObject("entry");
      assertThat(byDefault.getInteger("timeLimitSeconds")).isEqualTo(180);
      assertThat(byDefault.getString("startedAt")).isNotNull();
      assertThat(java.time.OffsetDateTime.parse(byDefault.getString("startedAt")))
          .isAfterOrEqualTo(java.time.OffsetDateTime.parse(byDefault.getString("requestedAt")));

      JsonObject given = dataOf(d1, chair.command("speaker.grant", entry(second).put("timeLimitSeconds", 300))).getJsonObject("entry");
      assertThat(given.getInteger("timeLimitSeconds")).isEqualTo(300);
      assertThat(given.getString("startedAt")).isNotNull();
      assertThat(fx.speakers(m, null).getInteger("defaultTimeLimitSeconds")).isEqualTo(180);
    }
  }

  @Test
  @DisplayName("SQ6: every step is a ledger event with entry and queue; each entry keeps the agenda item current when requested, "
      + "and GET /speakers?agendaItemId gives the history of that item")
  void history_per_agenda_item() {
    String m = fx.newMeeting();
    JsonArray items = fx.agendaItems(m);
    String item1 = items.getJsonObject(0).getString("id");
    String item2 = items.getJsonObject(1).getString("id");
    try (LiveClient chair = fx.client(m, "chair"); LiveClient d1 = fx.client(m, "delegate1"); LiveClient d2 = fx.client(m, "delegate2");
         LiveClient d3 = fx.client(m, "delegate3")) {
      acked(chair.command("agenda.setCurrent", new JsonObject().put("itemId", item1)));
      String e1 = request(d1, "SPEECH");
      acked(chair.command("speaker.grant", entry(e1)));
      acked(chair.command("speaker.end", null));

      acked(chair.command("agenda.setCurrent", new JsonObject().put("itemId", item2)));
      String e2 = request(d2, "SPEECH");
      String e3 = request(d3, "QUESTION");
      acked(d3.command("speaker.withdraw", entry(e3)));
      JsonObject granted = dataOf(d1, chair.command("speaker.grant", entry(e2)));
      assertThat(granted.getJsonObject("entry").getString("agendaItemId")).isEqualTo(item2);
      acked(chair.command("speaker.end", null));

      JsonArray first = fx.speakers(m, item1).getJsonArray("history");
      assertThat(first).hasSize(1);
      assertThat(first.getJsonObject(0).getString("id")).isEqualTo(e1);
      assertThat(first.getJsonObject(0).getString("status")).isEqualTo("DONE");
      assertThat(first.getJsonObject(0).getString("agendaItemId")).isEqualTo(item1);

      JsonArray second = fx.speakers(m, item2).getJsonArray("history");
      List<String> ids = new ArrayList<>();
      second.forEach(o -> ids.add(((JsonObject) o).getString("id") + ":" + ((JsonObject) o).getString("status")));
      assertThat(ids).containsExactlyInAnyOrder(e2 + ":DONE", e3 + ":WITHDRAWN");
      assertThat(fx.speakers(m, items.getJsonObject(2).getString("id")).getJsonArray("history")).isEmpty();
      // A delegate may read it too.
      assertThat(fx.api().get("/api/meetings/" + m + "/speakers?agendaItemId=" + item1, fx.token("delegate1")).json()
          .getJsonArray("history")).hasSize(1);

      List<String> steps = new ArrayList<>();
      for (Object o : fx.ledger(m)) {
        JsonObject e = (JsonObject) o;
        if (e.getString("type").startsWith("speaker.")) {
          steps.add(e.getString("type"));
          assertThat(e.getJsonObject("data").getJsonObject("entry")).as(e.encode()).isNotNull();
          assertThat(e.getJsonObject("data").getJsonObject("queue")).as(e.encode()).isNotNull();
        }
      }
      assertThat(steps).containsExactly("speaker.requested", "speaker.granted", "speaker.ended", "speaker.requested", "speaker.requested",
          "speaker.withdrawn", "speaker.granted", "speaker.ended");
    }
  }

  @Test
  @DisplayName("SQ6, AG2, P7: while an internal item is current, delegates see speaker entries without its id; the chair sees it")
  void internal_item_hidden_in_speaker_entries() {
    String m = fx.newMeeting();
    try (LiveClient chair = fx.client(m, "chair"); LiveClient d1 = fx.client(m, "delegate1")) {
      JsonObject added = dataOf(chair, chair.command("agenda.add", new JsonObject().put("title", "Nhân sự (nội bộ)").put("internal", true)));
      String internal = added.getString("itemId");
      acked(chair.command("agenda.setCurrent", new JsonObject().put("itemId", internal)));
      JsonObject ack = d1.command("speaker.request", kind("SPEECH"));
      assertThat(dataOf(d1, ack).getJsonObject("entry").getValue("agendaItemId")).isNull();
      assertThat(dataOf(chair, ack).getJsonObject("entry").getString("agendaItemId")).isEqualTo(internal);
      assertThat(fx.api().get("/api/meetings/" + m + "/snapshot", fx.token("delegate1")).json().getJsonObject("speakers")
          .getJsonArray("waiting").getJsonObject(0).getValue("agendaItemId")).isNull();
    }
  }

  @Test
  @DisplayName("SQ7: once the chair closes the meeting, requests, additions and grants are CONFLICT")
  void closed_meeting_takes_no_requests() {
    String m = fx.newMeeting();
    try (LiveClient chair = fx.client(m, "chair"); LiveClient d1 = fx.client(m, "delegate1"); LiveClient d2 = fx.client(m, "delegate2")) {
      acked(chair.command("meeting.open", null));
      String waitingEntry = request(d1, "SPEECH");
      acked(chair.command("meeting.close", null));
      d2.event("meeting.statusChanged");
      rejected(d2.command("speaker.request", null), "CONFLICT");
      rejected(chair.command("speaker.add", new JsonObject().put("accountId", fx.id("delegate3"))), "CONFLICT");
      rejected(chair.command("speaker.grant", entry(waitingEntry)), "CONFLICT");
      acked(chair.command("meeting.archive", null));
      rejected(d2.command("speaker.request", kind("POINT_OF_ORDER")), "CONFLICT");
      assertThat(fx.speakers(m, null).getValue("current")).isNull();
    }
  }
}
