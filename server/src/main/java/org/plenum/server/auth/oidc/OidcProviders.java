package org.plenum.server.auth.oidc;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2Options;
import io.vertx.ext.auth.oauth2.providers.OpenIDConnectAuth;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.plenum.server.config.OidcConfig.Provider;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured providers as discovered: each one's discovery document is read at its first use (not at start,
 * so a provider that is down does not stop the server) and kept; a failed discovery is tried again next time. The
 * discovered issuer must equal the configured one (vertx-auth-oauth2 checks it).
 */
final class OidcProviders {
  private static final Logger LOG = LoggerFactory.getLogger(OidcProviders.class);

  /** A discovered provider: the Vert.x OAuth2 client (keys loaded) and the endpoints it found. */
  record Discovered(Provider provider, OAuth2Auth auth, OAuth2Options options, String issuer) {}

  private final Vertx vertx;
  private final Map<String, Future<Discovered>> discovered = new ConcurrentHashMap<>();

  OidcProviders(Vertx vertx) {
    this.vertx = vertx;
  }

  Future<Discovered> get(Provider p) {
    return discovered.compute(p.id(), (id, known) -> known == null || known.failed() ? discover(p) : known);
  }

  private Future<Discovered> discover(Provider p) {
    OAuth2Options options = new OAuth2Options()
        .setSite(p.issuer())
        .setClientId(p.clientId())
        .setClientSecret(p.clientSecret())
        .setJWTOptions(new JWTOptions().setLeeway((int) p.clockSkew().toSeconds()));
    return OpenIDConnectAuth.discover(vertx, options)
        .map(auth -> {
          // a token signed with a key the provider added since: load its keys again for the next sign-in
          auth.missingKeyHandler(kid -> auth.jWKSet().onFailure(e -> LOG.warn("Cannot reload the keys of provider '{}': {}", p.id(), e.getMessage())));
          String issuer = options.getJWTOptions().getIssuer() == null ? p.issuer() : options.getJWTOptions().getIssuer();
          LOG.info("Discovered OpenID provider '{}' at {}", p.id(), issuer);
          return new Discovered(p, auth, options, issuer);
        })
        .recover(e -> {
          LOG.warn("Cannot use OpenID provider '{}' ({}): {}", p.id(), p.issuer(), e.getMessage());
          return Future.failedFuture(new PlenumException(ErrorCode.UNAVAILABLE,
              "The sign-in provider '" + p.displayName() + "' cannot be reached or is misconfigured; try again later."));
        });
  }

  /** The provider's key set (JWKS) as JSON text, for checking logout tokens. */
  Future<String> keys(Discovered d) {
    String uri = d.options().getJwkPath();
    if (uri == null) {
      return Future.failedFuture(PlenumException.notAuthenticated("The provider publishes no keys."));
    }
    String absolute = uri.startsWith("/") ? d.issuer() + uri : uri;
    var client = vertx.createHttpClient();
    return client.request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(absolute))
        .compose(req -> req.send())
        .compose(res -> res.statusCode() == 200 ? res.body() : Future.failedFuture("HTTP " + res.statusCode()))
        .map(body -> body.toString())
        .andThen(v -> client.close());
  }
}
