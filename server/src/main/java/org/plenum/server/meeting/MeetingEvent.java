package org.plenum.server.meeting;

import io.vertx.core.json.JsonObject;
import org.plenum.server.core.DomainEvent;
import org.plenum.server.core.EventType;
import org.plenum.server.core.FeatureApi;

/** The meeting's own events (docs/protocol.md §5, §8). */
@FeatureApi
public sealed interface MeetingEvent extends DomainEvent {
  /** MS1: the meeting opened, closed or was archived. */
  @EventType("meeting.statusChanged")
  record StatusChanged(MeetingStatus status, MeetingStatus previous) implements MeetingEvent {}

  /**
   * A participant's role, attendance or invitation answer changed ({@code reason}: {@code role}, {@code attendance},
   * {@code invitation}); {@code quorum} is the meeting's quorum after it (VT11), null when no one computes it.
   */
  @EventType("participant.changed")
  record ParticipantChanged(String reason, JsonObject participant, JsonObject quorum) implements MeetingEvent {}
}
