package org.plenum.server.room;

import io.vertx.core.json.JsonObject;

/**
 * What an import did: room accounts created, updated (name or district changed) or left unchanged, and how many
 * rooms joined the meeting as REMOTE_ROOM participants (new to it, or moved from another role).
 */
public record ImportResult(int created, int updated, int unchanged, int joined) {
  public boolean changedAnything() {
    return created + updated + joined > 0;
  }

  public JsonObject toJson() {
    return new JsonObject().put("created", created).put("updated", updated).put("unchanged", unchanged).put("joined", joined)
        .put("errors", new io.vertx.core.json.JsonArray());
  }
}
