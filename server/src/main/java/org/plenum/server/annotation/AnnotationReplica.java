package org.plenum.server.annotation;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The annotations of one scope (a document, a meeting) as one replica holds them: a device offline, a tablet's
 * store, the server. Operations may arrive in any order, late, or more than once; replicas that have received the
 * same operations hold the same state, byte for byte in {@link #canonical()} (D19, the property test
 * {@code ConvergenceTest}). Not thread-safe: one replica belongs to one thread or actor.
 */
public final class AnnotationReplica {
  private final TreeMap<AnnotationId, AnnotationState> states = new TreeMap<>();

  /** Merges one operation; returns the annotation's new state. */
  public AnnotationState apply(AnnotationOp op) {
    return states.compute(op.id(), (id, state) -> (state == null ? AnnotationState.empty(id) : state).apply(op));
  }

  public void applyAll(Collection<? extends AnnotationOp> ops) {
    ops.forEach(this::apply);
  }

  public Optional<AnnotationState> find(AnnotationId id) {
    return Optional.ofNullable(states.get(id));
  }

  /** Every state, tombstones and incomplete ones included, by id. */
  public Collection<AnnotationState> states() {
    return Collections.unmodifiableCollection(states.values());
  }

  /** The live annotations, by id (not yet filtered for any viewer). */
  public List<Annotation> annotations() {
    return states.values().stream().flatMap(s -> s.view().stream()).toList();
  }

  /** The whole state as canonical JSON: equal on every replica that has received the same operations. */
  public String canonical() {
    return AnnotationJson.canonical(states.values());
  }
}
