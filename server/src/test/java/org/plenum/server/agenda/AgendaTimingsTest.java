package org.plenum.server.agenda;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.ledger.Audience;
import org.plenum.server.core.ledger.LedgerEvent;

/** AG3: the fold of agenda timings from ledger events, on hand-made events (the IT runs it on a real ledger). */
class AgendaTimingsTest {
  static final Instant T0 = Instant.parse("2026-12-04T08:00:00Z");
  final List<LedgerEvent> events = new ArrayList<>();

  void current(int minute, String item, String reason) {
    add(minute, "agenda.changed", new JsonObject().put("currentItemId", item).put("reason", reason));
  }

  void status(int minute, String status) {
    add(minute, "meeting.statusChanged", new JsonObject().put("status", status));
  }

  private void add(int minute, String type, JsonObject data) {
    events.add(new LedgerEvent(MeetingId.parse("00000000-0000-0000-0000-000000000001"), events.size() + 1, type, new Audience("ALL"), null,
        OffsetDateTime.ofInstant(T0.plusSeconds(60L * minute), ZoneOffset.UTC), data.encode(), new byte[32], new byte[32]));
  }

  static long seconds(JsonObject t, String item) {
    return t.getJsonArray("items").stream().map(JsonObject.class::cast).filter(o -> o.getString("itemId").equals(item))
        .findFirst().orElseThrow().getLong("actualSeconds");
  }

  @Test
  @DisplayName("AG3: an item runs from becoming current to the next item; spans add up; edits and re-setting the same item change nothing; the current one runs to now")
  void spans_add_up() {
    status(0, "OPEN");
    current(1, "a", "current");
    current(5, "a", "updated"); // another edit: a stays current
    current(6, "a", "current"); // set again: the clock does not restart
    current(11, "b", "current");
    current(20, "a", "current");
    current(22, "c", "current");
    JsonObject t = AgendaTimings.fold(events, T0.plusSeconds(60 * 25 + 30));
    assertThat(seconds(t, "a")).isEqualTo(12 * 60);
    assertThat(seconds(t, "b")).isEqualTo(9 * 60);
    assertThat(seconds(t, "c")).isEqualTo(3 * 60 + 30);
    assertThat(t.getString("currentItemId")).isEqualTo("c");
    assertThat(t.getString("currentSince")).isEqualTo(T0.plusSeconds(22 * 60).toString());
    assertThat(t.getJsonArray("items").getJsonObject(0).getInteger("timesCurrent")).isEqualTo(2);
  }

  @Test
  @DisplayName("AG3: no current item stops the clock; the meeting's close stops it for good")
  void none_and_close_stop_the_clock() {
    current(0, "a", "current");
    current(4, null, "current");
    current(10, "b", "current");
    status(13, "CLOSED");
    JsonObject t = AgendaTimings.fold(events, T0.plusSeconds(60 * 60));
    assertThat(seconds(t, "a")).isEqualTo(4 * 60);
    assertThat(seconds(t, "b")).isEqualTo(3 * 60);
    assertThat(t.getValue("currentSince")).isNull();
    assertThat(t.getString("currentItemId")).isEqualTo("b");
    assertThat(AgendaTimings.fold(List.of(), T0).getJsonArray("items")).isEmpty();
  }
}
