package org.plenum.server.room;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.plenum.server.auth.AccountKind;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Tx;

/**
 * Remote rooms and their credentials. Room accounts are ordinary accounts of kind ROOM with a room code and a
 * district, with no usable password; credentials are stored as SHA-256 hashes only.
 */
public interface RoomStore {
  /** An account found under a room's user name. */
  record Existing(UUID id, String username, String displayName, AccountKind kind, String roomCode, String district) {}

  /** A room account as the import wants it. */
  record RoomAccount(UUID id, String username, String name, String code, String district) {}

  /** A room of one meeting, for issuing credentials. */
  record MeetingRoom(UUID id, String username, String code) {}

  /** A stored credential with what authentication needs. */
  record StoredCredential(UUID id, UUID meetingId, UUID roomId, String roomCode, String roomName, CredentialKind kind, byte[] secretHash,
                          OffsetDateTime expiresAt, OffsetDateTime revokedAt, boolean roomActive) {}

  /** Accounts under these user names (any case), by lower-case user name. */
  Future<Map<String, Existing>> findByUsernames(Tx tx, List<String> usernames);

  /** Creates the room accounts; CONFLICT when another import created one of them at the same time. */
  Future<Void> insert(Tx tx, List<RoomAccount> rooms);

  /** Renames the room accounts (name, code, district); CONFLICT when a code belongs to another account. */
  Future<Void> update(Tx tx, List<RoomAccount> rooms);

  /** Makes these accounts REMOTE_ROOM participants (no voting right); how many joined or changed role. */
  Future<Integer> join(Tx tx, MeetingId meeting, List<UUID> accounts);

  /**
   * The meeting's remote rooms: code (the user name for rooms that have none), name, district and, when
   * {@code withCredentials}, a summary of their credentials.
   */
  Future<JsonArray> list(Tx tx, MeetingId meeting, boolean withCredentials);

  /** The account as a REMOTE_ROOM of this meeting; empty when it is not one. */
  Future<Optional<MeetingRoom>> findRoom(Tx tx, MeetingId meeting, UUID room);

  Future<Void> insertCredential(Tx tx, UUID id, MeetingId meeting, UUID room, CredentialKind kind, byte[] secretHash, UUID by,
                                OffsetDateTime expiresAt);

  /** The room's credentials with their status (never a hash). */
  Future<JsonArray> credentials(Tx tx, MeetingId meeting, UUID room);

  /** Revokes the credential; empty when this meeting and room have no such credential; true when it was active before. */
  Future<Optional<Boolean>> revoke(Tx tx, MeetingId meeting, UUID room, UUID credential, UUID by);

  /** Ends the login sessions a kiosk opened with this credential; their ids, to close their sockets. */
  Future<List<UUID>> endSessions(Tx tx, UUID credential);

  Future<Optional<StoredCredential>> findCredential(Tx tx, UUID id);

  /** Notes that the credential was just used. */
  Future<Void> touch(Tx tx, UUID credential);
}
