package org.plenum.server.auth;

import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.plenum.server.core.db.Tx;

/**
 * Login sessions ({@code auth_session}) and the refresh tokens they rotated away from ({@code auth_refresh_rotated}).
 * Tokens are stored only as SHA-256 hashes.
 */
public interface SessionStore {
  /** A new session; {@code roomCredentialId} links a kiosk's session to its credential (null otherwise). */
  record NewSession(UUID id, UUID accountId, byte[] refreshHash, OffsetDateTime expiresAt, String address, String userAgent,
                    UUID roomCredentialId) {}

  /** A stored session with its account's current name and flags. */
  record Session(UUID id, UUID accountId, String username, String displayName, boolean admin, boolean accountDisabled,
                 OffsetDateTime expiresAt, OffsetDateTime revokedAt) {}

  Future<Void> open(NewSession session);

  /** Opens the session unless its account is disabled or gone: the opened session with its account, empty when nothing was opened. */
  Future<Optional<Session>> openUnlessDisabled(NewSession session);

  /** The session whose current refresh token has this hash, locked until {@code tx} ends. */
  Future<Optional<Session>> lockByRefresh(Tx tx, byte[] refreshHash);

  /** Revokes the session that once had this (since rotated) refresh token: its id, empty when no session had it. */
  Future<Optional<UUID>> revokeRotated(Tx tx, byte[] refreshHash);

  /** Replaces the session's refresh token, remembering the old one so that a replay of it can be told apart. */
  Future<Void> rotate(Tx tx, UUID sessionId, byte[] oldRefreshHash, byte[] newRefreshHash);

  /** Ends the session (a second call keeps the first end time). */
  Future<Void> revoke(UUID sessionId);

  /** Ends every live session of the account (a reset password, AD4): how many were ended. */
  Future<Integer> revokeAll(Tx tx, UUID accountId);

  /** The session of this account, if it exists. */
  Future<Optional<Session>> find(UUID sessionId, UUID accountId);
}
