package org.plenum.server.core.live;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeMap;
import org.plenum.server.core.ledger.LedgerEvent;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.ledger.LedgerStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One meeting on one node: receives its committed events from the event bus, puts them in seq order with no gaps
 * (events published out of order wait; a gap that stays is filled from the ledger), and hands each event once to
 * every live session here, encoding each distinct view of it once. Also holds the meeting's presence on this node.
 * Runs on one event loop: no locks.
 */
public final class MeetingChannel {
  private static final Logger LOG = LoggerFactory.getLogger(MeetingChannel.class);
  private static final long GAP_FILL_DELAY_MS = 200;

  private final Vertx vertx;
  private final MeetingId meeting;
  private final LedgerStore ledger;
  private final Projections projections;
  private final Set<LiveSession> sessions = new LinkedHashSet<>();
  private final TreeMap<Long, LedgerEvent> waiting = new TreeMap<>();
  private final Presence presence = new Presence();
  private final MessageConsumer<JsonObject> consumer;
  private final MessageConsumer<JsonObject> signals;
  private final MessageConsumer<JsonObject> peers;
  /** This channel among the meeting's channels on other event loops and nodes (PS5). */
  private final String origin = java.util.UUID.randomUUID().toString();
  private final PresenceLimits presenceLimits;
  private final LiveMetrics metrics;
  private int countSent = -1;
  private long countSentAt;
  private boolean wasLarge;
  private final Promise<Void> ready = Promise.promise();
  private final long presenceTimer;
  /** PS6: each other channel of the meeting (by origin) → System.nanoTime() it was last heard from. */
  private final java.util.Map<String, Long> heardFrom = new java.util.HashMap<>();
  private long beatAt = System.nanoTime();
  private long delivered = -1;
  private boolean gapFillScheduled;

  /** PS3/PS4: up to {@code fullMax} connections everyone gets entries; above it, only watchers, the others a count. */
  /** {@code peerTimeoutMs}: a channel elsewhere not heard from for this long is gone, with its connections (PS6). */
  record PresenceLimits(long intervalMs, int fullMax, long countIntervalMs, long peerTimeoutMs) {}

  MeetingChannel(Vertx vertx, MeetingId meeting, LedgerStore ledger, Projections projections, PresenceLimits presenceLimits, LiveMetrics metrics) {
    this.projections = projections;
    this.presenceLimits = presenceLimits;
    this.metrics = metrics;
    this.vertx = vertx;
    this.meeting = meeting;
    this.ledger = ledger;
    this.consumer = LiveBus.<JsonObject>consumer(vertx, LiveBus.ledger(meeting), msg -> onEvent(LedgerEvent.fromBus(msg.body())));
    this.signals = LiveBus.<JsonObject>consumer(vertx, LiveBus.signals(meeting), msg -> onSignal(msg.body()));
    this.peers = LiveBus.<JsonObject>consumer(vertx, LiveBus.presence(meeting), msg -> onPeer(msg.body()));
    // PS5: ask the meeting's other channels for their connections once this one hears their answers.
    peers.completion().onSuccess(v -> publishPeers(new JsonObject().put("kind", "hello")));
    this.presenceTimer = vertx.setPeriodic(presenceLimits.intervalMs(), t -> flushPresence());
    consumer.completion().compose(v -> ledger.headSeq(meeting)).onSuccess(head -> {
      delivered = head;
      waiting.headMap(head, true).clear();
      drain();
      ready.complete();
    }).onFailure(ready::tryFail);
  }

  /** Completes once the channel knows the ledger head; resumes wait for it (protocol R5). */
  public Future<Void> ready() {
    return ready.future();
  }

  public MeetingId meeting() {
    return meeting;
  }

  public Presence presence() {
    return presence;
  }

  void add(LiveSession s) {
    sessions.add(s);
  }

  /** True when no session is left. */
  boolean remove(LiveSession s) {
    sessions.remove(s);
    presence.leave(s.connectionId());
    return sessions.isEmpty();
  }

  void close() {
    publishPeers(new JsonObject().put("kind", "bye"));
    consumer.unregister();
    signals.unregister();
    peers.unregister();
    vertx.cancelTimer(presenceTimer);
  }

  private void onEvent(LedgerEvent e) {
    if (delivered >= 0 && e.seq() <= delivered) {
      return;
    }
    waiting.put(e.seq(), e);
    if (delivered >= 0) {
      drain();
    }
  }

  private void drain() {
    while (!waiting.isEmpty() && waiting.firstKey() == delivered + 1) {
      deliver(waiting.pollFirstEntry().getValue());
    }
    if (!waiting.isEmpty() && !gapFillScheduled) {
      gapFillScheduled = true;
      vertx.setTimer(GAP_FILL_DELAY_MS, t -> fillGap());
    }
  }

  private void fillGap() {
    gapFillScheduled = false;
    if (waiting.isEmpty()) {
      return;
    }
    long from = delivered;
    long to = waiting.firstKey() - 1;
    LOG.debug("Meeting {}: filling ledger gap {}..{} from the database", meeting, from + 1, to);
    ledger.read(meeting, from, to, (int) Math.min(10_000, to - from)).onSuccess(events -> {
      events.forEach(this::onEvent);
      drain();
    }).onFailure(err -> {
      LOG.warn("Meeting {}: gap fill failed: {}", meeting, err.toString());
      drain();
    });
  }

  private void deliver(LedgerEvent e) {
    delivered = e.seq();
    Projections.Delivery d = projections.prepare(e);
    int written = 0;
    for (LiveSession s : sessions.toArray(new LiveSession[0])) {
      if (s.offer(d)) {
        written++;
      }
    }
    metrics.delivered(written);
  }

  /** B5: a signal goes to every other live socket here whose viewer it admits, each view encoded once. */
  private void onSignal(JsonObject message) {
    Signals.Outgoing out = projections.signal(message);
    for (LiveSession s : sessions) {
      if (!s.connectionId().equals(out.from())) {
        out.sharedFor(s.actor()).ifPresent(s::sendSignal);
      }
    }
  }

  private void flushPresence() {
    JsonObject mine = presence.drainLocal();
    long now = System.nanoTime();
    if (mine != null) {
      publishPeers(mine.put("kind", "delta"));
      beatAt = now;
    } else if (now - beatAt >= presenceLimits.peerTimeoutMs() * 1_000_000L / 3) {
      publishPeers(new JsonObject().put("kind", "beat"));
      beatAt = now;
    }
    forgetSilentPeers(now);
    String delta = presence.drainDeltaText();
    boolean large = presence.size() > presenceLimits.fullMax();
    SharedFrame full = delta == null ? null : new SharedFrame(delta);
    SharedFrame count = null;
    if (large && presence.size() != countSent && now - countSentAt >= presenceLimits.countIntervalMs() * 1_000_000L) {
      count = new SharedFrame(presence.count().encode());
      countSent = presence.size();
      countSentAt = now;
    }
    SharedFrame snapshot = !large && wasLarge ? presence.snapshotFrame() : null;
    if (!large) {
      countSent = -1;
    }
    wasLarge = large;
    if (full == null && count == null && snapshot == null) {
      return;
    }
    for (LiveSession s : sessions) {
      if (s.watchesPresence()) {
        if (full != null) {
          s.sendPresence(full);
        }
      } else if (large) {
        if (count != null) {
          s.sendPresence(count);
        }
      } else if (snapshot != null) {
        s.sendPresence(snapshot);
      } else if (full != null) {
        s.sendPresence(full);
      }
    }
  }

  /** What a socket gets after its resume or once it caught up: the entries (PS2, PS3) or the count (PS4). */
  SharedFrame presenceFor(LiveSession s) {
    return s.watchesPresence() || presence.size() <= presenceLimits.fullMax() ? presence.snapshotFrame() : new SharedFrame(presence.count().encode());
  }

  private void publishPeers(JsonObject message) {
    vertx.eventBus().publish(LiveBus.presence(meeting), message.put("origin", origin));
  }

  /**
   * PS6: the connections of a channel not heard from for {@code peerTimeoutMs} leave (its node was killed or cut off
   * without its "bye"); each channel says it is alive every third of that.
   */
  private void forgetSilentPeers(long now) {
    long timeout = presenceLimits.peerTimeoutMs() * 1_000_000L;
    for (var it = heardFrom.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (now - e.getValue() >= timeout) {
        it.remove();
        LOG.info("Meeting {}: presence channel {} silent for {} ms: its connections leave", meeting, e.getKey(), presenceLimits.peerTimeoutMs());
        presence.dropOrigin(e.getKey(), java.util.Set.of());
      }
    }
  }

  /** PS5: the other channels' deltas, their full state when this channel asked for it, their goodbye; PS6: their beats. */
  private void onPeer(JsonObject m) {
    String from = m.getString("origin");
    if (origin.equals(from) || from == null) {
      return;
    }
    String kind = String.valueOf(m.getString("kind"));
    boolean known = heardFrom.put(from, System.nanoTime()) != null;
    if (!known && ("delta".equals(kind) || "beat".equals(kind))) {
      // a channel this one had forgotten (or never asked): ask again for everyone's state (PS6)
      publishPeers(new JsonObject().put("kind", "hello"));
    }
    switch (kind) {
      case "hello" -> publishPeers(new JsonObject().put("kind", "state").put("to", from).put("entries", presence.local()));
      case "state" -> {
        if (origin.equals(m.getString("to"))) {
          java.util.List<PresenceEntry> entries = new java.util.ArrayList<>();
          m.getJsonArray("entries").forEach(o -> entries.add(PresenceEntry.fromJson((JsonObject) o, from)));
          presence.replaceOrigin(from, entries);
        }
      }
      case "delta" -> {
        m.getJsonArray("joined").forEach(o -> presence.join(PresenceEntry.fromJson((JsonObject) o, from)));
        m.getJsonArray("updated").forEach(o -> {
          JsonObject e = (JsonObject) o;
          if (presence.isRemote(e.getString("connectionId"))) {
            presence.update(e.getString("connectionId"), e);
          }
        });
        m.getJsonArray("left").forEach(id -> {
          if (presence.isRemote((String) id)) {
            presence.leave((String) id);
          }
        });
      }
      case "bye" -> {
        heardFrom.remove(from);
        presence.dropOrigin(from, java.util.Set.of());
      }
      case "beat" -> { }
      default -> LOG.debug("Meeting {}: unknown presence message {}", meeting, m.getString("kind"));
    }
  }

  int sessions() {
    return sessions.size();
  }

  public long delivered() {
    return delivered;
  }
}
