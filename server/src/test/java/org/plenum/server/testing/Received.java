package org.plenum.server.testing;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.UUID;
import org.plenum.server.core.Actor;
import org.plenum.server.core.DomainEvent;
import org.plenum.server.core.Projection;
import org.plenum.server.core.Role;
import org.plenum.server.core.ledger.EventCodec;

/**
 * What one viewer receives of a feature's event, as it travels: its stored data decoded back into the record, the
 * audience stored beside it, then the feature's projection (deny by default: empty means nothing is sent).
 */
public final class Received {
  private Received() {}

  /** A participant with {@code role} (not an administrator). */
  public static Actor as(Role role) {
    return new Actor(UUID.randomUUID(), role.name(), Optional.of(role), false);
  }

  @SuppressWarnings("unchecked")
  public static <E extends DomainEvent> Optional<JsonObject> received(Projection<E> projection, E sent, Actor viewer) {
    E e = (E) EventCodec.decode(sent.getClass(), sent.data(), sent.audience());
    if (!sent.audience().admits(viewer)) {
      return Optional.empty();
    }
    return projection.viewOf(e, viewer).map(v -> projection.render(e, v));
  }
}
