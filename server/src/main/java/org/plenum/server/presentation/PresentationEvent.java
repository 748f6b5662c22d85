package org.plenum.server.presentation;

import org.plenum.server.core.DomainEvent;
import org.plenum.server.core.EventType;
import org.plenum.server.core.FeatureApi;

/** Follow the chair (docs/protocol.md §9). */
@FeatureApi
public sealed interface PresentationEvent extends DomainEvent {
  /** PR1, PR2: what followers' tablets show now, and who may move it besides the chair. */
  @EventType("presentation.changed")
  record Changed(String presenterId, String document, Integer page, Double zoom) implements PresentationEvent {}
}
