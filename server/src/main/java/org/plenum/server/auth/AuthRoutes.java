package org.plenum.server.auth;

import io.vertx.core.json.JsonObject;
import org.plenum.server.core.http.Http;
import org.plenum.server.core.http.JsonBodies;
import org.plenum.server.core.http.RouteMount;
import org.plenum.server.core.http.Routes;

/** Sign-in, refresh, sign-out. Rule: login and refresh are open (rate-limited); logout needs the access token. */
final class AuthRoutes implements RouteMount {
  private final AuthService auth;
  private final org.plenum.server.auth.oidc.OidcService oidc;
  private final boolean trustForwardedFor;

  AuthRoutes(AuthService auth, org.plenum.server.auth.oidc.OidcService oidc, boolean trustForwardedFor) {
    this.auth = auth;
    this.oidc = oidc;
    this.trustForwardedFor = trustForwardedFor;
  }

  record Login(String username, String password) {
    Login {
      JsonBodies.required(username, "username", 64);
      JsonBodies.required(password, "password", 256);
    }
  }

  record Refresh(String refreshToken) {
    Refresh {
      JsonBodies.required(refreshToken, "refreshToken", 200);
    }
  }

  @Override
  public void mount(Routes r) {
    var api = r.api();
    api.post("/auth/login").handler(ctx -> Http.open(ctx, 200, () -> {
      var req = Http.body(ctx, Login.class);
      return auth.login(req.username(), req.password(), Http.clientAddress(ctx, trustForwardedFor), ctx.request().getHeader("User-Agent"))
          .map(AuthService.TokenPair::toJson);
    }));
    api.post("/auth/refresh").handler(ctx -> Http.open(ctx, 200, () -> {
      var req = Http.body(ctx, Refresh.class);
      return auth.refresh(req.refreshToken()).map(AuthService.TokenPair::toJson);
    }));
    // A session from a provider with an end-session endpoint answers 200 with the URL to send the browser to
    // (RP-initiated logout, OI8); any other session 204.
    api.post("/auth/logout").handler(ctx -> r.authed(ctx, 200, p -> oidc.endSessionUrl(p)
        .compose(url -> auth.logout(p).map(v -> url.map(u -> new JsonObject().put("endSessionUrl", u)).orElse(null)))));
  }
}
