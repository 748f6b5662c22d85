package org.plenum.server.core;

import java.util.Optional;
import java.util.function.BiFunction;
import org.plenum.server.core.http.RouteMount;

/** What a {@link Feature} registers with the core. Every name is unique across features; a clash fails at start. */
public interface FeatureRegistry {
  /** The socket command {@code type} (e.g. {@code speaker.request}), its fields and its handler. */
  <C> void command(String type, Class<C> fields, CommandHandler<C> handler);

  /**
   * The feature's events: {@code family} is a sealed interface whose permitted records each carry {@link EventType};
   * {@code projection} decides per viewer. Events not registered here reach nobody.
   */
  <E extends DomainEvent> void events(Class<E> family, Projection<E> projection);

  /**
   * The feature's ephemeral signals (protocol B5): records like events ({@link EventType}, an {@code audience}
   * component), sent with {@link Connection#signal} to the meeting's other sockets, never stored, never replayed,
   * dropped before ledger events when a socket is slow. {@code projection} decides per viewer, deny by default.
   */
  <S extends DomainEvent> void signals(Class<S> family, Projection<S> projection);

  /** A part of the meeting snapshot under {@code key}; parts appear in registration order. */
  void snapshot(String key, SnapshotPart part);

  /** The feature's HTTP routes. */
  void routes(RouteMount mount);

  /**
   * Keeps open sockets' actors current: after an event that changes someone's role in the meeting, returns the
   * actor as it is now (empty: unchanged).
   */
  void actorUpdates(BiFunction<DomainEvent, Actor, Optional<Actor>> update);
}
