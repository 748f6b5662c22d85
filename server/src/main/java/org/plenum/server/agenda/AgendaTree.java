package org.plenum.server.agenda;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The agenda as a tree: items under a parent ordered by position, numbered 1, 2, 2.1, 2.2 … in display order.
 * Internal items (and everything under them) are shown only to the people who run the meeting.
 */
public final class AgendaTree {

  /** One stored row. {@code parentId} null for top-level items. */
  public record Node(UUID id, UUID parentId, int position, String title, Integer durationMinutes, boolean internal) {}

  private final List<Node> nodes;

  public AgendaTree(List<Node> nodes) {
    this.nodes = List.copyOf(nodes);
  }

  public List<Node> nodes() {
    return nodes;
  }

  public boolean contains(UUID id) {
    return nodes.stream().anyMatch(n -> n.id().equals(id));
  }

  public Node get(UUID id) {
    return nodes.stream().filter(n -> n.id().equals(id)).findFirst().orElse(null);
  }

  public List<Node> children(UUID parentId) {
    List<Node> out = new ArrayList<>();
    for (Node n : nodes) {
      if (parentId == null ? n.parentId() == null : parentId.equals(n.parentId())) {
        out.add(n);
      }
    }
    out.sort((a, b) -> a.position() != b.position() ? Integer.compare(a.position(), b.position()) : a.title().compareTo(b.title()));
    return out;
  }

  /** True when the item or an item above it is internal (AG2); false for an id not in the tree. */
  public boolean hidden(UUID id) {
    for (Node n = get(id); n != null; n = n.parentId() == null ? null : get(n.parentId())) {
      if (n.internal()) {
        return true;
      }
    }
    return false;
  }

  /** The item and everything below it. */
  public Set<UUID> subtree(UUID id) {
    Set<UUID> out = new HashSet<>();
    collect(id, out);
    return out;
  }

  private void collect(UUID id, Set<UUID> out) {
    out.add(id);
    for (Node c : children(id)) {
      collect(c.id(), out);
    }
  }

  /** The whole agenda in display order with numbers, as sent in {@code agenda.changed} and snapshots. */
  public JsonObject toJson(UUID currentItemId) {
    JsonArray items = new JsonArray();
    walk(null, "", false, items);
    return new JsonObject().put("items", items).put("currentItemId", currentItemId == null ? null : currentItemId.toString());
  }

  private void walk(UUID parent, String prefix, boolean internalAbove, JsonArray out) {
    int i = 0;
    for (Node n : children(parent)) {
      i++;
      String number = prefix.isEmpty() ? String.valueOf(i) : prefix + "." + i;
      boolean internal = internalAbove || n.internal();
      out.add(new JsonObject().put("id", n.id().toString()).put("parentId", n.parentId() == null ? null : n.parentId().toString())
          .put("number", number).put("title", n.title()).put("durationMinutes", n.durationMinutes()).put("internal", internal));
      walk(n.id(), number, internal, out);
    }
  }

  /** What someone who does not run the meeting sees: internal items removed (numbers are kept as the chair's). */
  public static JsonObject publicView(JsonObject agenda) {
    JsonArray visible = new JsonArray();
    Set<String> hidden = new HashSet<>();
    for (Object o : agenda.getJsonArray("items")) {
      JsonObject item = (JsonObject) o;
      if (item.getBoolean("internal", false)) {
        hidden.add(item.getString("id"));
      } else {
        visible.add(item);
      }
    }
    String current = agenda.getString("currentItemId");
    return new JsonObject().put("items", visible).put("currentItemId", current != null && hidden.contains(current) ? null : current);
  }

  /** Positions 1..n for the children of each parent, as they are ordered now. */
  public Map<UUID, Integer> normalizedPositions() {
    Map<UUID, Integer> out = new HashMap<>();
    Set<UUID> parents = new HashSet<>();
    parents.add(null);
    nodes.forEach(n -> parents.add(n.id()));
    for (UUID p : parents) {
      int i = 0;
      for (Node c : children(p)) {
        out.put(c.id(), ++i);
      }
    }
    return out;
  }
}
