package org.plenum.server.core.live;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Who is connected to one meeting on this node, on which device, following the chair or not, looking at which
 * page. Memory only, never stored (protocol PS1). Changes are coalesced into one {@code presence.changed} delta per
 * {@code ws.presence_interval} (PS2).
 */
public final class Presence {
  private final Map<String, JsonObject> connections = new LinkedHashMap<>();
  private final Set<String> joined = new LinkedHashSet<>();
  private final Set<String> updated = new LinkedHashSet<>();
  private final Set<String> left = new LinkedHashSet<>();

  public void join(String connectionId, JsonObject entry) {
    connections.put(connectionId, entry);
    joined.add(connectionId);
    left.remove(connectionId);
  }

  public void update(String connectionId, JsonObject changes) {
    JsonObject entry = connections.get(connectionId);
    if (entry == null) {
      return;
    }
    changes.forEach(e -> entry.put(e.getKey(), e.getValue()));
    if (!joined.contains(connectionId)) {
      updated.add(connectionId);
    }
  }

  public void leave(String connectionId) {
    if (connections.remove(connectionId) == null) {
      return;
    }
    if (!joined.remove(connectionId)) {
      left.add(connectionId);
    }
    updated.remove(connectionId);
  }

  public boolean dirty() {
    return !joined.isEmpty() || !updated.isEmpty() || !left.isEmpty();
  }

  /** The coalesced delta since the last call, or null when nothing changed. */
  public JsonObject drainDelta() {
    if (!dirty()) {
      return null;
    }
    JsonArray j = new JsonArray();
    joined.forEach(id -> j.add(connections.get(id).copy()));
    JsonArray u = new JsonArray();
    updated.forEach(id -> u.add(connections.get(id).copy()));
    JsonObject delta = new JsonObject().put("type", "presence.changed").put("joined", j).put("updated", u)
        .put("left", new JsonArray(java.util.List.copyOf(left)));
    joined.clear();
    updated.clear();
    left.clear();
    return delta;
  }

  public JsonObject snapshot() {
    JsonArray all = new JsonArray();
    connections.values().forEach(c -> all.add(c.copy()));
    return new JsonObject().put("type", "presence.snapshot").put("connections", all);
  }

  public int size() {
    return connections.size();
  }
}
