package org.plenum.server.auth;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.plenum.server.config.PlenumConfig.AuthConfig;
import org.plenum.server.core.error.PlenumException;

/**
 * Access tokens: ES256 JWTs (jjwt) naming the account ({@code sub}) and the login session ({@code sid}). They are
 * short-lived; the session is checked on every request, so logout takes effect at once.
 */
public final class TokenService {
  public static final String SESSION_CLAIM = "sid";

  private final SigningKeys.Loaded keys;
  private final AuthConfig config;
  private final Clock clock;

  public TokenService(SigningKeys.Loaded keys, AuthConfig config, Clock clock) {
    this.keys = keys;
    this.config = config;
    this.clock = clock;
  }

  /** What a verified access token says. */
  public record AccessClaims(UUID accountId, UUID sessionId) {}

  public String issue(UUID accountId, String username, UUID sessionId) {
    return issue(accountId, username, sessionId, config.accessTokenTtl());
  }

  /** An access token with its own lifetime (a kiosk's, {@code rooms.kiosk_access_ttl}). */
  public String issue(UUID accountId, String username, UUID sessionId, java.time.Duration ttl) {
    Instant now = clock.instant();
    Instant expires = now.plus(ttl);
    String token = Jwts.builder()
        .header().keyId(keys.keyId()).and()
        .issuer(config.issuer())
        .subject(accountId.toString())
        .id(UUID.randomUUID().toString())
        .claim(SESSION_CLAIM, sessionId.toString())
        .claim("name", username)
        .issuedAt(Date.from(now))
        .expiration(Date.from(expires))
        .signWith(keys.privateKey(), Jwts.SIG.ES256)
        .compact();
    // D48: signed here a moment ago, so its signature needs no check when it comes back (the kiosk exchange is
    // followed at once by a ticket request carrying it); it expires as it would have. JWT dates have whole seconds.
    remember(keyOf(token), new AccessClaims(accountId, sessionId), Instant.ofEpochSecond(expires.getEpochSecond()));
    return token;
  }

  /**
   * D46: tokens already verified here, by the SHA-256 of the token, with their expiry: a token is immutable and its
   * signature checked once; a remembered one counts until it expires (the session behind it is checked on every
   * request by {@link AuthService#authenticate}). At most {@link #VERIFIED_MAX}, all forgotten when full.
   */
  static final int VERIFIED_MAX = 20_000;

  private record Verified(AccessClaims claims, Instant expires) {}

  private final java.util.concurrent.ConcurrentHashMap<String, Verified> verified = new java.util.concurrent.ConcurrentHashMap<>();
  /** How many signatures this service has checked (a remembered token is not checked again; D46, D48). */
  private final java.util.concurrent.atomic.AtomicLong signaturesChecked = new java.util.concurrent.atomic.AtomicLong();

  private static String keyOf(String token) {
    return java.util.Base64.getEncoder().encodeToString(Tokens.sha256(token));
  }

  private void remember(String key, AccessClaims claims, Instant expires) {
    if (verified.size() >= VERIFIED_MAX) {
      verified.clear();
    }
    verified.put(key, new Verified(claims, expires));
  }

  /** How many access-token signatures were verified so far (for tests: a token signed or seen here is not verified again). */
  public long signaturesChecked() {
    return signaturesChecked.get();
  }

  public AccessClaims verify(String token) {
    if (token == null || token.length() > 4096) {
      throw PlenumException.notAuthenticated("The access token is not valid.");
    }
    String key = keyOf(token);
    Verified known = verified.get(key);
    Instant now = clock.instant();
    if (known != null) {
      if (now.isBefore(known.expires())) {
        return known.claims();
      }
      verified.remove(key);
    }
    signaturesChecked.incrementAndGet();
    ParsedToken parsed = parse(token);
    if (parsed.expires() != null && now.isBefore(parsed.expires())) {
      remember(key, parsed.claims(), parsed.expires());
    }
    return parsed.claims();
  }

  private record ParsedToken(AccessClaims claims, Instant expires) {}

  private ParsedToken parse(String token) {
    try {
      Claims claims = Jwts.parser()
          .verifyWith(keys.publicKey())
          .requireIssuer(config.issuer())
          .clock(() -> Date.from(clock.instant()))
          .clockSkewSeconds(30)
          .build()
          .parseSignedClaims(token)
          .getPayload();
      String sid = claims.get(SESSION_CLAIM, String.class);
      if (claims.getSubject() == null || sid == null) {
        throw PlenumException.notAuthenticated("The access token is missing required claims.");
      }
      Date exp = claims.getExpiration();
      return new ParsedToken(new AccessClaims(UUID.fromString(claims.getSubject()), UUID.fromString(sid)), exp == null ? null : exp.toInstant());
    } catch (ExpiredJwtException e) {
      throw PlenumException.notAuthenticated("The access token has expired; refresh it or sign in again.");
    } catch (JwtException | IllegalArgumentException e) {
      throw PlenumException.notAuthenticated("The access token is not valid.");
    }
  }

  public long accessTtlSeconds() {
    return config.accessTokenTtl().toSeconds();
  }
}
