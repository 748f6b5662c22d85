package org.plenum.server.agenda;

import io.vertx.core.json.JsonArray;
import org.plenum.server.core.DomainEvent;
import org.plenum.server.core.EventType;
import org.plenum.server.core.FeatureApi;

/** The agenda's events (docs/protocol.md §6). */
@FeatureApi
public sealed interface AgendaEvent extends DomainEvent {
  /**
   * Any change to the agenda: the whole numbered agenda, why ({@code added}, {@code updated}, {@code moved},
   * {@code removed}, {@code current}), which item, and whether that item is internal (then only the people running
   * the meeting learn its id, AG2).
   */
  @EventType("agenda.changed")
  record Changed(JsonArray items, String currentItemId, String reason, String itemId, boolean itemInternal) implements AgendaEvent {}
}
