package org.plenum.server.minutes;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.plenum.server.core.Actor;
import org.plenum.server.core.Projection;

/**
 * MN5: the people running the meeting follow every step; everyone else hears only that the minutes are signed by
 * both (the event's audience is checked before this projection).
 */
final class MinutesProjection implements Projection<MinutesEvent> {
  @Override
  public Optional<String> viewOf(MinutesEvent event, Actor viewer) {
    if (viewer.runsMeeting()) {
      return Optional.of("runner");
    }
    if (event instanceof MinutesEvent.Signed s && s.state() == MinutesState.SIGNED) {
      return Optional.of("public");
    }
    return Optional.empty();
  }

  @Override
  public JsonObject render(MinutesEvent event, String view) {
    return event.data();
  }
}
