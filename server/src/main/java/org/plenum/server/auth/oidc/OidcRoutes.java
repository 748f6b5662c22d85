package org.plenum.server.auth.oidc;

import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import org.plenum.server.auth.AuthService;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.http.Http;
import org.plenum.server.core.http.JsonBodies;
import org.plenum.server.core.http.RouteMount;
import org.plenum.server.core.http.Routes;

/**
 * Single sign-on routes. Rule: the providers list, start, callback, complete and back-channel logout are open (the
 * flow itself proves who is signing in); linking identities to accounts is for administrators (OI7).
 */
public final class OidcRoutes implements RouteMount {
  static final String COOKIE = "plenum_oidc";

  private final OidcService oidc;
  private final OidcStore store;
  private final boolean trustForwardedFor;

  public OidcRoutes(OidcService oidc, OidcStore store, boolean trustForwardedFor) {
    this.oidc = oidc;
    this.store = store;
    this.trustForwardedFor = trustForwardedFor;
  }

  record Link(String provider, String subject) {
    Link {
      JsonBodies.required(provider, "provider", 32);
      JsonBodies.required(subject, "subject", 255);
    }
  }

  @Override
  public void mount(Routes r) {
    var api = r.api();
    var config = oidc.config();
    api.get("/auth/oidc/providers").handler(ctx -> Http.open(ctx, 200, () -> Future.succeededFuture(new JsonObject()
        .put("passwordLogin", config.passwordLogin())
        .put("providers", new JsonArray(config.providers().stream()
            .map(p -> new JsonObject().put("id", p.id()).put("name", p.displayName())).toList())))));

    api.get("/auth/oidc/:provider/start").handler(ctx -> Http.guard(() -> oidc.start(ctx.pathParam("provider")))
        .onSuccess(started -> {
          ctx.response().addCookie(cookie(started.binding(), config.flowTtl().toSeconds()));
          ctx.response().setStatusCode(302).putHeader("Location", started.location()).putHeader("Cache-Control", "no-store").end();
        })
        .onFailure(ctx::fail));

    api.get("/auth/oidc/callback").handler(ctx -> oidc.callback(binding(ctx), ctx.queryParams())
        .onComplete(done -> ctx.response().setStatusCode(303).putHeader("Location", oidc.siteUrl() + "?signin=oidc")
            .putHeader("Cache-Control", "no-store").putHeader("Referrer-Policy", "no-referrer").end()));

    api.post("/auth/oidc/complete").handler(ctx -> Http.open(ctx, 200, () ->
        oidc.complete(binding(ctx), Http.clientAddress(ctx, trustForwardedFor), ctx.request().getHeader("User-Agent"))
            .andThen(done -> {
              if (done.succeeded() || !OidcService.NO_OUTCOME.equals(done.cause().getMessage())) {
                ctx.response().addCookie(cookie("", 0));     // the outcome is taken: the binding has done its work
              }
            })
            .map(AuthService.TokenPair::toJson)));

    api.post("/auth/oidc/backchannel-logout").handler(ctx -> Http.open(ctx, 200, () -> {
      String type = ctx.request().getHeader("Content-Type");
      if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
        throw PlenumException.badMessage("Send the logout_token as application/x-www-form-urlencoded.");
      }
      return oidc.backchannelLogout(ctx.request().getFormAttribute("logout_token")).map(n -> new JsonObject().put("ended", n));
    }));

    api.get("/accounts/:accountId/identities").handler(ctx -> r.authed(ctx, 200, p -> {
      p.requireAdmin();
      return store.identities(accountId(ctx)).map(list -> new JsonObject().put("identities", new JsonArray(list.stream().map(OidcRoutes::toJson).toList())));
    }));
    api.post("/accounts/:accountId/identities").handler(ctx -> r.authed(ctx, 201, p -> {
      p.requireAdmin();
      var req = Http.body(ctx, Link.class);
      var provider = config.provider(req.provider())
          .orElseThrow(() -> PlenumException.badMessage("No sign-in provider '" + req.provider() + "' is configured."));
      UUID account = accountId(ctx);
      var identity = new OidcStore.Identity(provider.id(), provider.issuer(), req.subject(), account, null);
      return oidc.link(p, identity).map(v -> toJson(identity));
    }));
    api.delete("/accounts/:accountId/identities/:provider/:subject").handler(ctx -> r.authed(ctx, 204, p -> {
      p.requireAdmin();
      var provider = config.provider(ctx.pathParam("provider"))
          .orElseThrow(() -> PlenumException.notFound("No sign-in provider '" + ctx.pathParam("provider") + "' is configured."));
      return store.unlink(accountId(ctx), provider.issuer(), ctx.pathParam("subject"))
          .compose(found -> found ? Future.succeededFuture((JsonObject) null) : Future.failedFuture(PlenumException.notFound("No such identity is linked to this account.")));
    }));
  }

  private static JsonObject toJson(OidcStore.Identity i) {
    return new JsonObject().put("provider", i.provider()).put("issuer", i.issuer()).put("subject", i.subject())
        .put("accountId", i.accountId().toString()).put("linkedAt", i.linkedAt() == null ? null : i.linkedAt().toString());
  }

  private static UUID accountId(RoutingContext ctx) {
    try {
      return UUID.fromString(ctx.pathParam("accountId"));
    } catch (IllegalArgumentException e) {
      throw PlenumException.notFound("No such account.");
    }
  }

  private static String binding(RoutingContext ctx) {
    Cookie c = ctx.request().getCookie(COOKIE);
    return c == null || c.getValue().isEmpty() ? null : c.getValue();
  }

  private Cookie cookie(String value, long maxAge) {
    return Cookie.cookie(COOKIE, value).setPath("/api/auth/oidc").setHttpOnly(true).setSameSite(CookieSameSite.LAX)
        .setSecure(oidc.config().redirectUri().startsWith("https:")).setMaxAge(maxAge);
  }
}
