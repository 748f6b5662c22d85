package org.plenum.server.auth.oidc;

import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.plenum.server.core.db.Tx;

/**
 * Single sign-on state: sign-ins under way ({@code auth_oidc_flow}, keyed by the SHA-256 of their state and bound to
 * one browser by the SHA-256 of its cookie), identities linked to accounts ({@code account_identity}) and the
 * provider's view of Plenum login sessions ({@code auth_oidc_session}).
 */
public interface OidcStore {
  /** A sign-in the browser started: what the callback needs to finish it. */
  record Flow(String provider, String nonce, String codeVerifier) {}

  /** What the callback found: an account, or the error to show. */
  record Finished(String provider, UUID accountId, String issuer, String subject, String opSid, String errorCode, String errorMessage) {}

  /** An identity linked to an account. */
  record Identity(String provider, String issuer, String subject, UUID accountId, OffsetDateTime linkedAt) {}

  Future<Void> startFlow(byte[] stateHash, byte[] bindingHash, String provider, String nonce, String codeVerifier, OffsetDateTime expiresAt);

  /**
   * Takes the unfinished, unexpired flow with this state started by this browser and marks it finished, so that a
   * second callback with the same state finds nothing. Empty when there is no such flow.
   */
  Future<Optional<Flow>> takeFlow(byte[] stateHash, byte[] bindingHash, OffsetDateTime now);

  /** Records the outcome of a taken flow: an account ({@code errorCode} null) or an error. */
  Future<Void> finishFlow(byte[] stateHash, Finished outcome);

  /** Removes and returns the newest finished, unexpired flow of this browser; expired flows are removed too. */
  Future<Optional<Finished>> consume(byte[] bindingHash, OffsetDateTime now);

  Future<Optional<UUID>> accountOf(String issuer, String subject);

  /** Links an identity to an account; CONFLICT when the identity is already linked (to any account). */
  Future<Void> link(Tx tx, Identity identity, UUID linkedBy);

  Future<List<Identity>> identities(UUID accountId);

  /** Removes a link; false when there was none. */
  Future<Boolean> unlink(UUID accountId, String issuer, String subject);

  Future<Void> recordSession(UUID sessionId, String provider, String issuer, String subject, String opSid);

  /** The provider a login session came from, if it came from one. */
  Future<Optional<String>> providerOf(UUID sessionId);

  /**
   * Ends every live login session from this issuer with this provider session id ({@code sid}) or, when
   * {@code sid} is null, of this subject: the ids of the sessions it ended.
   */
  Future<List<UUID>> revokeSessions(String issuer, String sid, String subject);
}
