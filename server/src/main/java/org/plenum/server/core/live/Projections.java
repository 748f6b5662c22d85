package org.plenum.server.core.live;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.plenum.server.core.Actor;
import org.plenum.server.core.DomainEvent;
import org.plenum.server.core.Projection;
import org.plenum.server.core.ledger.EventCodec;
import org.plenum.server.core.ledger.LedgerEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-recipient filtering, done before encoding (protocol P7), deny by default: an event reaches a viewer only when
 * its audience admits them AND the projection registered for its type names a view for them. An event type nobody
 * registered reaches nobody, by any path (live, resume, REST ledger).
 */
public final class Projections {
  private static final Logger LOG = LoggerFactory.getLogger(Projections.class);

  private final Features features;

  public Projections(Features features) {
    this.features = features;
  }

  /** One committed event on its way out: decoded once; each distinct view rendered and encoded once. */
  public final class Delivery {
    private final LedgerEvent event;
    private final DomainEvent decoded;
    private final Projection<DomainEvent> projection;
    private final Map<String, JsonObject> views = new HashMap<>(4);
    private final Map<String, String> frames = new HashMap<>(4);
    private final Map<String, SharedFrame> shared = new HashMap<>(4);

    private Delivery(LedgerEvent event, DomainEvent decoded, Projection<DomainEvent> projection) {
      this.event = event;
      this.decoded = decoded;
      this.projection = projection;
    }

    public LedgerEvent event() {
      return event;
    }

    /** The typed event, or empty when no feature registered its type (then nobody receives it). */
    public Optional<DomainEvent> decoded() {
      return Optional.ofNullable(decoded);
    }

    private Optional<String> viewOf(Actor viewer) {
      if (decoded == null || !event.audience().admits(viewer)) {
        return Optional.empty();
      }
      return projection.viewOf(decoded, viewer);
    }

    private JsonObject view(String name) {
      return views.computeIfAbsent(name, k -> event.toFrame(projection.render(decoded, k)));
    }

    /** The encoded frame for {@code viewer}, or empty: the event is not for them. */
    public Optional<String> frameFor(Actor viewer) {
      return viewOf(viewer).map(v -> frames.computeIfAbsent(v, k -> view(k).encode()));
    }

    /** The frame for {@code viewer} encoded once for every socket with the same view, or empty. */
    Optional<SharedFrame> sharedFor(Actor viewer) {
      return viewOf(viewer).map(v -> shared.computeIfAbsent(v, k -> new SharedFrame(frames.computeIfAbsent(k, x -> view(x).encode()))));
    }

    /** {@code actor} as it is after this event (a role change reaches open sockets at once). */
    public Actor actorAfter(Actor actor) {
      return decoded == null ? actor : features.updated(decoded, actor);
    }

    /** The frame for {@code viewer} as JSON (for REST), or empty. */
    public Optional<JsonObject> jsonFor(Actor viewer) {
      return viewOf(viewer).map(this::view);
    }
  }

  /** A signal from the event bus, decoded once for every socket of this node (B5). */
  Signals.Outgoing signal(JsonObject message) {
    return Signals.prepare(features, message);
  }

  @SuppressWarnings("unchecked")
  public Delivery prepare(LedgerEvent e) {
    var registered = features.event(e.type());
    if (registered.isEmpty()) {
      return new Delivery(e, null, null);
    }
    var r = registered.get();
    try {
      DomainEvent decoded = EventCodec.decode(r.type(), e.dataJson(), e.audience());
      return new Delivery(e, decoded, (Projection<DomainEvent>) r.projection());
    } catch (RuntimeException ex) {
      LOG.error("Meeting {}: event {} ({}) cannot be decoded; it reaches nobody", e.meetingId(), e.seq(), e.type(), ex);
      return new Delivery(e, null, null);
    }
  }
}
