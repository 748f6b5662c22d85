package org.plenum.server.agenda;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.plenum.server.core.ledger.LedgerEvent;

/**
 * AG3: how long each agenda item has been under discussion, folded from the ledger. An item's time runs from the
 * event that made it current to the event that made another item (or none) current, or to the meeting's close; an
 * item current several times adds up its spans.
 */
final class AgendaTimings {
  /** The ledger event types the fold reads. */
  static final Set<String> TYPES = Set.of("agenda.changed", "meeting.statusChanged");

  private AgendaTimings() {}

  /**
   * The timings as the REST route answers them: {@code items} [{@code itemId}, {@code actualSeconds}, {@code
   * timesCurrent}] in order of first becoming current, {@code currentItemId}, {@code currentSince} (null when no
   * clock runs), {@code serverTime}.
   */
  static JsonObject fold(List<LedgerEvent> events, Instant now) {
    Map<String, long[]> items = new LinkedHashMap<>(); // id -> {millis, times current}
    String current = null;
    Instant since = null;
    for (LedgerEvent e : events) {
      JsonObject data = e.dataJson();
      Instant at = e.at().toInstant();
      if ("agenda.changed".equals(e.type())) {
        String next = data.getString("currentItemId");
        if (Objects.equals(next, current) && (since != null || next == null)) {
          continue;
        }
        close(items, current, since, at);
        current = next;
        since = next == null ? null : at;
        if (next != null) {
          items.computeIfAbsent(next, k -> new long[2])[1]++;
        }
      } else if ("meeting.statusChanged".equals(e.type())) {
        String status = data.getString("status");
        if ("CLOSED".equals(status) || "ARCHIVED".equals(status)) {
          close(items, current, since, at);
          since = null;
        }
      }
    }
    close(items, current, since, now);
    JsonArray out = new JsonArray();
    items.forEach((id, v) -> out.add(new JsonObject().put("itemId", id).put("actualSeconds", v[0] / 1000).put("timesCurrent", v[1])));
    return new JsonObject().put("items", out).put("currentItemId", current).put("currentSince", since == null ? null : since.toString())
        .put("serverTime", now.toString());
  }

  private static void close(Map<String, long[]> items, String item, Instant since, Instant until) {
    if (item != null && since != null) {
      items.computeIfAbsent(item, k -> new long[2])[0] += Math.max(0, Duration.between(since, until).toMillis());
    }
  }
}
