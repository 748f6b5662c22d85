package org.plenum.server.core;

import io.vertx.core.json.JsonObject;
import org.plenum.server.core.ledger.Audience;
import org.plenum.server.core.ledger.EventCodec;

/**
 * Something that happened in a meeting, as a feature writes it to the ledger. Each feature declares its events as a
 * sealed interface of records, each record annotated with its wire type ({@link EventType}); the record's components
 * are the event's data (a component named {@code audience} of type {@link Audience} is who may receive it, kept
 * apart from the data). An event reaches a viewer only when a registered {@link Projection} admits it.
 */
public interface DomainEvent {
  /** The type on the wire and in the ledger, e.g. {@code speaker.granted} (from {@link EventType}). */
  default String type() {
    return EventCodec.typeOf(getClass());
  }

  /** Who may receive the event at all; a projection then decides what each of them sees. */
  default Audience audience() {
    return Audience.ALL;
  }

  /** The stored data: the record's components by name (never the audience). */
  default JsonObject data() {
    return EventCodec.encode(this);
  }
}
