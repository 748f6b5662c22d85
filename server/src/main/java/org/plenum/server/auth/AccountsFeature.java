package org.plenum.server.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import org.plenum.server.auth.oidc.OidcRoutes;
import org.plenum.server.auth.oidc.OidcService;
import org.plenum.server.auth.oidc.OidcStore;
import org.plenum.server.auth.oidc.PgOidcStore;
import org.plenum.server.config.OidcConfig;
import org.plenum.server.config.PlenumConfig.AuthConfig;
import org.plenum.server.core.Feature;
import org.plenum.server.core.FeatureRegistry;
import org.plenum.server.core.db.Database;

/**
 * Accounts and sign-in (platform, not a meeting feature): the token signing key, sessions, WebSocket tickets, the
 * login limit and the account rules, built once at start. It registers only REST routes ({@code /auth/*},
 * {@code /accounts}); the rest of the server reaches it through {@link #auth()} (the core's authenticator),
 * {@link #tickets()} and {@link #accounts()}.
 */
public final class AccountsFeature implements Feature {
  private final SigningKeyStore keys;
  private final AccountStore accountStore;
  private final PasswordHasher hasher;
  private final AuthService auth;
  private final AccountService accounts;
  private final TicketService tickets;
  private final boolean trustForwardedFor;
  private final OidcStore oidcStore;
  private final OidcService oidc;

  private AccountsFeature(Vertx vertx, Database db, SigningKeyStore keys, SigningKeys.Loaded tokenKey, AuthConfig config,
                          OidcConfig oidcConfig, String firstAdmin, boolean trustForwardedFor, Clock clock, boolean clustered) {
    this.keys = keys;
    this.accountStore = new PgAccountStore(db);
    this.hasher = new PasswordHasher();
    SessionStore sessions = new PgSessionStore(db);
    this.auth = new AuthService(vertx, db, accountStore, sessions, hasher, new TokenService(tokenKey, config, clock),
        new LoginLimiter(new PgLoginFailureStore(db), config), config, clock, oidcConfig.passwordLogin(), firstAdmin);
    this.accounts = new AccountService(db, accountStore, sessions, auth);
    this.tickets = new TicketService(clustered ? new PgTicketStore(db) : new MemoryTicketStore(auth::sessionLive, clock), config.ticketTtl(), config.ticketsPerMinute());
    this.trustForwardedFor = trustForwardedFor;
    this.oidcStore = new PgOidcStore(db);
    this.oidc = new OidcService(vertx, db, oidcStore, accountStore, auth, oidcConfig, clock);
  }

  /**
   * Loads (or creates) the token signing key, then builds the services. With {@code clustered} false (one node)
   * WebSocket tickets are kept in memory ({@link MemoryTicketStore}, D46), else in PostgreSQL.
   */
  public static Future<AccountsFeature> start(Vertx vertx, Database db, AuthConfig config, OidcConfig oidc, String firstAdmin,
                                             boolean trustForwardedFor, Clock clock, boolean clustered) {
    SigningKeyStore keys = new PgSigningKeyStore(db);
    return SigningKeys.loadOrCreate(keys, SigningKeys.KEY_ID)
        .map(key -> new AccountsFeature(vertx, db, keys, key, config, oidc, firstAdmin, trustForwardedFor, clock, clustered));
  }

  /** Sign-in, sessions and the check of every access token. */
  public AuthService auth() {
    return auth;
  }

  public AccountService accounts() {
    return accounts;
  }

  public TicketService tickets() {
    return tickets;
  }

  /** Accounts as first-run data writes them (the demo and the first administrator). */
  public AccountStore store() {
    return accountStore;
  }

  public PasswordHasher hasher() {
    return hasher;
  }

  /** Another key pair kept beside the token key (e.g. the one that signs poll results), created on first use. */
  public Future<SigningKeys.Loaded> signingKey(String keyId) {
    return SigningKeys.loadOrCreate(keys, keyId);
  }

  @Override
  public String name() {
    return "accounts";
  }

  @Override
  public void register(FeatureRegistry r) {
    r.routes(new AuthRoutes(auth, oidc, trustForwardedFor));
    r.routes(new OidcRoutes(oidc, oidcStore, trustForwardedFor));
    r.routes(new AccountRoutes(accounts));
  }
}
