package org.plenum.server.core.live;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeMap;
import org.plenum.server.core.ledger.Ledger;
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
  private final Promise<Void> ready = Promise.promise();
  private final long presenceTimer;
  private long delivered = -1;
  private boolean gapFillScheduled;

  MeetingChannel(Vertx vertx, MeetingId meeting, LedgerStore ledger, Projections projections, long presenceIntervalMs) {
    this.projections = projections;
    this.vertx = vertx;
    this.meeting = meeting;
    this.ledger = ledger;
    // consumer, not localConsumer: in a cluster the events and signals of the meeting written on any node reach this
    // node once per channel (CL1, CL2); with one node it is the same thing
    this.consumer = vertx.eventBus().<JsonObject>consumer(Ledger.address(meeting), msg -> onEvent(LedgerEvent.fromBus(msg.body())));
    this.signals = vertx.eventBus().<JsonObject>consumer(Signals.address(meeting), msg -> onSignal(msg.body()));
    this.presenceTimer = vertx.setPeriodic(presenceIntervalMs, t -> flushPresence());
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
    consumer.unregister();
    signals.unregister();
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
    for (LiveSession s : sessions.toArray(new LiveSession[0])) {
      s.offer(d);
    }
  }

  /** B5: a signal goes to every other live socket here whose viewer it admits, each view encoded once. */
  private void onSignal(JsonObject message) {
    Signals.Outgoing out = projections.signal(message);
    for (LiveSession s : sessions) {
      if (!s.connectionId().equals(out.from())) {
        out.frameFor(s.actor()).ifPresent(s::sendSignal);
      }
    }
  }

  private void flushPresence() {
    JsonObject delta = presence.drainDelta();
    if (delta == null) {
      return;
    }
    String frame = delta.encode();
    for (LiveSession s : sessions) {
      s.sendPresence(frame);
    }
  }

  public long delivered() {
    return delivered;
  }
}
