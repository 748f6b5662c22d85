package org.plenum.server.room;

import java.util.UUID;
import org.plenum.server.core.DomainEvent;
import org.plenum.server.core.EventType;
import org.plenum.server.core.FeatureApi;
import org.plenum.server.core.ledger.Audience;

/** Remote rooms' events (docs/protocol.md, Remote rooms). */
@FeatureApi
public sealed interface RoomEvent extends DomainEvent {
  /** RM1: an import changed something: rooms created, updated, unchanged, joined, and how many the file listed. */
  @EventType("rooms.imported")
  record Imported(int created, int updated, int unchanged, int joined, int rooms) implements RoomEvent {}

  /** RM4, RM5: a credential was issued (never its secret); for the people running the meeting only. */
  @EventType("room.credentialIssued")
  record CredentialIssued(UUID credentialId, UUID roomId, String roomCode, CredentialKind kind, String expiresAt) implements RoomEvent {
    @Override
    public Audience audience() {
      return Audience.RUNNERS;
    }
  }

  /** RM4, RM7: a credential was revoked; for the people running the meeting only. */
  @EventType("room.credentialRevoked")
  record CredentialRevoked(UUID credentialId, UUID roomId) implements RoomEvent {
    @Override
    public Audience audience() {
      return Audience.RUNNERS;
    }
  }
}
