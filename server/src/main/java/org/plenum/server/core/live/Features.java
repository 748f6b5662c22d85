package org.plenum.server.core.live;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.plenum.server.core.Actor;
import org.plenum.server.core.CommandHandler;
import org.plenum.server.core.DomainEvent;
import org.plenum.server.core.EventType;
import org.plenum.server.core.Feature;
import org.plenum.server.core.FeatureRegistry;
import org.plenum.server.core.Projection;
import org.plenum.server.core.SnapshotPart;
import org.plenum.server.core.http.RouteMount;
import org.plenum.server.core.ledger.EventCodec;

/**
 * What the registered features brought, in one place: commands by type, event types with their projections,
 * snapshot parts, routes, actor updates. Built once at start; read-only afterwards. Registering a name twice, an
 * event family that is not sealed, or an event record without {@link EventType} fails at once.
 */
public final class Features implements FeatureRegistry {
  /** A command type with its fields class and handler. */
  public record Command<C>(String feature, Class<C> fields, CommandHandler<C> handler) {}

  /** An event type: its record class and the projection that decides who sees what. */
  public record Event<E extends DomainEvent>(String feature, Class<E> type, Projection<E> projection) {}

  private final List<Feature> features;
  private final Map<String, Command<?>> commands = new LinkedHashMap<>();
  private final Map<String, Event<?>> events = new HashMap<>();
  private final Map<String, Event<?>> signals = new HashMap<>();
  private final Map<String, SnapshotPart> snapshot = new LinkedHashMap<>();
  private final List<RouteMount> routes = new ArrayList<>();
  private final List<BiFunction<DomainEvent, Actor, Optional<Actor>>> actorUpdates = new ArrayList<>();
  private String registering;

  private Features(List<Feature> features) {
    this.features = List.copyOf(features);
  }

  /** Registers every feature, in order. */
  public static Features of(List<Feature> features) {
    Features f = new Features(features);
    Set<String> names = new java.util.HashSet<>();
    for (Feature feature : features) {
      if (!names.add(feature.name())) {
        throw new IllegalStateException("Two features are named '" + feature.name() + "'");
      }
      f.registering = feature.name();
      feature.register(f);
    }
    f.registering = null;
    return f;
  }

  private void open() {
    if (registering == null) {
      throw new IllegalStateException("Features register only while the server is being built");
    }
  }

  @Override
  public <C> void command(String type, Class<C> fields, CommandHandler<C> handler) {
    open();
    Command<?> before = commands.putIfAbsent(type, new Command<>(registering, fields, handler));
    if (before != null) {
      throw new IllegalStateException("Command '" + type + "' is registered by both " + before.feature() + " and " + registering);
    }
  }

  @Override
  public <E extends DomainEvent> void events(Class<E> family, Projection<E> projection) {
    register(events, "Event", family, projection, signals);
  }

  @Override
  public <S extends DomainEvent> void signals(Class<S> family, Projection<S> projection) {
    register(signals, "Signal", family, projection, events);
  }

  /** Every record of {@code family} into {@code into} under its type, which {@code other} (events or signals) must not have. */
  private <E extends DomainEvent> void register(Map<String, Event<?>> into, String what, Class<E> family, Projection<E> projection,
                                                Map<String, Event<?>> other) {
    open();
    for (Class<? extends E> record : records(family)) {
      EventCodec.check(record);
      String type = EventCodec.typeOf(record);
      if (other.containsKey(type)) {
        throw new IllegalStateException("'" + type + "' is registered by " + other.get(type).feature() + "; a signal needs a type of its own");
      }
      Event<?> before = into.putIfAbsent(type, new Event<>(registering, cast(record), cast(projection)));
      if (before != null) {
        throw new IllegalStateException(what + " '" + type + "' is registered by both " + before.feature() + " and " + registering);
      }
    }
  }

  /** A registered signal type with its record and projection. */
  public Optional<Event<?>> signal(String type) {
    return Optional.ofNullable(signals.get(type));
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object o) {
    return (T) o;
  }

  /** The concrete event records of a family: the record itself, or every record a sealed interface permits (deeply). */
  @SuppressWarnings("unchecked")
  public static <E> List<Class<? extends E>> records(Class<E> family) {
    if (family.isRecord()) {
      return List.of(family);
    }
    if (!family.isSealed()) {
      throw new IllegalStateException(family.getName() + " must be a sealed interface of event records (or one record)");
    }
    List<Class<? extends E>> out = new ArrayList<>();
    for (Class<?> sub : family.getPermittedSubclasses()) {
      out.addAll(records((Class<? extends E>) sub));
    }
    return out;
  }

  @Override
  public void snapshot(String key, SnapshotPart part) {
    open();
    if (key.equals("seq") || snapshot.putIfAbsent(key, part) != null) {
      throw new IllegalStateException("Snapshot part '" + key + "' is taken (" + registering + ")");
    }
  }

  @Override
  public void routes(RouteMount mount) {
    open();
    routes.add(mount);
  }

  @Override
  public void actorUpdates(BiFunction<DomainEvent, Actor, Optional<Actor>> update) {
    open();
    actorUpdates.add(update);
  }

  public List<Feature> all() {
    return features;
  }

  public Optional<Command<?>> command(String type) {
    return Optional.ofNullable(commands.get(type));
  }

  /** Every command type the gateway accepts, besides the core's own (ping, session.resume, presence.update). */
  public Set<String> commandTypes() {
    return Collections.unmodifiableSet(new TreeSet<>(commands.keySet()));
  }

  public Optional<Event<?>> event(String type) {
    return Optional.ofNullable(events.get(type));
  }

  /** Every event and signal type that some projection admits. */
  public Set<String> eventTypes() {
    Set<String> all = new TreeSet<>(events.keySet());
    all.addAll(signals.keySet());
    return Collections.unmodifiableSet(all);
  }

  public Map<String, SnapshotPart> snapshotParts() {
    return Collections.unmodifiableMap(snapshot);
  }

  public List<RouteMount> routes() {
    return Collections.unmodifiableList(routes);
  }

  /** {@code actor} after {@code event} (unchanged when no feature says otherwise). */
  public Actor updated(DomainEvent event, Actor actor) {
    Actor a = actor;
    for (var u : actorUpdates) {
      a = u.apply(event, a).orElse(a);
    }
    return a;
  }

  @Override
  public String toString() {
    return "Features" + Arrays.toString(features.stream().map(Feature::name).toArray());
  }
}
