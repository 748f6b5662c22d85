package org.plenum.server.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.testing.LiveMeetingFixture.acked;
import static org.plenum.server.testing.LiveMeetingFixture.eventAt;
import static org.plenum.server.testing.LiveMeetingFixture.rejected;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.LiveClient;
import org.plenum.server.testing.LiveMeetingFixture;

/** Follow the chair and presence over real meeting sockets (docs/protocol.md PR1–PR3, PS1–PS2). */
class PresentationIT {
  static LiveMeetingFixture fx;

  @BeforeAll
  static void start() {
    fx = LiveMeetingFixture.start();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  static JsonObject show(String document, int page, Double zoom) {
    JsonObject c = new JsonObject().put("document", document).put("page", page);
    return zoom == null ? c : c.put("zoom", zoom);
  }

  static JsonObject presenter(String accountId) {
    return new JsonObject().put("accountId", accountId);
  }

  @Test
  @DisplayName("PR1: the chair's presentation.show reaches every tablet with document, page and zoom; a delegate is FORBIDDEN; zoom 50 or page 0 is BAD_MESSAGE")
  void chair_moves_everyone() {
    String m = fx.newMeeting();
    try (LiveClient chair = fx.client(m, "chair"); LiveClient secretary = fx.client(m, "secretary"); LiveClient d1 = fx.client(m, "delegate1");
         LiveClient observer = fx.client(m, "observer"); LiveClient room1 = fx.client(m, "room1")) {
      long seq = acked(chair.command("presentation.show", show("budget-2027.pdf", 12, 1.25)));
      for (LiveClient c : new LiveClient[] {chair, secretary, d1, observer, room1}) {
        JsonObject e = eventAt(c, seq);
        assertThat(e.getString("type")).isEqualTo("presentation.changed");
        JsonObject data = e.getJsonObject("data");
        assertThat(data.getString("document")).isEqualTo("budget-2027.pdf");
        assertThat(data.getInteger("page")).isEqualTo(12);
        assertThat(data.getDouble("zoom")).isEqualTo(1.25);
        assertThat(data.getValue("presenterId")).isNull();
      }
      assertThat(eventAt(d1, acked(chair.command("presentation.show", show("budget-2027.pdf", 13, null)))).getJsonObject("data")
          .getDouble("zoom")).isEqualTo(1.0);

      rejected(d1.command("presentation.show", show("mine.pdf", 1, null)), "FORBIDDEN");
      rejected(secretary.command("presentation.show", show("mine.pdf", 1, null)), "FORBIDDEN");
      rejected(observer.command("presentation.show", show("mine.pdf", 1, null)), "FORBIDDEN");
      rejected(chair.command("presentation.show", show("budget-2027.pdf", 1, 50.0)), "BAD_MESSAGE");
      rejected(chair.command("presentation.show", show("budget-2027.pdf", 1, 0.0)), "BAD_MESSAGE");
      rejected(chair.command("presentation.show", show("budget-2027.pdf", 0, null)), "BAD_MESSAGE");
      rejected(chair.command("presentation.show", new JsonObject().put("page", 2)), "BAD_MESSAGE");

      JsonObject now = fx.api().get("/api/meetings/" + m + "/snapshot", fx.token("delegate1")).json().getJsonObject("presentation");
      assertThat(now.getString("document")).isEqualTo("budget-2027.pdf");
      assertThat(now.getInteger("page")).isEqualTo(13);
    }
  }

  @Test
  @DisplayName("PR2: the chair names delegate2 presenter, who may then show; once the chair clears the presenter delegate2 is FORBIDDEN; the secretary may not name one")
  void chair_names_the_presenter() {
    String m = fx.newMeeting();
    try (LiveClient chair = fx.client(m, "chair"); LiveClient secretary = fx.client(m, "secretary"); LiveClient d1 = fx.client(m, "delegate1");
         LiveClient d2 = fx.client(m, "delegate2")) {
      rejected(d2.command("presentation.show", show("report.pdf", 1, null)), "FORBIDDEN");
      rejected(secretary.command("presentation.setPresenter", presenter(fx.id("delegate2"))), "FORBIDDEN");
      rejected(d2.command("presentation.setPresenter", presenter(fx.id("delegate2"))), "FORBIDDEN");
      rejected(chair.command("presentation.setPresenter", presenter(fx.id("admin"))), "NOT_FOUND");

      long named = acked(chair.command("presentation.setPresenter", presenter(fx.id("delegate2"))));
      assertThat(eventAt(d1, named).getJsonObject("data").getString("presenterId")).isEqualTo(fx.id("delegate2"));
      JsonObject shown = eventAt(d1, acked(d2.command("presentation.show", show("report.pdf", 4, 2.0)))).getJsonObject("data");
      assertThat(shown.getString("document")).isEqualTo("report.pdf");
      assertThat(shown.getInteger("page")).isEqualTo(4);
      assertThat(shown.getString("presenterId")).isEqualTo(fx.id("delegate2"));
      rejected(d1.command("presentation.show", show("report.pdf", 5, null)), "FORBIDDEN");
      // The chair keeps the right to move everyone while someone presents.
      acked(chair.command("presentation.show", show("report.pdf", 6, null)));

      JsonObject cleared = eventAt(d1, acked(chair.command("presentation.setPresenter", new JsonObject().putNull("accountId")))).getJsonObject("data");
      assertThat(cleared.getValue("presenterId")).isNull();
      assertThat(cleared.getString("document")).isEqualTo("report.pdf");
      assertThat(cleared.getInteger("page")).isEqualTo(6);
      rejected(d2.command("presentation.show", show("report.pdf", 7, null)), "FORBIDDEN");
      rejected(secretary.command("presentation.setPresenter", new JsonObject().putNull("accountId")), "FORBIDDEN");
    }
  }

  @Test
  @DisplayName("PR4: the chair stops presenting — every tablet gets document, page and zoom null and the snapshot says nothing is shown; "
      + "the named presenter may stop too; a delegate is FORBIDDEN; stopping twice is CONFLICT")
  void chair_stops_presenting() {
    String m = fx.newMeeting();
    try (LiveClient chair = fx.client(m, "chair"); LiveClient secretary = fx.client(m, "secretary"); LiveClient d1 = fx.client(m, "delegate1");
         LiveClient d2 = fx.client(m, "delegate2")) {
      rejected(chair.command("presentation.stop", null), "CONFLICT");
      acked(chair.command("presentation.show", show("budget-2027.pdf", 5, 1.5)));
      rejected(d1.command("presentation.stop", null), "FORBIDDEN");
      rejected(secretary.command("presentation.stop", null), "FORBIDDEN");
      long stopped = acked(chair.command("presentation.stop", null));
      for (LiveClient c : new LiveClient[] {chair, secretary, d1, d2}) {
        JsonObject e = eventAt(c, stopped);
        assertThat(e.getString("type")).isEqualTo("presentation.changed");
        JsonObject data = e.getJsonObject("data");
        assertThat(data.getValue("document")).isNull();
        assertThat(data.getValue("page")).isNull();
        assertThat(data.getValue("zoom")).isNull();
      }
      JsonObject now = fx.api().get("/api/meetings/" + m + "/snapshot", fx.token("delegate1")).json().getJsonObject("presentation");
      assertThat(now.getValue("document")).isNull();
      assertThat(now.getValue("page")).isNull();
      rejected(chair.command("presentation.stop", null), "CONFLICT");

      // the presenter the chair named stops their own presentation; the presenter stays named
      acked(chair.command("presentation.setPresenter", presenter(fx.id("delegate2"))));
      acked(d2.command("presentation.show", show("report.pdf", 2, null)));
      JsonObject after = eventAt(d1, acked(d2.command("presentation.stop", null))).getJsonObject("data");
      assertThat(after.getValue("document")).isNull();
      assertThat(after.getString("presenterId")).isEqualTo(fx.id("delegate2"));
      // showing again works after a stop
      assertThat(eventAt(d1, acked(chair.command("presentation.show", show("report.pdf", 3, null)))).getJsonObject("data").getInteger("page")).isEqualTo(3);
    }
  }

  /** A presence frame (delta) that lists this connection as joined or updated with the given check. */
  static Predicate<JsonObject> presenceOf(String connectionId, Predicate<JsonObject> entry) {
    return f -> {
      if (!"presence.changed".equals(f.getString("type"))) {
        return false;
      }
      for (String list : new String[] {"joined", "updated"}) {
        for (Object o : f.getJsonArray(list, new JsonArray())) {
          JsonObject e = (JsonObject) o;
          if (connectionId.equals(e.getString("connectionId")) && entry.test(e)) {
            return true;
          }
        }
      }
      return false;
    };
  }

  static boolean isTablet12(JsonObject e) {
    JsonObject view = e.getJsonObject("view");
    return "iPad 12".equals(e.getString("device")) && Boolean.FALSE.equals(e.getBoolean("following")) && view != null
        && "budget-2027.pdf".equals(view.getString("document")) && Integer.valueOf(3).equals(view.getInteger("page"));
  }

  @Test
  @DisplayName("PR3, PS1, PS2: presence.update (not following, own page, device) reaches the others as presence.changed; a new tablet gets it in presence.snapshot; "
      + "it never enters the ledger and never changes what others are shown")
  void presence_is_each_tablets_own() {
    String m = fx.newMeeting();
    try (LiveClient chair = fx.client(m, "chair"); LiveClient d1 = fx.client(m, "delegate1"); LiveClient d2 = fx.client(m, "delegate2")) {
      String tablet = d2.hello.getString("connectionId");
      d1.next(presenceOf(tablet, e -> e.getString("accountId").equals(fx.id("delegate2")) && Boolean.TRUE.equals(e.getBoolean("following"))));

      JsonObject reply = d2.command("presence.update", new JsonObject().put("following", false)
          .put("view", new JsonObject().put("document", "budget-2027.pdf").put("page", 3)).put("device", "iPad 12"));
      assertThat(reply.getString("type")).as(reply.encode()).isEqualTo("ack");
      assertThat(reply.getValue("seq")).isNull();
      JsonObject delta = d1.next(presenceOf(tablet, PresentationIT::isTablet12));
      assertThat(delta.getValue("seq")).isNull();
      chair.next(presenceOf(tablet, PresentationIT::isTablet12));

      // PR3: the chair still moves everyone, including the tablet that does not follow; others' presence is untouched.
      long seq = acked(chair.command("presentation.show", show("budget-2027.pdf", 9, null)));
      assertThat(eventAt(d2, seq).getJsonObject("data").getInteger("page")).isEqualTo(9);
      assertThat(eventAt(d1, seq).getJsonObject("data").getInteger("page")).isEqualTo(9);

      try (LiveClient late = fx.client(m, "delegate3")) {
        JsonObject snapshot = late.next(f -> "presence.snapshot".equals(f.getString("type")));
        JsonArray connections = snapshot.getJsonArray("connections");
        assertThat(connections).hasSize(4);
        JsonObject entry = null;
        JsonObject d1Entry = null;
        for (Object o : connections) {
          JsonObject e = (JsonObject) o;
          if (e.getString("connectionId").equals(tablet)) {
            entry = e;
          }
          if (e.getString("connectionId").equals(d1.hello.getString("connectionId"))) {
            d1Entry = e;
          }
        }
        assertThat(entry).as(snapshot.encode()).isNotNull();
        assertThat(isTablet12(entry)).as(entry.encode()).isTrue();
        assertThat(entry.getString("role")).isEqualTo("DELEGATE");
        assertThat(entry.getString("displayName")).isNotBlank();
        assertThat(entry.getString("connectedAt")).isNotNull();
        assertThat(d1Entry).as(snapshot.encode()).isNotNull();
        assertThat(d1Entry.getBoolean("following")).isTrue();
        assertThat(d1Entry.getValue("device")).isNull();
      }

      // A tablet that leaves is reported as left.
      d2.close();
      d1.next(f -> "presence.changed".equals(f.getString("type")) && f.getJsonArray("left").contains(tablet));

      rejected(d1.command("presence.update", new JsonObject().put("view", new JsonObject().put("document", "x").put("page", 0))), "BAD_MESSAGE");
      String ledger = fx.ledger(m).encode();
      assertThat(ledger).doesNotContain("presence").doesNotContain("iPad 12").doesNotContain(tablet);
      assertThat(fx.api().get("/api/meetings/" + m + "/snapshot", fx.token("chair")).text()).doesNotContain("iPad 12");
    }
  }
}
