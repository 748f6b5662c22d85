package org.plenum.server.meeting;

import org.plenum.server.core.MeetingId;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;

public record Meeting(MeetingId id, String title, MeetingStatus status, OffsetDateTime startsAt, String location) {
  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("title", title)
        .put("status", status.name())
        .put("startsAt", startsAt == null ? null : startsAt.toString())
        .put("location", location);
  }
}
