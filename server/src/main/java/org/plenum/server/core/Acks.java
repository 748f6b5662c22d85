package org.plenum.server.core;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.plenum.server.core.ledger.Ledger;

/** Replies to commands: {@code {"type":"ack","seq":N}} (the requestId is added by the session). */
public final class Acks {
  private Acks() {}

  public static JsonObject ack(Long seq) {
    return new JsonObject().put("type", "ack").put("seq", seq);
  }

  /** The ack of a ledger write: the seq of its last event. */
  public static Future<JsonObject> written(Future<? extends Ledger.Written<?>> w) {
    return w.map(x -> ack(x.lastSeq()));
  }
}
