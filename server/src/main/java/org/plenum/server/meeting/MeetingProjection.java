package org.plenum.server.meeting;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.plenum.server.core.Actor;
import org.plenum.server.core.Projection;

/**
 * IV1: an invitation note is seen by its author and the people running the meeting only; the rest is for all. VT17:
 * so is a member's {@code voteWeight}, so that no one can single out a weighted member in a secret poll's totals.
 */
final class MeetingProjection implements Projection<MeetingEvent> {
  @Override
  public Optional<String> viewOf(MeetingEvent event, Actor viewer) {
    if (event instanceof MeetingEvent.StatusChanged) {
      return Optional.of("all");
    }
    if (event instanceof MeetingEvent.ParticipantChanged p) {
      return Optional.of(viewer.runsMeeting() || viewer.accountId().toString().equals(p.participant().getString("accountId")) ? "full" : "public");
    }
    return Optional.empty();
  }

  @Override
  public JsonObject render(MeetingEvent event, String view) {
    JsonObject data = event.data();
    if (event instanceof MeetingEvent.ParticipantChanged p && view.equals("public")) {
      return data.put("participant", p.participant().copy().put("invitationNote", null).put("voteWeight", null));
    }
    return data;
  }

  /** What a viewer sees of a participant (snapshots and REST). */
  static JsonObject participantView(JsonObject participant, Actor viewer) {
    if (viewer.runsMeeting() || viewer.accountId().toString().equals(participant.getString("accountId"))) {
      return participant;
    }
    return participant.copy().put("invitationNote", null).put("voteWeight", null);
  }
}
