package org.plenum.server.vote;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.plenum.server.core.Actor;
import org.plenum.server.core.Projection;

/**
 * Everyone the audience admits sees a vote event whole: poll events and {@code vote.recorded} go to everyone and hold
 * nothing private (counts only, D12; who chose what only for NAMED polls, VT7); {@code vote.paperEntered} is written
 * for the people running the meeting only (its audience), and they see all of it. Anything else: nobody.
 */
final class VoteProjection implements Projection<VoteEvent> {
  private static final String ALL = "all";

  @Override
  public Optional<String> viewOf(VoteEvent event, Actor viewer) {
    if (event instanceof VoteEvent.PollCreated || event instanceof VoteEvent.PollOpened || event instanceof VoteEvent.PollClosed
        || event instanceof VoteEvent.PollCancelled || event instanceof VoteEvent.Recorded || event instanceof VoteEvent.PaperEntered
        || event instanceof VoteEvent.ProxyChanged) {
      return Optional.of(ALL);
    }
    return Optional.empty();
  }

  @Override
  public JsonObject render(VoteEvent event, String view) {
    return event.data();
  }
}
