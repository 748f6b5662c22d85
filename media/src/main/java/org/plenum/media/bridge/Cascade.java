package org.plenum.media.bridge;

import java.util.List;
import org.plenum.media.janus.RemotePublisher;

/**
 * A room spanning two bridges: every local publisher of {@code from} is relayed into the same room on {@code to},
 * where it appears as a VideoRoom remote publisher that subscribers on {@code to} subscribe to like a local one.
 *
 * @param relayed feeds relayed ({@code publish_remotely} on {@code from} with {@code remoteId} → {@code target})
 * @param skipped feeds not relayed, with the reason (e.g. already a remote publisher on {@code from})
 */
public record Cascade(String room, Bridge from, Bridge to, List<Relayed> relayed, List<Skipped> skipped) {

  /** One relayed feed. */
  public record Relayed(String feedId, String remoteId, RemotePublisher target) {
  }

  /** One feed left out. */
  public record Skipped(String feedId, String reason) {
  }

  public Cascade {
    relayed = List.copyOf(relayed);
    skipped = List.copyOf(skipped);
  }
}
