package org.plenum.server.agenda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.testing.LiveMeetingFixture.acked;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.LiveClient;
import org.plenum.server.testing.LiveMeetingFixture;

/** AG3 over a real server: timings folded from the meeting's own ledger, for the people running it only. */
class AgendaTimingsIT {
  static LiveMeetingFixture fx;

  @BeforeAll
  static void start() {
    fx = LiveMeetingFixture.start();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  static JsonObject entry(JsonObject timings, String item) {
    return timings.getJsonArray("items").stream().map(JsonObject.class::cast).filter(o -> o.getString("itemId").equals(item)).findFirst().orElse(null);
  }

  @Test
  @DisplayName("AG3: the chair moves through two items; GET agenda/timings gives each one's actual seconds and when the current one began; "
      + "a delegate is FORBIDDEN; after the close no clock runs")
  void timings_from_the_ledger() throws InterruptedException {
    String m = fx.newMeeting();
    String first = fx.agendaItems(m).getJsonObject(0).getString("id");
    String second = fx.agendaItems(m).getJsonObject(1).getString("id");
    String path = "/api/meetings/" + m + "/agenda/timings";
    try (LiveClient chair = fx.client(m, "chair")) {
      JsonObject none = fx.api().get(path, fx.token("chair")).json();
      assertThat(none.getJsonArray("items")).isEmpty();
      assertThat(none.getValue("currentSince")).isNull();

      acked(chair.command("agenda.setCurrent", new JsonObject().put("itemId", first)));
      Thread.sleep(1_300);
      acked(chair.command("agenda.setCurrent", new JsonObject().put("itemId", second)));
      Thread.sleep(1_100);

      Api.Response r = fx.api().get(path, fx.token("secretary"));
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      JsonObject t = r.json();
      assertThat(entry(t, first).getLong("actualSeconds")).isBetween(1L, 3L);
      assertThat(entry(t, second).getLong("actualSeconds")).isGreaterThanOrEqualTo(1L);
      assertThat(t.getString("currentItemId")).isEqualTo(second);
      Instant since = Instant.parse(t.getString("currentSince"));
      assertThat(Duration.between(since, Instant.parse(t.getString("serverTime")))).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(10));
      assertThat(entry(t, fx.agendaItems(m).getJsonObject(2).getString("id"))).isNull();

      Api.Response delegate = fx.api().get(path, fx.token("delegate1"));
      assertThat(delegate.status()).isEqualTo(403);
      assertThat(delegate.code()).isEqualTo("FORBIDDEN");

      for (String step : new String[] {"OPEN", "CLOSED"}) {
        assertThat(fx.api().post("/api/meetings/" + m + "/status", new JsonObject().put("status", step), fx.token("chair")).status()).isEqualTo(200);
      }
      JsonObject closed = fx.api().get(path, fx.token("chair")).json();
      assertThat(closed.getValue("currentSince")).isNull();
      long frozen = entry(closed, second).getLong("actualSeconds");
      Thread.sleep(1_100);
      assertThat(entry(fx.api().get(path, fx.token("chair")).json(), second).getLong("actualSeconds")).isEqualTo(frozen);
    }
  }
}
