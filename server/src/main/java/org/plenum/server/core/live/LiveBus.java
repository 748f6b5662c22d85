package org.plenum.server.core.live;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.ledger.Ledger;

/**
 * The event-bus addresses the live core listens on, and the one place that decides how it listens. Every message
 * on them is published (never sent), so each HTTP verticle's hub — and, with a clustered event bus, each node's —
 * gets its own copy: committed events ({@link Ledger#address}), signals ({@link Signals#address}), presence of the
 * other channels of a meeting ({@link #presence}, PS5) and sign-outs ({@link MeetingHub#REVOKED_ADDRESS}, S4).
 */
public final class LiveBus {
  public static final String PRESENCE_PREFIX = "plenum.presence.";

  private LiveBus() {}

  public static String ledger(MeetingId meeting) {
    return Ledger.address(meeting);
  }

  public static String signals(MeetingId meeting) {
    return Signals.address(meeting);
  }

  public static String presence(MeetingId meeting) {
    return PRESENCE_PREFIX + meeting;
  }

  public static String revoked() {
    return MeetingHub.REVOKED_ADDRESS;
  }

  /**
   * Listens on {@code address} cluster-wide: with one node it is the same as a local consumer; in a cluster the
   * messages published on any node reach this node's hubs too (CL1, CL2, PS5 across nodes).
   */
  static <T> MessageConsumer<T> consumer(Vertx vertx, String address, Handler<Message<T>> handler) {
    return vertx.eventBus().consumer(address, handler);
  }
}
