package org.plenum.server.auth.oidc;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.JwkSet;
import io.jsonwebtoken.security.Jwks;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.oauth2.OAuth2AuthorizationURL;
import io.vertx.ext.auth.oauth2.OAuth2FlowType;
import io.vertx.ext.auth.oauth2.Oauth2Credentials;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.plenum.server.auth.Account;
import org.plenum.server.auth.AccountId;
import org.plenum.server.auth.AccountKind;
import org.plenum.server.auth.AccountService;
import org.plenum.server.auth.AccountStore;
import org.plenum.server.auth.AuthService;
import org.plenum.server.auth.Tokens;
import org.plenum.server.config.OidcConfig;
import org.plenum.server.config.OidcConfig.Provider;
import org.plenum.server.core.Principal;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.live.MeetingHub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in with OpenID Connect (authorization code flow with PKCE S256, D25). The browser leaves for the provider
 * from {@link #start}; the provider sends it back to the one configured redirect URI ({@link #callback}), where
 * the code is exchanged and the ID token checked (signature, issuer, audience, expiry, nonce); the same browser
 * then takes its Plenum tokens with {@link #complete}, so no token ever travels in a URL. Roles stay Plenum's.
 */
public final class OidcService {
  private static final Logger LOG = LoggerFactory.getLogger(OidcService.class);
  static final String LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";

  private final Vertx vertx;
  private final Database db;
  private final OidcStore store;
  private final AccountStore accounts;
  private final AuthService auth;
  private final OidcConfig config;
  private final Clock clock;
  private final OidcProviders providers;

  public OidcService(Vertx vertx, Database db, OidcStore store, AccountStore accounts, AuthService auth, OidcConfig config, Clock clock) {
    this.vertx = vertx;
    this.db = db;
    this.store = store;
    this.accounts = accounts;
    this.auth = auth;
    this.config = config;
    this.clock = clock;
    this.providers = new OidcProviders(vertx);
  }

  public OidcConfig config() {
    return config;
  }

  /** Where the web client goes after the callback: the site the redirect URI belongs to. */
  public String siteUrl() {
    String r = config.redirectUri();
    return r.substring(0, r.length() - "api/auth/oidc/callback".length());
  }

  /** The provider's authorization URL for a new sign-in, and the browser binding to set as a cookie. */
  public record Started(String location, String binding) {}

  public Future<Started> start(String providerId) {
    Provider p = provider(providerId);
    return providers.get(p).compose(d -> {
      String state = Tokens.random(32);
      String nonce = Tokens.random(32);
      String verifier = Tokens.random(48);
      String binding = Tokens.random(32);
      String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier));
      return store.startFlow(Tokens.sha256(state), Tokens.sha256(binding), p.id(), nonce, verifier, now().plus(config.flowTtl()))
          // additional parameters first: the setters below add to them (setAdditionalParameters replaces them all)
          .map(v -> new Started(d.auth().authorizeURL(new OAuth2AuthorizationURL()
              .setAdditionalParameters(new java.util.HashMap<>(Map.of("nonce", nonce)))
              .setRedirectUri(config.redirectUri())
              .setScopes(p.scopes())
              .setState(state)
              .setCodeChallenge(challenge)
              .setCodeChallengeMethod("S256")), binding));
    });
  }

  /**
   * The provider's answer. The flow named by {@code state} must have been started by this browser; its outcome
   * (an account or an error) is kept for {@link #complete}. Never fails: an unknown state simply finishes nothing.
   */
  public Future<Void> callback(String binding, MultiMap params) {
    String state = params.get("state");
    if (binding == null || state == null || state.length() > 100 || binding.length() > 100) {
      LOG.info("Single sign-on callback without a state or a browser binding: ignored");
      return Future.succeededFuture();
    }
    byte[] stateHash = Tokens.sha256(state);
    return store.takeFlow(stateHash, Tokens.sha256(binding), now())
        .compose(found -> {
          if (found.isEmpty()) {
            LOG.info("Single sign-on callback with an unknown, used or expired state: ignored");
            return Future.succeededFuture();
          }
          return org.plenum.server.core.http.Http.guard(() -> finish(found.get(), params))
              .recover(err -> {
                PlenumException e = err instanceof PlenumException pe ? pe : new PlenumException(ErrorCode.INTERNAL, "The sign-in failed.");
                if (!(err instanceof PlenumException)) {
                  LOG.error("Single sign-on callback failed", err);
                }
                LOG.info("Single sign-on with '{}' refused: {}", found.get().provider(), e.getMessage());
                return Future.succeededFuture(new OidcStore.Finished(found.get().provider(), null, null, null, null, e.code().name(), e.getMessage()));
              })
              .compose(outcome -> store.finishFlow(stateHash, outcome));
        });
  }

  private Future<OidcStore.Finished> finish(OidcStore.Flow flow, MultiMap params) {
    Provider p = config.provider(flow.provider())
        .orElseThrow(() -> PlenumException.notAuthenticated("This sign-in provider is no longer configured."));
    if (params.get("error") != null) {
      String error = clip(params.get("error"), 64);
      String description = params.get("error_description") == null ? "" : ": " + clip(params.get("error_description"), 200);
      throw PlenumException.notAuthenticated("The provider did not sign you in (" + error + description + ").");
    }
    String code = params.get("code");
    if (code == null || code.isEmpty() || code.length() > 2048) {
      throw PlenumException.notAuthenticated("The provider sent no authorization code.");
    }
    return providers.get(p).compose(d -> {
      String iss = params.get("iss");
      if (iss != null && !stripSlash(iss).equals(stripSlash(d.issuer()))) {
        return Future.failedFuture(PlenumException.notAuthenticated("The answer came from another issuer than the one this sign-in started with."));
      }
      return d.auth().authenticate(new Oauth2Credentials()
              .setFlow(OAuth2FlowType.AUTH_CODE)
              .setCode(code)
              .setRedirectUri(config.redirectUri())
              .setCodeVerifier(flow.codeVerifier()))
          .recover(e -> {
            LOG.info("Provider '{}' refused the authorization code: {}", p.id(), e.getMessage());
            return Future.failedFuture(PlenumException.notAuthenticated("The provider refused the sign-in code (used already, expired, or not issued for this sign-in)."));
          })
          .map(user -> verifiedIdToken(d, flow, user))
          .compose(claims -> accountFor(p, p.issuer(), claims)
              .map(accountId -> new OidcStore.Finished(p.id(), accountId, p.issuer(), claims.getString("sub"), claims.getString("sid"), null, null)));
    });
  }

  /** OIDC Core 3.1.3.7: what vertx-auth-oauth2 checked (signature, issuer, audience, azp) and the rest. */
  private JsonObject verifiedIdToken(OidcProviders.Discovered d, OidcStore.Flow flow, User user) {
    JsonObject id = user.attributes().getJsonObject("idToken");
    if (id == null) {
      throw PlenumException.notAuthenticated("The provider's ID token failed verification (signature, issuer or audience).");
    }
    if (!d.issuer().equals(id.getString("iss"))) {
      throw PlenumException.notAuthenticated("The ID token names another issuer.");
    }
    Object aud = id.getValue("aud");
    boolean forUs = aud instanceof String s ? s.equals(d.provider().clientId())
        : aud instanceof JsonArray a && a.contains(d.provider().clientId());
    if (!forUs) {
      throw PlenumException.notAuthenticated("The ID token was not issued for Plenum.");
    }
    long skew = d.provider().clockSkew().toSeconds();
    long nowSeconds = clock.instant().getEpochSecond();
    Long exp = id.getValue("exp") instanceof Number n ? n.longValue() : null;
    Long iat = id.getValue("iat") instanceof Number n ? n.longValue() : null;
    if (exp == null || nowSeconds > exp + skew) {
      throw PlenumException.notAuthenticated("The ID token has expired.");
    }
    if (iat == null || iat > nowSeconds + skew) {
      throw PlenumException.notAuthenticated("The ID token was issued in the future (check the clocks).");
    }
    String nonce = id.getString("nonce");
    if (nonce == null || !MessageDigest.isEqual(nonce.getBytes(StandardCharsets.UTF_8), flow.nonce().getBytes(StandardCharsets.UTF_8))) {
      throw PlenumException.notAuthenticated("The ID token does not belong to this sign-in (nonce).");
    }
    String sub = id.getString("sub");
    if (sub == null || sub.isEmpty() || sub.length() > 255) {
      throw PlenumException.notAuthenticated("The ID token names no subject.");
    }
    return id;
  }

  private Future<UUID> accountFor(Provider p, String issuer, JsonObject claims) {
    String sub = claims.getString("sub");
    return store.accountOf(issuer, sub).compose(found -> {
      if (found.isPresent()) {
        return Future.succeededFuture(found.get());
      }
      if (!p.autoCreate()) {
        return Future.failedFuture(PlenumException.notAuthenticated("No Plenum account is linked to your sign-in at " + p.displayName()
            + ". Ask an administrator to link it."));
      }
      Object claimed = claims.getValue(p.usernameClaim());
      String username = claimed instanceof String s ? s.strip() : null;
      if (username != null && username.contains("@") && p.usernameClaim().equals("email")) {
        username = username.substring(0, username.indexOf('@'));
      }
      if (username == null || !AccountService.USERNAME.matcher(username).matches()) {
        return Future.failedFuture(PlenumException.notAuthenticated("The provider sent no usable user name (claim '" + p.usernameClaim()
            + "'); ask an administrator to create and link your account."));
      }
      String name = claims.getString("name");
      String display = name == null || name.isBlank() ? username : name.strip();
      display = display.substring(0, Math.min(200, display.length()));
      Account account = new Account(AccountId.random(), username, display, AccountKind.PERSON, false, false);
      String taken = username;
      return db.inTransaction(tx -> accounts.create(tx, account, null)
              .compose(a -> store.link(tx, new OidcStore.Identity(p.id(), issuer, sub, a.id().value(), null), null)))
          .map(v -> {
            LOG.info("Created account '{}' at its first sign-in with '{}'", taken, p.id());
            return account.id().value();
          })
          .recover(e -> e instanceof PlenumException pe && pe.code() == ErrorCode.CONFLICT
              ? Future.failedFuture(new PlenumException(ErrorCode.CONFLICT, "An account named '" + taken
                  + "' already exists and is not linked to this sign-in; ask an administrator to link it."))
              : Future.failedFuture(e));
    });
  }

  /** An administrator links an identity at a provider to an account (OI7); CONFLICT when it is linked already. */
  public Future<Void> link(Principal admin, OidcStore.Identity identity) {
    admin.requireAdmin();
    return accounts.find(new AccountId(identity.accountId()))
        .compose(found -> found.isEmpty() ? Future.failedFuture(PlenumException.notFound("No such account."))
            : db.inTransaction(tx -> store.link(tx, identity, admin.accountId())));
  }

  /** The answer of {@link #complete} when this browser has no finished sign-in (its cookie stays: one may be under way). */
  public static final String NO_OUTCOME = "No single sign-on has finished in this browser.";

  /** Takes the outcome of this browser's sign-in: Plenum's own tokens, or the error the callback met. */
  public Future<AuthService.TokenPair> complete(String binding, String address, String userAgent) {
    if (binding == null || binding.length() > 100) {
      return Future.failedFuture(PlenumException.notAuthenticated(NO_OUTCOME));
    }
    return store.consume(Tokens.sha256(binding), now()).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(PlenumException.notAuthenticated(NO_OUTCOME));
      }
      OidcStore.Finished f = found.get();
      if (f.errorCode() != null) {
        return Future.failedFuture(new PlenumException(ErrorCode.valueOf(f.errorCode()), f.errorMessage()));
      }
      return auth.openForAccount(f.accountId(), address, userAgent)
          .compose(opened -> store.recordSession(opened.sessionId(), f.provider(), f.issuer(), f.subject(), f.opSid()).map(opened.tokens()));
    });
  }

  /**
   * Where to send the browser after signing out of a session that came from a provider with an end-session
   * endpoint (RP-initiated logout), or empty.
   */
  public Future<Optional<String>> endSessionUrl(Principal principal) {
    return store.providerOf(principal.sessionId()).compose(found -> {
      Optional<Provider> p = found.flatMap(config::provider).filter(Provider::endSession);
      if (p.isEmpty()) {
        return Future.succeededFuture(Optional.<String>empty());
      }
      return providers.get(p.get()).map(d -> {
        String path = d.options().getLogoutPath();
        if (path == null) {
          return Optional.<String>empty();
        }
        String url = path.startsWith("/") ? d.issuer() + path : path;
        return Optional.of(url + (url.contains("?") ? "&" : "?") + "client_id=" + enc(p.get().clientId()) + "&post_logout_redirect_uri=" + enc(siteUrl()));
      }).recover(e -> Future.succeededFuture(Optional.empty()));
    });
  }

  /**
   * OpenID Connect Back-Channel Logout 1.0: a logout token signed by a configured provider ends the Plenum
   * sessions of that provider session ({@code sid}) or, without one, of that subject; their sockets close (4001).
   */
  public Future<Integer> backchannelLogout(String logoutToken) {
    if (logoutToken == null || logoutToken.isEmpty() || logoutToken.length() > 8192) {
      return Future.failedFuture(PlenumException.badMessage("A logout_token is required."));
    }
    String issuer;
    try {
      String[] parts = logoutToken.split("\\.");
      issuer = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)).getString("iss");
    } catch (RuntimeException e) {
      return Future.failedFuture(PlenumException.badMessage("The logout_token is not a JWT."));
    }
    List<Provider> matching = config.providers().stream().filter(p -> issuer != null && stripSlash(p.issuer()).equals(stripSlash(issuer))).toList();
    if (matching.isEmpty()) {
      return Future.failedFuture(PlenumException.badMessage("The logout_token comes from no configured provider."));
    }
    // Several configured providers may share an issuer (clients of one realm): the token names its client as audience.
    Provider p = matching.stream().filter(m -> audienceOf(logoutToken).contains(m.clientId())).findFirst().orElse(matching.get(0));
    return providers.get(p)
        .compose(d -> providers.keys(d).map(jwks -> verifyLogoutToken(d, jwks, logoutToken)))
        .compose(claims -> store.revokeSessions(p.issuer(), claims.get("sid", String.class), claims.getSubject()))
        .map(ended -> {
          ended.forEach(id -> vertx.eventBus().publish(MeetingHub.REVOKED_ADDRESS, id.toString()));
          LOG.info("Back-channel logout from '{}' ended {} session(s)", p.id(), ended.size());
          return ended.size();
        });
  }

  /** The unverified {@code aud} of a JWT, only to choose which provider's checks to run. */
  private static List<String> audienceOf(String jwt) {
    try {
      Object aud = new JsonObject(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8)).getValue("aud");
      if (aud instanceof String a) {
        return List.of(a);
      }
      return aud instanceof JsonArray arr ? arr.stream().map(String::valueOf).toList() : List.of();
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  private Claims verifyLogoutToken(OidcProviders.Discovered d, String jwks, String token) {
    Claims c;
    try {
      JwkSet set = Jwks.setParser().build().parse(jwks);
      c = Jwts.parser()
          .keyLocator(header -> {
            Object kid = header instanceof io.jsonwebtoken.ProtectedHeader ph ? ph.getKeyId() : null;
            for (Jwk<?> k : set.getKeys()) {
              if (kid == null || kid.equals(k.getId())) {
                return (Key) k.toKey();
              }
            }
            throw new JwtException("unknown key");
          })
          .requireIssuer(d.issuer())
          .requireAudience(d.provider().clientId())
          .clock(() -> Date.from(clock.instant()))
          .clockSkewSeconds(d.provider().clockSkew().toSeconds())
          .build()
          .parseSignedClaims(token)
          .getPayload();
    } catch (JwtException | IllegalArgumentException e) {
      LOG.info("Refused a back-channel logout token from '{}': {}", d.provider().id(), e.getMessage());
      throw PlenumException.badMessage("The logout_token is not valid.");
    }
    Object events = c.get("events");
    if (!(events instanceof Map<?, ?> m) || !m.containsKey(LOGOUT_EVENT) || c.get("nonce") != null
        || c.getIssuedAt() == null || c.getId() == null || (c.get("sid") == null && c.getSubject() == null)) {
      throw PlenumException.badMessage("The logout_token is not a logout token.");
    }
    return c;
  }

  private Provider provider(String id) {
    return config.provider(id).orElseThrow(() -> PlenumException.notFound("No sign-in provider '" + id + "' is configured."));
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(Instant.now(clock), ZoneOffset.UTC);
  }

  private static byte[] sha256(String s) {
    return Tokens.sha256(s);
  }

  /** Text the provider chose, kept to plain printable characters and a length. */
  private static String clip(String s, int max) {
    String plain = s.replaceAll("[^\\p{L}\\p{N} _.,:;'()/-]", "");
    return plain.substring(0, Math.min(max, plain.length()));
  }

  private static String stripSlash(String s) {
    return s.replaceAll("/+$", "");
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
