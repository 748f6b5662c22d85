package org.plenum.server.media;

import java.util.UUID;
import org.plenum.server.core.DomainEvent;
import org.plenum.server.core.EventType;

/** The media plane's ledger events (docs/protocol.md §13); everyone in the meeting sees them whole. */
sealed interface MediaEvent extends DomainEvent {
  /**
   * MV7, MV8: who has the floor ({@code speakerAccountId}, null: nobody) and which live feeds to watch (null: the
   * speaker, or the chair, publishes no video).
   */
  @EventType("media.floor")
  record Floor(UUID speakerAccountId, String speakerFeedId, String chairFeedId) implements MediaEvent {}

  /** MV9, MV10, MV17: the room lost its bridge ({@code unavailable}), or is placed again and clients {@code rejoin}. */
  @EventType("media.status")
  record Status(String state, boolean rejoin) implements MediaEvent {
    static Status of(boolean available) {
      return new Status(available ? "available" : "unavailable", available);
    }
  }
}
