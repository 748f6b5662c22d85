package org.plenum.server.room;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.plenum.server.core.Actor;
import org.plenum.server.core.Projection;

/** RM3, RM4: every participant hears of an import; only the people running the meeting hear of credentials. */
final class RoomProjection implements Projection<RoomEvent> {
  @Override
  public Optional<String> viewOf(RoomEvent event, Actor viewer) {
    if (event instanceof RoomEvent.Imported || viewer.runsMeeting()) {
      return Optional.of("all");
    }
    return Optional.empty();
  }

  @Override
  public JsonObject render(RoomEvent event, String view) {
    return event.data();
  }
}
