package org.plenum.server.core.ledger;

import io.vertx.core.json.JsonObject;
import org.plenum.server.core.DomainEvent;

/** Transitional: an event given as type, audience and JSON data, for features not yet on typed event records. */
public record NewEvent(String type, Audience audience, JsonObject data) implements DomainEvent {
  public static NewEvent toAll(String type, JsonObject data) {
    return new NewEvent(type, Audience.ALL, data);
  }
}
