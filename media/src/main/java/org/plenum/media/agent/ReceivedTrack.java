package org.plenum.media.agent;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What an agent has received on one remote video track so far.
 *
 * @param trackId    the receiving side's id of the remote track (libwebrtc makes up a UUID; it is not the sender's id)
 * @param frames     decoded frames delivered to the agent
 * @param lastFrame  when the last one arrived
 * @param width      size of the last frame
 * @param height     size of the last frame
 * @param codeCounts frames per identity code recognised in them ({@link IdentityPattern})
 */
public record ReceivedTrack(String trackId, long frames, Optional<Instant> lastFrame, int width, int height,
    Map<Integer, Long> codeCounts) {

  public ReceivedTrack {
    codeCounts = Map.copyOf(codeCounts);
  }

  /** The identity code seen in most frames, if any frame carried one. */
  public OptionalInt identity() {
    return codeCounts.entrySet().stream().max(Map.Entry.comparingByValue())
        .map(e -> OptionalInt.of(e.getKey())).orElse(OptionalInt.empty());
  }

  /** Frames that carried {@code code}. */
  public long framesWithCode(int code) {
    return codeCounts.getOrDefault(code, 0L);
  }
}
