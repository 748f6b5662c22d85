package org.plenum.server.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.plenum.server.config.PlenumConfig.AuthConfig;
import org.plenum.server.core.Principal;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.http.Authenticator;
import org.plenum.server.core.live.AccessChanges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in, token refresh (rotating refresh tokens with reuse detection), logout and the per-request check of an
 * access token. Passwords are verified on a worker thread.
 */
public final class AuthService implements Authenticator {
  private static final Logger LOG = LoggerFactory.getLogger(AuthService.class);
  private static final String WRONG = "Wrong username or password.";

  private final Vertx vertx;
  private final Database db;
  private final AccountStore accounts;
  private final SessionStore sessions;
  private final PasswordHasher hasher;
  private final TokenService tokens;
  private final LoginLimiter limiter;
  private final AuthConfig config;
  private final Clock clock;
  private final boolean passwordLogin;
  private final String firstAdmin;
  private final AccessChanges changes;
  /** D46: login sessions as last read, valid until any change of access (sign-out, disabled account, ...). */
  private final AccessChanges.Memo<SessionKey, java.util.Optional<SessionStore.Session>> known;

  private record SessionKey(UUID sessionId, UUID accountId) {}

  public AuthService(Vertx vertx, Database db, AccountStore accounts, SessionStore sessions, PasswordHasher hasher, TokenService tokens,
                     LoginLimiter limiter, AuthConfig config, Clock clock, boolean passwordLogin, String firstAdmin) {
    this.passwordLogin = passwordLogin;
    this.firstAdmin = firstAdmin;
    this.vertx = vertx;
    this.db = db;
    this.accounts = accounts;
    this.sessions = sessions;
    this.hasher = hasher;
    this.tokens = tokens;
    this.limiter = limiter;
    this.config = config;
    this.clock = clock;
    this.changes = AccessChanges.of(vertx);
    this.known = changes.memo(50_000);
  }

  /** Access token, refresh token and their lifetimes, as sent to the client. */
  public record TokenPair(String accessToken, long expiresIn, String refreshToken, long refreshExpiresIn) {
    public JsonObject toJson() {
      return new JsonObject().put("tokenType", "Bearer").put("accessToken", accessToken).put("expiresIn", expiresIn)
          .put("refreshToken", refreshToken).put("refreshExpiresIn", refreshExpiresIn);
    }
  }

  public Future<TokenPair> login(String username, String password, String address, String userAgent) {
    return limiter.reserve(username, address)
        .compose(ok -> accounts.findCredentials(username))
        .compose(found -> vertx.executeBlocking(() -> found
            .filter(c -> !c.account().disabled() && c.passwordHash() != null)
            .map(c -> hasher.verify(password, c.passwordHash()) ? c : null)
            .orElseGet(() -> {
              hasher.verifyAgainstDummy(password);
              return null;
            }), false))
        .compose(creds -> {
          if (creds == null) {
            LOG.info("Sign-in failed for '{}' from {}", LoginLimiter.key(username), address);
            return Future.failedFuture(PlenumException.notAuthenticated(WRONG)); // counted by reserve() already
          }
          if (!passwordAllowed(creds.account())) {
            // after the password check, so that the answer tells nothing about accounts to someone without it
            LOG.info("Password sign-in refused for '{}': auth.password_login is off", LoginLimiter.key(username));
            return Future.failedFuture(PlenumException.forbidden("Sign-in with a password is switched off; use single sign-on."));
          }
          return limiter.recordSuccess(username)
              .compose(v -> openSession(creds.account().id().value(), creds.account().username(), address, userAgent));
        });
  }

  /** With {@code auth.password_login} off only the first administrator ({@code admin.username}) and room accounts use passwords. */
  private boolean passwordAllowed(Account account) {
    return passwordLogin || account.kind() == AccountKind.ROOM || account.username().equalsIgnoreCase(firstAdmin);
  }

  /** A login session opened by another sign-in path (single sign-on), with its id. */
  public record Opened(UUID sessionId, TokenPair tokens) {}

  /** Opens a login session for an account that another path (single sign-on) has identified; refused when disabled. */
  public Future<Opened> openForAccount(UUID accountId, String address, String userAgent) {
    UUID sessionId = UUID.randomUUID();
    String refresh = Tokens.random(32);
    OffsetDateTime expires = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).plus(config.refreshTokenTtl());
    return openKnown(new SessionStore.NewSession(sessionId, accountId, Tokens.sha256(refresh), expires, address, clip(userAgent), null))
        .compose(opened -> {
          if (opened.isEmpty()) {
            return Future.failedFuture(PlenumException.notAuthenticated("The account is disabled."));
          }
          String username = opened.get().username();
          LOG.info("Signed in '{}' by single sign-on (session {})", username, sessionId);
          return Future.succeededFuture(new Opened(sessionId, pair(accountId, username, sessionId, refresh, expires)));
        });
  }

  private Future<TokenPair> openSession(UUID accountId, String username, String address, String userAgent) {
    UUID sessionId = UUID.randomUUID();
    String refresh = Tokens.random(32);
    OffsetDateTime expires = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).plus(config.refreshTokenTtl());
    return sessions.open(new SessionStore.NewSession(sessionId, accountId, Tokens.sha256(refresh), expires, address, clip(userAgent), null))
        .map(v -> {
          LOG.info("Signed in '{}' (session {})", username, sessionId);
          return pair(accountId, username, sessionId, refresh, expires);
        });
  }

  /**
   * Opens a session unless its account is disabled, and remembers it as {@link #authenticate} would read it (D48): the
   * first request with its token (a kiosk's ticket, at once) then needs no database read.
   */
  private Future<java.util.Optional<SessionStore.Session>> openKnown(SessionStore.NewSession session) {
    long readAt = changes.generation();
    return sessions.openUnlessDisabled(session).onSuccess(opened -> opened.ifPresent(s ->
        known.remember(new SessionKey(s.id(), s.accountId()), opened, readAt)));
  }

  private static String clip(String userAgent) {
    return userAgent == null ? null : userAgent.substring(0, Math.min(200, userAgent.length()));
  }

  /**
   * A login session for a room's kiosk, opened with a KIOSK credential (RM8): an access token of the room account
   * that lives {@code ttl}, no refresh token (the kiosk exchanges its credential again). Revoking the credential
   * ends the session.
   */
  public Future<JsonObject> openRoomSession(UUID roomAccountId, UUID credentialId, java.time.Duration ttl, String address, String userAgent) {
    UUID sessionId = UUID.randomUUID();
    OffsetDateTime expires = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).plus(ttl);
    return openKnown(new SessionStore.NewSession(sessionId, roomAccountId, Tokens.sha256(Tokens.random(32)), expires,
            address, clip(userAgent), credentialId))
        .compose(opened -> {
          if (opened.isEmpty()) {
            return Future.failedFuture(PlenumException.notAuthenticated("The room's account is disabled."));
          }
          String username = opened.get().username();
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
    return db.inTransaction(tx -> sessions.lockByRefresh(tx, hash)
        .compose(found -> {
          if (found.isEmpty()) {
            return sessions.revokeRotated(tx, hash).map(revoked -> {
              if (revoked.isPresent()) {
                LOG.warn("Refresh token reuse detected; session {} revoked", revoked.get());
                return new Outcome(null, "This refresh token was already used; the session has been ended for safety. Sign in again.",
                    revoked.get());
              }
              return new Outcome(null, "The refresh token is not valid.", null);
            });
          }
          SessionStore.Session s = found.get();
          if (s.revokedAt() != null) {
            return Future.succeededFuture(new Outcome(null, "The session has ended; sign in again.", null));
          }
          if (s.expiresAt().toInstant().isBefore(clock.instant())) {
            return Future.succeededFuture(new Outcome(null, "The refresh token has expired; sign in again.", null));
          }
          if (s.accountDisabled()) {
            return Future.succeededFuture(new Outcome(null, "The account is disabled.", null));
          }
          return sessions.rotate(tx, s.id(), hash, Tokens.sha256(next))
              .map(v -> new Outcome(pair(s.accountId(), s.username(), s.id(), next, s.expiresAt()), null, null));
        }))
        // The reuse revocation must commit, so the failure is raised after the transaction.
        .compose(outcome -> {
          if (outcome.ended != null) { // committed: the session's remembered answers and its sockets end now (AM1, S4)
            changes.sessionEnded(outcome.ended);
          }
          return outcome.pair != null ? Future.succeededFuture(outcome.pair) : Future.failedFuture(PlenumException.notAuthenticated(outcome.error));
        });
  }

  /** What a refresh came to: a new pair, or an error and the session it ended (reuse detected), if any. */
  private record Outcome(TokenPair pair, String error, UUID ended) {}

  /** Ends the session of this access token: its refresh token and every access token of it stop working. */
  public Future<Void> logout(Principal principal) {
    return sessions.revoke(principal.sessionId())
        .onSuccess(v -> {
          LOG.info("Signed out '{}' (session {})", principal.username(), principal.sessionId());
          changes.sessionEnded(principal.sessionId());
        });
  }

  /** D46: call after the commit of a change of who may do what (an account disabled, its sessions ended, ...). */
  public void accessChanged(String what) {
    changes.changed(what);
  }

  /** How many access-token signatures were checked so far (a token signed or verified here once is not checked again; D48). */
  public long signaturesChecked() {
    return tokens.signaturesChecked();
  }

  /** Whether a login session still stands (not signed out, its account not disabled): for tickets kept in memory (D46). */
  Future<Boolean> sessionLive(UUID sessionId, UUID accountId) {
    return known.get(new SessionKey(sessionId, accountId), () -> sessions.find(sessionId, accountId))
        .map(found -> found.isPresent() && found.get().revokedAt() == null && !found.get().accountDisabled());
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
    return known.get(new SessionKey(claims.sessionId(), claims.accountId()), () -> sessions.find(claims.sessionId(), claims.accountId()))
        .compose(found -> {
          if (found.isEmpty()) {
            return Future.failedFuture(PlenumException.notAuthenticated("The access token is not valid."));
          }
          SessionStore.Session s = found.get();
          if (s.revokedAt() != null) {
            return Future.failedFuture(PlenumException.notAuthenticated("The session has ended (signed out); sign in again."));
          }
          if (s.accountDisabled()) {
            return Future.failedFuture(PlenumException.notAuthenticated("The account is disabled."));
          }
          return Future.succeededFuture(new Principal(claims.accountId(), s.username(), s.displayName(), s.admin(), claims.sessionId()));
        });
  }

  public Future<String> hashPassword(String password) {
    return vertx.executeBlocking(() -> hasher.hash(password), false);
  }

  /** The shortest password the policy accepts ({@code auth.password_min_length}). */
  public int passwordMinLength() {
    return config.passwordMinLength();
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
