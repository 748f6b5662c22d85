package org.plenum.server.room;

import io.vertx.core.Future;
import org.plenum.server.core.FeatureApi;

/** What other features (the media plane's WHIP/WHEP endpoints) may ask of room credentials. */
@FeatureApi
public interface RoomCredentials {
  /** Event-bus address (this node) of a revoked credential's id: media sessions opened with it end (MV14). */
  String REVOKED_CREDENTIAL_ADDRESS = "plenum.room.credentialRevoked";

  /**
   * RM6: who a secret lets in. Fails NOT_AUTHENTICATED for a malformed, unknown, wrong-kind, revoked or expired
   * secret, or a room no longer in the meeting.
   */
  Future<RoomGrant> authenticate(CredentialKind kind, String secret);
}
