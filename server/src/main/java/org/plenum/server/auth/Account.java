package org.plenum.server.auth;

import io.vertx.core.json.JsonObject;

/** A login. What it may do in a meeting comes from its participant role there; {@code admin} manages the system. */
public record Account(AccountId id, String username, String displayName, AccountKind kind, boolean admin, boolean disabled) {
  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("username", username)
        .put("displayName", displayName)
        .put("kind", kind.name())
        .put("admin", admin)
        .put("disabled", disabled);
  }
}
