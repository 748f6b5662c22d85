package org.plenum.server.core.live;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who is connected to one meeting, on which device, following the chair or not, looking at which page: this
 * channel's own connections and those other channels of the meeting reported (other event loops, other nodes; PS5).
 * Memory only, never stored (PS1). Changes are coalesced (PS2): {@link #drainDeltaText} gives every change since its
 * last call, for this channel's sockets; {@link #drainLocal} gives this channel's own changes, for the other channels.
 */
public final class Presence {
  private final Map<String, PresenceEntry> connections = new LinkedHashMap<>();
  private final Changes forSockets = new Changes();
  private final Changes forPeers = new Changes();

  /** Joined, updated and left connection ids since the last drain; a join that is updated stays a join. */
  private static final class Changes {
    final Set<String> joined = new LinkedHashSet<>();
    final Set<String> updated = new LinkedHashSet<>();
    final Set<String> left = new LinkedHashSet<>();

    void join(String id) {
      joined.add(id);
      left.remove(id);
    }

    void update(String id) {
      if (!joined.contains(id)) {
        updated.add(id);
      }
    }

    void leave(String id) {
      if (!joined.remove(id)) {
        left.add(id);
      }
      updated.remove(id);
    }

    boolean dirty() {
      return !joined.isEmpty() || !updated.isEmpty() || !left.isEmpty();
    }

    /** The {@code presence.changed} frame's text, entries written straight into it (D48), then clears. */
    String drainText(Map<String, PresenceEntry> connections) {
      StringBuilder b = new StringBuilder(64 + 200 * (joined.size() + updated.size()));
      b.append("{\"type\":\"presence.changed\",\"joined\":");
      entries(b, joined, connections).append(",\"updated\":");
      entries(b, updated, connections).append(",\"left\":").append(new JsonArray(new ArrayList<>(left)).encode()).append('}');
      joined.clear();
      updated.clear();
      left.clear();
      return b.toString();
    }

    JsonObject drain(Map<String, PresenceEntry> connections, JsonObject into) {
      JsonArray j = new JsonArray(new ArrayList<>(joined.size()));
      joined.forEach(id -> j.add(connections.get(id).toJson()));
      JsonArray u = new JsonArray(new ArrayList<>(updated.size()));
      updated.forEach(id -> u.add(connections.get(id).toJson()));
      into.put("joined", j).put("updated", u).put("left", new JsonArray(new ArrayList<>(left)));
      joined.clear();
      updated.clear();
      left.clear();
      return into;
    }
  }

  private static StringBuilder entries(StringBuilder b, Iterable<String> ids, Map<String, PresenceEntry> connections) {
    b.append('[');
    boolean first = true;
    for (String id : ids) {
      if (!first) {
        b.append(',');
      }
      first = false;
      b.append(connections.get(id).encoded());
    }
    return b.append(']');
  }

  /** Goes up with every change of {@link #connections}: the snapshot text below is kept for one version. */
  private long version;
  private long snapshotVersion = -1;
  private SharedFrame snapshotFrame;

  /** A connection of this channel opens. */
  public void join(PresenceEntry entry) {
    version++;
    connections.put(entry.connectionId, entry);
    forSockets.join(entry.connectionId);
    if (entry.origin == null) {
      forPeers.join(entry.connectionId);
    }
  }

  public void update(String connectionId, JsonObject changes) {
    PresenceEntry entry = connections.get(connectionId);
    if (entry == null) {
      return;
    }
    version++;
    entry.apply(changes);
    forSockets.update(connectionId);
    if (entry.origin == null) {
      forPeers.update(connectionId);
    }
  }

  public void leave(String connectionId) {
    PresenceEntry entry = connections.remove(connectionId);
    if (entry == null) {
      return;
    }
    version++;
    forSockets.leave(connectionId);
    if (entry.origin == null) {
      forPeers.leave(connectionId);
    }
  }

  /** Replaces what channel {@code origin} reported with {@code entries} (its full state, PS5). */
  void replaceOrigin(String origin, List<PresenceEntry> entries) {
    Set<String> now = new LinkedHashSet<>();
    entries.forEach(e -> now.add(e.connectionId));
    dropOrigin(origin, now);
    entries.forEach(e -> {
      if (connections.containsKey(e.connectionId)) {
        version++;
        connections.put(e.connectionId, e);
        forSockets.update(e.connectionId);
      } else {
        join(e);
      }
    });
  }

  /** Forgets every connection channel {@code origin} reported, except those in {@code keep}. */
  void dropOrigin(String origin, Set<String> keep) {
    List<String> gone = new ArrayList<>();
    connections.values().forEach(e -> {
      if (origin.equals(e.origin) && !keep.contains(e.connectionId)) {
        gone.add(e.connectionId);
      }
    });
    gone.forEach(this::leave);
  }

  /** True when {@code connectionId} is known and was reported by another channel. */
  boolean isRemote(String connectionId) {
    PresenceEntry e = connections.get(connectionId);
    return e != null && e.origin != null;
  }

  /**
   * The coalesced {@code presence.changed} delta since the last call, as the frame's text (entries written straight
   * into it, no JSON tree around them, D48), or null when nothing changed.
   */
  String drainDeltaText() {
    if (snapshotVersion != version) {
      snapshotFrame = null; // out of date: not kept until the next resume asks (a large meeting's is megabytes)
    }
    return forSockets.dirty() ? forSockets.drainText(connections) : null;
  }

  /** This channel's own changes since the last call ({@code joined}, {@code updated}, {@code left}), or null. */
  JsonObject drainLocal() {
    return forPeers.dirty() ? forPeers.drain(connections, new JsonObject()) : null;
  }

  /** This channel's own connections, as JSON entries. */
  JsonArray local() {
    JsonArray all = new JsonArray();
    connections.values().forEach(c -> {
      if (c.origin == null) {
        all.add(c.toJson());
      }
    });
    return all;
  }

  /**
   * The {@code presence.snapshot} frame, every connection's entry (D48): its bytes are kept until presence changes,
   * so the sockets that resume between two changes share them.
   */
  SharedFrame snapshotFrame() {
    if (snapshotVersion != version || snapshotFrame == null) {
      StringBuilder b = new StringBuilder(48 + 200 * connections.size()).append("{\"type\":\"presence.snapshot\",\"connections\":");
      entries(b, connections.keySet(), connections).append('}');
      snapshotFrame = new SharedFrame(b.toString());
      snapshotVersion = version;
    }
    return snapshotFrame;
  }

  public JsonObject count() {
    return new JsonObject().put("type", "presence.count").put("count", connections.size());
  }

  public int size() {
    return connections.size();
  }
}
