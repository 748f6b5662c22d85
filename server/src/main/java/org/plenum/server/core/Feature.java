package org.plenum.server.core;

import io.vertx.core.Future;

/**
 * A slice of Plenum with everything it brings: typed commands and their handlers, its sealed set of events and their
 * projection per viewer, its part of the snapshot, its REST routes. The core knows features only through this
 * interface; adding one is a folder and one registration line in the app.
 */
public interface Feature {
  /** A short lower-case name, e.g. {@code speaker}. */
  String name();

  /** Declares what the feature brings; called once before the server starts. */
  void register(FeatureRegistry registry);

  /** Work once everything is registered and the database is ready (e.g. re-arm timers). */
  default Future<Void> start() {
    return Future.succeededFuture();
  }

  /** Releases what the feature holds (bridges, processes); called once when the server stops. */
  default void close() {}
}
