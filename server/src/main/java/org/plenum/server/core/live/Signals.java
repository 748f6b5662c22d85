package org.plenum.server.core.live;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.plenum.server.core.Actor;
import org.plenum.server.core.DomainEvent;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.Projection;
import org.plenum.server.core.ledger.Audience;
import org.plenum.server.core.ledger.EventCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ephemeral signals (protocol B5): what a socket sends that other sockets of the meeting see at once and nobody
 * stores — a feature's records registered with {@code FeatureRegistry.signals}. Published on the event bus (one
 * message per node), admitted per viewer by the record's audience and its projection (deny by default, each view
 * encoded once), written only to LIVE sockets whose write queue has room: dropped first, before presence and
 * ledger events, when a socket is slow. The sending socket does not get its own signal back.
 */
public final class Signals {
  private static final Logger LOG = LoggerFactory.getLogger(Signals.class);
  public static final String ADDRESS_PREFIX = "plenum.signal.";

  private Signals() {}

  public static String address(MeetingId meeting) {
    return ADDRESS_PREFIX + meeting;
  }

  /** Publishes {@code signal} from connection {@code from} to every node's sockets of the meeting. */
  static void publish(Vertx vertx, MeetingId meeting, String from, DomainEvent signal) {
    vertx.eventBus().publish(address(meeting), new JsonObject().put("type", signal.type()).put("audience", signal.audience().text())
        .put("from", from).put("data", signal.data()));
  }

  /** One signal on its way out: decoded once; each distinct view rendered and encoded once. */
  static final class Outgoing {
    private final String from;
    private final Audience audience;
    private final DomainEvent decoded;
    private final Projection<DomainEvent> projection;
    private final String type;
    private final Map<String, String> frames = new HashMap<>(4);
    private final Map<String, SharedFrame> shared = new HashMap<>(4);

    private Outgoing(String type, String from, Audience audience, DomainEvent decoded, Projection<DomainEvent> projection) {
      this.type = type;
      this.from = from;
      this.audience = audience;
      this.decoded = decoded;
      this.projection = projection;
    }

    String from() {
      return from;
    }

    /** The frame {@code {"type", "data"}} for {@code viewer}, or empty: not for them. */
    Optional<String> frameFor(Actor viewer) {
      if (decoded == null || !audience.admits(viewer)) {
        return Optional.empty();
      }
      return projection.viewOf(decoded, viewer).map(v -> frames.computeIfAbsent(v,
          k -> new JsonObject().put("type", type).put("data", projection.render(decoded, k)).encode()));
    }

    /** The same frame, its bytes shared by every socket with that view. */
    Optional<SharedFrame> sharedFor(Actor viewer) {
      return frameFor(viewer).map(text -> shared.computeIfAbsent(text, SharedFrame::new));
    }
  }

  /** The bus message decoded with the signal's registered record and projection (unregistered: reaches nobody). */
  @SuppressWarnings("unchecked")
  static Outgoing prepare(Features features, JsonObject message) {
    String type = message.getString("type");
    Audience audience = new Audience(message.getString("audience"));
    var registered = features.signal(type);
    if (registered.isEmpty()) {
      return new Outgoing(type, message.getString("from"), audience, null, null);
    }
    try {
      DomainEvent decoded = EventCodec.decode(registered.get().type(), message.getJsonObject("data"), audience);
      return new Outgoing(type, message.getString("from"), audience, decoded, (Projection<DomainEvent>) registered.get().projection());
    } catch (RuntimeException e) {
      LOG.warn("Signal {} cannot be decoded; it reaches nobody: {}", type, e.toString());
      return new Outgoing(type, message.getString("from"), audience, null, null);
    }
  }
}
