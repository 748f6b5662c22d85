package org.plenum.server.http;

import org.plenum.server.core.http.Http;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.plenum.server.auth.AuthService;

/** Sign-in, refresh, sign-out. Rule: login and refresh are open (rate-limited); logout needs the access token. */
final class AuthRoutes {
  private AuthRoutes() {}

  static void mount(Router api, AuthService auth, boolean trustForwardedFor) {
    api.post("/auth/login").handler(ctx -> Http.open(ctx, 200, () -> {
      var req = Http.body(ctx, Requests.Login.class);
      return auth.login(req.username(), req.password(), Http.clientAddress(ctx, trustForwardedFor), ctx.request().getHeader("User-Agent"))
          .map(AuthService.TokenPair::toJson);
    }));
    api.post("/auth/refresh").handler(ctx -> Http.open(ctx, 200, () -> {
      var req = Http.body(ctx, Requests.Refresh.class);
      return auth.refresh(req.refreshToken()).map(AuthService.TokenPair::toJson);
    }));
    api.post("/auth/logout").handler(ctx -> Http.authed(ctx, auth, 204, p -> auth.logout(p).map((JsonObject) null)));
  }

}
