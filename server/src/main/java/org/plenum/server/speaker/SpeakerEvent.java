package org.plenum.server.speaker;

import io.vertx.core.json.JsonObject;
import org.plenum.server.core.DomainEvent;
import org.plenum.server.core.EventType;
import org.plenum.server.core.FeatureApi;

/** The list of speakers' events (docs/protocol.md §7): each carries the entry concerned and the whole queue (SQ6). */
@FeatureApi
public sealed interface SpeakerEvent extends DomainEvent {
  String REQUESTED = "speaker.requested";
  String WITHDRAWN = "speaker.withdrawn";
  String GRANTED = "speaker.granted";
  String ENDED = "speaker.ended";
  String REORDERED = "speaker.reordered";

  /** The queue after the event: {@code current} (or null) and {@code waiting}. */
  JsonObject queue();

  @EventType(REQUESTED)
  record Requested(JsonObject entry, JsonObject queue) implements SpeakerEvent {}

  @EventType(WITHDRAWN)
  record Withdrawn(JsonObject entry, JsonObject queue) implements SpeakerEvent {}

  /** SQ4, SQ5: {@code entry} has the floor from {@code startedAt}, for {@code timeLimitSeconds}. */
  @EventType(GRANTED)
  record Granted(JsonObject entry, JsonObject queue) implements SpeakerEvent {}

  @EventType(ENDED)
  record Ended(JsonObject entry, JsonObject queue) implements SpeakerEvent {}

  @EventType(REORDERED)
  record Reordered(JsonObject queue) implements SpeakerEvent {}
}
