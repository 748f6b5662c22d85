package org.plenum.server.room;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.regex.Pattern;
import org.plenum.server.auth.AccountId;
import org.plenum.server.auth.Tokens;
import org.plenum.server.config.RoomsConfig;
import org.plenum.server.core.Actor;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.ledger.Ledger;
import org.plenum.server.core.live.MeetingHub;

/**
 * Credentials of remote rooms: a kiosk link, a WHIP ingest token or a WHEP egress token for one room in one meeting.
 *
 * <p>Rules (docs/protocol.md, Remote rooms): RM4 only the chair or an administrator issues and revokes; the chair,
 * the secretary and administrators list them. RM5 the secret is shown once, in the answer to its issue; only its
 * SHA-256 is stored and it is never logged. RM6 {@link #authenticate} accepts a secret only for its own kind, before
 * it expires and until it is revoked, and compares hashes in constant time; everything else is NOT_AUTHENTICATED.
 * RM7 revoking also ends the kiosk sessions opened with the credential.
 *
 * <p>A secret is {@code <credential id>.<random>}: the id finds the row, the hash of the whole secret must match.
 */
final class RoomCredentialService implements RoomCredentials {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RoomCredentialService.class);
  private static final Pattern SECRET = Pattern.compile("([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\.[A-Za-z0-9_-]{43}");
  private static final String NOT_VALID = "The room credential is not valid.";

  private final Vertx vertx;
  private final Database db;
  private final Ledger ledger;
  private final RoomStore store;
  private final RoomsConfig config;
  private final Clock clock;

  RoomCredentialService(Vertx vertx, Database db, Ledger ledger, RoomStore store, RoomsConfig config, Clock clock) {
    this.vertx = vertx;
    this.db = db;
    this.ledger = ledger;
    this.store = store;
    this.config = config;
    this.clock = clock;
  }

  /** A credential just issued: the only time its secret exists outside the holder's hands. */
  public record Issued(UUID id, CredentialKind kind, AccountId roomId, String roomCode, String secret, OffsetDateTime expiresAt) {}

  /** RM4, RM5: a new credential for a REMOTE_ROOM of this meeting; {@code ttl} null takes {@code rooms.credential_ttl}. */
  public Future<Issued> issue(Actor actor, MeetingId meeting, AccountId room, CredentialKind kind, Duration ttl) {
    actor.requireRunner(); // RM4: the chair, the secretary or an administrator (D37)
    Duration life = ttl == null ? config.credentialTtl() : ttl;
    if (life.isNegative() || life.isZero() || life.compareTo(config.credentialMaxTtl()) > 0) {
      throw PlenumException.badMessage("Field 'ttl' must be from 1 to " + config.credentialMaxTtl().toSeconds()
          + " seconds (rooms.credential_max_ttl).");
    }
    UUID id = UUID.randomUUID();
    String secret = id + "." + Tokens.random(32);
    OffsetDateTime expires = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).plus(life).withNano(0);
    return ledger.write(meeting, actor.accountId(), (tx, head) -> store.findRoom(tx, meeting, room.value())
        .compose(found -> {
          RoomStore.MeetingRoom r = found.orElseThrow(() -> PlenumException.notFound("No remote room '" + room + "' in this meeting."));
          return store.insertCredential(tx, id, meeting, r.id(), kind, Tokens.sha256(secret), actor.accountId(), expires)
              .map(v -> Ledger.Change.of(new Issued(id, kind, room, r.code(), secret, expires),
                  new RoomEvent.CredentialIssued(id, room.value(), r.code(), kind, expires.toString())));
        }))
        .map(Ledger.Written::value);
  }

  /** RM4: the room's credentials with their status; never a secret. */
  public Future<JsonArray> list(Actor actor, MeetingId meeting, AccountId room) {
    actor.requireRunner();
    return store.findRoom(db.auto(), meeting, room.value())
        .compose(found -> found.isEmpty() ? Future.failedFuture(PlenumException.notFound("No remote room '" + room + "' in this meeting."))
            : store.credentials(db.auto(), meeting, room.value()));
  }

  /** RM4, RM7: revokes (again: no change) and ends the kiosk sessions it opened; NOT_FOUND for another room's credential. */
  public Future<Void> revoke(Actor actor, MeetingId meeting, AccountId room, UUID credential) {
    actor.requireRunner();
    return ledger.write(meeting, actor.accountId(), (tx, head) -> store.revoke(tx, meeting, room.value(), credential, actor.accountId())
        .compose(wasActive -> {
          if (wasActive.isEmpty()) {
            return Future.failedFuture(PlenumException.notFound("No credential '" + credential + "' of this room."));
          }
          return store.endSessions(tx, credential).map(sessions -> {
            if (!wasActive.get()) {
              return Ledger.Change.of(sessions);
            }
            return Ledger.Change.of(sessions, new RoomEvent.CredentialRevoked(credential, room.value()));
          });
        }))
        .onSuccess(w -> {
          w.value().forEach(session -> vertx.eventBus().publish(MeetingHub.REVOKED_ADDRESS, session.toString()));
          vertx.eventBus().publish(REVOKED_CREDENTIAL_ADDRESS, credential.toString());
        })
        .mapEmpty();
  }

  /** RM6, for the kiosk exchange and the media endpoints (WHIP/WHEP). */
  @Override
  public Future<RoomGrant> authenticate(CredentialKind kind, String secret) {
    var m = secret == null ? null : SECRET.matcher(secret);
    if (m == null || !m.matches()) {
      return Future.failedFuture(PlenumException.notAuthenticated(NOT_VALID));
    }
    byte[] presented = Tokens.sha256(secret);
    return store.findCredential(db.auto(), UUID.fromString(m.group(1))).compose(found -> {
      if (found.isEmpty() || !MessageDigest.isEqual(presented, found.get().secretHash())) {
        return Future.failedFuture(PlenumException.notAuthenticated(NOT_VALID));
      }
      RoomStore.StoredCredential c = found.get();
      if (c.kind() != kind && !(kind == CredentialKind.WHIP && c.kind() == CredentialKind.HALL)) {   // MV27: HALL is a WHIP
        return Future.failedFuture(PlenumException.notAuthenticated("This room credential is for " + c.kind() + ", not " + kind + "."));
      }
      if (c.revokedAt() != null) {
        return Future.failedFuture(PlenumException.notAuthenticated("This room credential has been revoked."));
      }
      if (!c.expiresAt().toInstant().isAfter(clock.instant())) {
        return Future.failedFuture(PlenumException.notAuthenticated("This room credential has expired."));
      }
      if (!c.roomActive()) {
        return Future.failedFuture(PlenumException.notAuthenticated("The room is no longer part of this meeting."));
      }
      // D48: "last used" is bookkeeping: its commit is not waited for (a kiosk's session is opened meanwhile)
      store.touch(db.auto(), c.id()).onFailure(err -> LOG.warn("Could not note the use of room credential {}: {}", c.id(), err.toString()));
      return Future.succeededFuture(new RoomGrant(new MeetingId(c.meetingId()), new AccountId(c.roomId()), c.roomCode(), c.roomName(),
          c.id(), c.kind()));
    });
  }

  /** Where the holder uses a credential: the kiosk page (secret in the fragment, never sent to a server) or a media URL. */
  public static String url(String publicBase, MeetingId meeting, Issued issued) {
    String base = publicBase.endsWith("/") ? publicBase.substring(0, publicBase.length() - 1) : publicBase;
    return switch (issued.kind()) {
      case KIOSK -> base + "/kiosk.html#token=" + issued.secret();
      case WHIP, HALL -> base + "/whip/" + meeting + "/" + issued.roomCode();
      case WHEP -> base + "/whep/" + meeting + "/" + issued.roomCode();
    };
  }
}
