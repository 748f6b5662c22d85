package org.plenum.server.auth;

import org.plenum.server.core.Principal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.plenum.server.config.PlenumConfig.AuthConfig;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.storage.PgAccountStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in, token refresh (rotating refresh tokens with reuse detection), logout and the per-request check of an
 * access token. Passwords are verified on a worker thread.
 */
public final class AuthService implements org.plenum.server.core.http.Authenticator {
  private static final Logger LOG = LoggerFactory.getLogger(AuthService.class);
  private static final String WRONG = "Wrong username or password.";

  private final Vertx vertx;
  private final Pool pool;
  private final PgAccountStore accounts;
  private final PasswordHasher hasher;
  private final TokenService tokens;
  private final LoginLimiter limiter;
  private final AuthConfig config;
  private final Clock clock;

  public AuthService(Vertx vertx, Pool pool, PgAccountStore accounts, PasswordHasher hasher, TokenService tokens,
                     LoginLimiter limiter, AuthConfig config, Clock clock) {
    this.vertx = vertx;
    this.pool = pool;
    this.accounts = accounts;
    this.hasher = hasher;
    this.tokens = tokens;
    this.limiter = limiter;
    this.config = config;
    this.clock = clock;
  }

  /** Access token, refresh token and their lifetimes, as sent to the client. */
  public record TokenPair(String accessToken, long expiresIn, String refreshToken, long refreshExpiresIn) {
    public JsonObject toJson() {
      return new JsonObject().put("tokenType", "Bearer").put("accessToken", accessToken).put("expiresIn", expiresIn)
          .put("refreshToken", refreshToken).put("refreshExpiresIn", refreshExpiresIn);
    }
  }

  public Future<TokenPair> login(String username, String password, String address, String userAgent) {
    return limiter.check(username, address)
        .compose(ok -> accounts.findCredentials(username))
        .compose(found -> vertx.executeBlocking(() -> found
            .filter(c -> !c.account().disabled())
            .map(c -> hasher.verify(password, c.passwordHash()) ? c : null)
            .orElseGet(() -> {
              hasher.verifyAgainstDummy(password);
              return null;
            }), false))
        .compose(creds -> {
          if (creds == null) {
            LOG.info("Sign-in failed for '{}' from {}", LoginLimiter.key(username), address);
            return limiter.recordFailure(username, address)
                .compose(v -> Future.failedFuture(PlenumException.notAuthenticated(WRONG)));
          }
          return limiter.recordSuccess(username)
              .compose(v -> openSession(creds.account().id().value(), creds.account().username(), address, userAgent));
        });
  }

  private Future<TokenPair> openSession(UUID accountId, String username, String address, String userAgent) {
    UUID sessionId = UUID.randomUUID();
    String refresh = Tokens.random(32);
    OffsetDateTime expires = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).plus(config.refreshTokenTtl());
    return pool.preparedQuery("insert into auth_session (id, account_id, refresh_hash, expires_at, address, user_agent) values ($1, $2, $3, $4, $5, $6)")
        .execute(Tuple.of(sessionId, accountId, Buffer.buffer(Tokens.sha256(refresh)), expires, address,
            userAgent == null ? null : userAgent.substring(0, Math.min(200, userAgent.length()))))
        .map(v -> {
          LOG.info("Signed in '{}' (session {})", username, sessionId);
          return pair(accountId, username, sessionId, refresh, expires);
        });
  }

  /**
   * A login session for a room's kiosk, opened with a KIOSK credential (RM8): an access token of the room account
   * that lives {@code ttl}, no refresh token (the kiosk exchanges its credential again). Revoking the credential
   * ends the session.
   */
  public Future<JsonObject> openRoomSession(UUID roomAccountId, UUID credentialId, java.time.Duration ttl, String address, String userAgent) {
    UUID sessionId = UUID.randomUUID();
    OffsetDateTime expires = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).plus(ttl);
    return pool.preparedQuery("insert into auth_session (id, account_id, refresh_hash, expires_at, address, user_agent, room_credential_id) "
            + "select $1, a.id, $3, $4, $5, $6, $7 from account a where a.id = $2 and not a.disabled returning (select username from account where id = $2)")
        .execute(Tuple.of(sessionId, roomAccountId, Buffer.buffer(Tokens.sha256(Tokens.random(32))), expires, address,
            userAgent == null ? null : userAgent.substring(0, Math.min(200, userAgent.length())), credentialId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(PlenumException.notAuthenticated("The room's account is disabled."));
          }
          String username = rows.iterator().next().getString(0);
          LOG.info("Kiosk signed in as '{}' (session {}, credential {})", username, sessionId, credentialId);
          return Future.succeededFuture(new JsonObject().put("tokenType", "Bearer")
              .put("accessToken", tokens.issue(roomAccountId, username, sessionId, ttl)).put("expiresIn", ttl.toSeconds()));
        });
  }

  private TokenPair pair(UUID accountId, String username, UUID sessionId, String refresh, OffsetDateTime expires) {
    long refreshTtl = Math.max(0, expires.toEpochSecond() - clock.instant().getEpochSecond());
    return new TokenPair(tokens.issue(accountId, username, sessionId), tokens.accessTtlSeconds(), refresh, refreshTtl);
  }

  /**
   * Exchanges a refresh token for a new pair. The old refresh token stops working; presenting it again later
   * revokes the whole session (it was stolen, or replayed).
   */
  public Future<TokenPair> refresh(String refreshToken) {
    byte[] hash = Tokens.sha256(refreshToken);
    String next = Tokens.random(32);
    return pool.withTransaction(tx -> tx
        .preparedQuery("select s.id, s.account_id, s.expires_at, s.revoked_at, a.username, a.disabled from auth_session s "
            + "join account a on a.id = s.account_id where s.refresh_hash = $1 for update of s")
        .execute(Tuple.of(Buffer.buffer(hash)))
        .compose(rows -> {
          if (rows.size() == 0) {
            return tx.preparedQuery("update auth_session set revoked_at = coalesce(revoked_at, now()) where id = "
                    + "(select session_id from auth_refresh_rotated where refresh_hash = $1) returning id")
                .execute(Tuple.of(Buffer.buffer(hash)))
                .compose(revoked -> {
                  if (revoked.size() > 0) {
                    LOG.warn("Refresh token reuse detected; session {} revoked", revoked.iterator().next().getUUID(0));
                    return Future.succeededFuture(new Outcome(null, "This refresh token was already used; the session has been ended for safety. Sign in again."));
                  }
                  return Future.succeededFuture(new Outcome(null, "The refresh token is not valid."));
                });
          }
          Row r = rows.iterator().next();
          if (r.getOffsetDateTime("revoked_at") != null) {
            return Future.succeededFuture(new Outcome(null, "The session has ended; sign in again."));
          }
          if (r.getOffsetDateTime("expires_at").toInstant().isBefore(clock.instant())) {
            return Future.succeededFuture(new Outcome(null, "The refresh token has expired; sign in again."));
          }
          if (r.getBoolean("disabled")) {
            return Future.succeededFuture(new Outcome(null, "The account is disabled."));
          }
          UUID sessionId = r.getUUID("id");
          return tx.preparedQuery("insert into auth_refresh_rotated (refresh_hash, session_id) values ($1, $2)")
              .execute(Tuple.of(Buffer.buffer(hash), sessionId))
              .compose(v -> tx.preparedQuery("update auth_session set refresh_hash = $1, last_used_at = now() where id = $2")
                  .execute(Tuple.of(Buffer.buffer(Tokens.sha256(next)), sessionId)))
              .map(v -> new Outcome(pair(r.getUUID("account_id"), r.getString("username"), sessionId, next, r.getOffsetDateTime("expires_at")), null));
        }))
        // The reuse revocation must commit, so the failure is raised after the transaction.
        .compose(outcome -> outcome.pair != null ? Future.succeededFuture(outcome.pair)
            : Future.failedFuture(PlenumException.notAuthenticated(outcome.error)));
  }

  private record Outcome(TokenPair pair, String error) {}

  /** Ends the session of this access token: its refresh token and every access token of it stop working. */
  public Future<Void> logout(Principal principal) {
    return pool.preparedQuery("update auth_session set revoked_at = coalesce(revoked_at, now()) where id = $1")
        .execute(Tuple.of(principal.sessionId()))
        .onSuccess(v -> {
          LOG.info("Signed out '{}' (session {})", principal.username(), principal.sessionId());
          vertx.eventBus().publish(org.plenum.server.core.live.MeetingHub.REVOKED_ADDRESS, principal.sessionId().toString());
        })
        .mapEmpty();
  }

  /** Verifies an access token and that its session is still live; the account's current flags apply. */
  @Override
  public Future<Principal> authenticate(String accessToken) {
    TokenService.AccessClaims claims;
    try {
      claims = tokens.verify(accessToken);
    } catch (PlenumException e) {
      return Future.failedFuture(e);
    }
    return pool.preparedQuery("select s.revoked_at, s.expires_at, a.username, a.display_name, a.is_admin, a.disabled "
            + "from auth_session s join account a on a.id = s.account_id where s.id = $1 and s.account_id = $2")
        .execute(Tuple.of(claims.sessionId(), claims.accountId()))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(PlenumException.notAuthenticated("The access token is not valid."));
          }
          Row r = rows.iterator().next();
          if (r.getOffsetDateTime("revoked_at") != null) {
            return Future.failedFuture(PlenumException.notAuthenticated("The session has ended (signed out); sign in again."));
          }
          if (r.getBoolean("disabled")) {
            return Future.failedFuture(PlenumException.notAuthenticated("The account is disabled."));
          }
          return Future.succeededFuture(new Principal(claims.accountId(), r.getString("username"), r.getString("display_name"),
              r.getBoolean("is_admin"), claims.sessionId()));
        });
  }

  public Future<String> hashPassword(String password) {
    return vertx.executeBlocking(() -> hasher.hash(password), false);
  }

  public void checkPasswordPolicy(String password) {
    if (password.length() < config.passwordMinLength()) {
      throw PlenumException.badMessage("The password must have at least " + config.passwordMinLength() + " characters.");
    }
    if (password.length() > 256) {
      throw PlenumException.badMessage("The password must have at most 256 characters.");
    }
  }
}
