package org.plenum.server.core;

import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * What one viewer sees of a feature's event. Deny by default: an event type that no projection was registered for
 * reaches nobody, and a projection that returns empty keeps the event from that viewer. Viewers for whom
 * {@link #viewOf} names the same view get byte-identical frames, so each distinct view is encoded once (protocol P7):
 * the data of a view depends only on the event and the view's name.
 */
public interface Projection<E extends DomainEvent> {
  /** The view of {@code event} that {@code viewer} gets, or empty when it is not for them. */
  Optional<String> viewOf(E event, Actor viewer);

  /** The data of the view named {@code view} (one that {@link #viewOf} returned). */
  JsonObject render(E event, String view);

  /** Everyone the event's audience admits sees all of its data. */
  static <E extends DomainEvent> Projection<E> whole() {
    return new Projection<>() {
      @Override
      public Optional<String> viewOf(E event, Actor viewer) {
        return Optional.of("all");
      }

      @Override
      public JsonObject render(E event, String view) {
        return event.data();
      }
    };
  }
}
