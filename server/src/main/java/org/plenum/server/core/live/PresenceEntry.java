package org.plenum.server.core.live;

import io.vertx.core.json.JsonObject;

/**
 * One connection's presence (PS1, PS2): plain fields rather than a JSON map, so that an idle socket costs a few
 * dozen bytes here; rendered as JSON only when a frame needs it. {@code origin} is the channel that owns the
 * connection (null: this channel).
 */
final class PresenceEntry {
  final String connectionId;
  final String accountId;
  final String displayName;
  final String role;
  final String connectedAt;
  final String origin;
  String device;
  boolean following = true;
  JsonObject view;

  PresenceEntry(String connectionId, String accountId, String displayName, String role, String connectedAt, String origin) {
    this.connectionId = connectionId;
    this.accountId = accountId;
    this.displayName = displayName;
    this.role = role;
    this.connectedAt = connectedAt;
    this.origin = origin;
  }

  /** Merges a {@code presence.update}'s fields (device, following, view). */
  void apply(JsonObject changes) {
    if (changes.containsKey("device")) {
      device = changes.getString("device");
    }
    if (changes.containsKey("following")) {
      following = Boolean.TRUE.equals(changes.getBoolean("following"));
    }
    if (changes.containsKey("view")) {
      view = changes.getJsonObject("view");
    }
  }

  JsonObject toJson() {
    return new JsonObject().put("connectionId", connectionId).put("accountId", accountId).put("displayName", displayName).put("role", role)
        .put("device", device).put("following", following).put("view", view == null ? null : view.copy()).put("connectedAt", connectedAt);
  }

  /** This entry as JSON text (not kept: a text per connection would cost every idle socket its bytes, D48). */
  String encoded() {
    return toJson().encode();
  }

  static PresenceEntry fromJson(JsonObject j, String origin) {
    PresenceEntry e = new PresenceEntry(j.getString("connectionId"), j.getString("accountId"), j.getString("displayName"), j.getString("role"),
        j.getString("connectedAt"), origin);
    e.apply(j);
    return e;
  }
}
