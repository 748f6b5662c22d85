package org.plenum.server.core.ledger;

import io.vertx.core.json.JsonObject;

/** An event a command wants appended; it gets its seq and hash when the transaction appends it. */
public record NewEvent(String type, Audience audience, JsonObject data) {
  public static NewEvent toAll(String type, JsonObject data) {
    return new NewEvent(type, Audience.ALL, data);
  }
}
