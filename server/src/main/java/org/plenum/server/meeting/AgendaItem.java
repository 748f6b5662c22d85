package org.plenum.server.meeting;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

public record AgendaItem(UUID id, int position, String title, Integer durationMinutes) {
  public JsonObject toJson() {
    return new JsonObject().put("id", id.toString()).put("number", position).put("title", title)
        .put("durationMinutes", durationMinutes);
  }
}
