package org.plenum.server.core.http;

/** A feature's HTTP routes, added when the router is built. */
@FunctionalInterface
public interface RouteMount {
  void mount(Routes routes);
}
