package org.plenum.server.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.testing.Received.as;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.core.Actor;
import org.plenum.server.core.Role;
import org.plenum.server.testing.Received;

/** What each viewer receives of the room events, as they travel: stored data decoded, audience, then the projection. */
class RoomProjectionTest {
  static final UUID CREDENTIAL = UUID.fromString("0b6f0d8e-3a1c-4f57-9c11-5d2f0e6a7b01");
  static final UUID ROOM = UUID.fromString("7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f");
  final RoomProjection projection = new RoomProjection();

  Optional<JsonObject> received(RoomEvent sent, Actor viewer) {
    return Received.received(projection, sent, viewer);
  }

  @Test
  @DisplayName("RM4, RM5: room.credentialIssued reaches the chair and the secretary only, with the id, room, kind and expiry — never a secret")
  void issued_for_runners_only() {
    var issued = new RoomEvent.CredentialIssued(CREDENTIAL, ROOM, "QO-07", CredentialKind.WHIP, "2026-12-04T08:00Z");
    JsonObject expected = new JsonObject().put("credentialId", CREDENTIAL.toString()).put("roomId", ROOM.toString()).put("roomCode", "QO-07")
        .put("kind", "WHIP").put("expiresAt", "2026-12-04T08:00Z");
    assertThat(received(issued, as(Role.CHAIR))).contains(expected);
    assertThat(received(issued, as(Role.SECRETARY))).contains(expected);
    assertThat(received(issued, as(Role.DELEGATE))).isEmpty();
    assertThat(received(issued, as(Role.REMOTE_ROOM))).isEmpty();
    assertThat(received(issued, as(Role.OBSERVER))).isEmpty();
  }

  @Test
  @DisplayName("RM7: room.credentialRevoked reaches the chair and the secretary only, with the credential and room ids")
  void revoked_for_runners_only() {
    var revoked = new RoomEvent.CredentialRevoked(CREDENTIAL, ROOM);
    assertThat(received(revoked, as(Role.SECRETARY)))
        .contains(new JsonObject().put("credentialId", CREDENTIAL.toString()).put("roomId", ROOM.toString()));
    assertThat(received(revoked, as(Role.DELEGATE))).isEmpty();
  }

  @Test
  @DisplayName("RM1, RM3: rooms.imported reaches every participant with the counts and the rows of the file")
  void imported_for_everyone() {
    var imported = new RoomEvent.Imported(2, 1, 3, 2, 6);
    assertThat(received(imported, as(Role.DELEGATE))).contains(new JsonObject().put("created", 2).put("updated", 1).put("unchanged", 3)
        .put("joined", 2).put("rooms", 6));
  }
}
