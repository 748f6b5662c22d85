package org.plenum.server.auth;

import io.vertx.core.json.JsonObject;
import org.plenum.server.core.http.Http;
import org.plenum.server.core.http.JsonBodies;
import org.plenum.server.core.http.RouteMount;
import org.plenum.server.core.http.Routes;

/** Sign-in, refresh, sign-out. Rule: login and refresh are open (rate-limited); logout needs the access token. */
final class AuthRoutes implements RouteMount {
  private final AuthService auth;
  private final boolean trustForwardedFor;

  AuthRoutes(AuthService auth, boolean trustForwardedFor) {
    this.auth = auth;
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
    api.post("/auth/logout").handler(ctx -> r.authed(ctx, 204, p -> auth.logout(p).map((JsonObject) null)));
  }
}
