package org.plenum.server.speaker;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.plenum.server.core.Actor;
import org.plenum.server.core.Projection;

/**
 * Everyone sees the list of speakers; an entry names the agenda item current when it was requested, and for an
 * internal item only the people running the meeting learn which (AG2).
 */
final class SpeakerProjection implements Projection<SpeakerEvent> {
  @Override
  public Optional<String> viewOf(SpeakerEvent event, Actor viewer) {
    return Optional.of(viewer.runsMeeting() ? "runner" : "public");
  }

  @Override
  public JsonObject render(SpeakerEvent event, String view) {
    JsonObject data = event.data();
    return view.equals("runner") ? data : publicView(data);
  }

  /** {@code data} (an event's, or a queue with {@code waiting} and maybe {@code history}) without internal items' ids. */
  static JsonObject publicView(JsonObject data) {
    JsonObject out = data.copy();
    if (out.getJsonObject("entry") != null) {
      hideInternalItem(out.getJsonObject("entry"));
    }
    JsonObject queue = out.getJsonObject("queue") != null ? out.getJsonObject("queue") : out.containsKey("waiting") ? out : null;
    if (queue != null) {
      if (queue.getJsonObject("current") != null) {
        hideInternalItem(queue.getJsonObject("current"));
      }
      queue.getJsonArray("waiting", new JsonArray()).forEach(e -> hideInternalItem((JsonObject) e));
      if (queue.getJsonArray("history") != null) {
        queue.getJsonArray("history").forEach(e -> hideInternalItem((JsonObject) e));
      }
    }
    return out;
  }

  static JsonObject view(JsonObject queue, Actor viewer) {
    return viewer.runsMeeting() ? queue : publicView(queue);
  }

  private static void hideInternalItem(JsonObject entry) {
    if (entry.getBoolean("agendaItemInternal", false)) {
      entry.put("agendaItemId", null);
    }
  }
}
