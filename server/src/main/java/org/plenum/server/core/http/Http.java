package org.plenum.server.core.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;
import java.util.function.Supplier;
import org.plenum.server.core.Principal;
import org.plenum.server.core.error.PlenumException;

/** Small helpers shared by the route classes: authentication, JSON replies, client address. */
public final class Http {
  public static final String REQUEST_ID = "requestId";
  public static final String PRINCIPAL = "principal";
  public static final String JSON = "application/json; charset=utf-8";

  private Http() {}

  /** The caller of this request, from {@code Authorization: Bearer <access token>}. */
  public static Future<Principal> principal(RoutingContext ctx, Authenticator auth) {
    Principal cached = ctx.get(PRINCIPAL);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    String header = ctx.request().getHeader("Authorization");
    if (header == null || header.isBlank()) {
      return Future.failedFuture(PlenumException.notAuthenticated("Sign in first: send 'Authorization: Bearer <access token>'."));
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() > 4096) {
      return Future.failedFuture(PlenumException.notAuthenticated("The Authorization header must be 'Bearer <access token>'."));
    }
    return auth.authenticate(header.substring(7).strip()).onSuccess(p -> ctx.put(PRINCIPAL, p));
  }

  /** Runs an authenticated action and replies with its JSON; failures go to the router's failure handler. */
  public static void authed(RoutingContext ctx, Authenticator auth, int status, Function<Principal, Future<JsonObject>> action) {
    principal(ctx, auth).compose(p -> guard(() -> action.apply(p))).onSuccess(body -> reply(ctx, status, body)).onFailure(ctx::fail);
  }

  public static void open(RoutingContext ctx, int status, Supplier<Future<JsonObject>> action) {
    guard(action).onSuccess(body -> reply(ctx, status, body)).onFailure(ctx::fail);
  }

  /** Turns a synchronous throw (validation in the service) into a failed future. */
  public static <T> Future<T> guard(Supplier<Future<T>> action) {
    try {
      return action.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  public static void reply(RoutingContext ctx, int status, JsonObject body) {
    if (ctx.response().ended()) {
      return;
    }
    if (body == null) {
      ctx.response().setStatusCode(status == 200 ? 204 : status).end();
      return;
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", JSON).putHeader("Cache-Control", "no-store").end(body.encode());
  }

  public static <T> T body(RoutingContext ctx, Class<T> type) {
    String contentType = ctx.request().getHeader("Content-Type");
    if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw new PlenumException(org.plenum.server.core.error.ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "Send the body as JSON with 'Content-Type: application/json'.");
    }
    return JsonBodies.read(ctx.body().buffer(), type);
  }

  public static String clientAddress(RoutingContext ctx, boolean trustForwardedFor) {
    if (trustForwardedFor) {
      String fwd = ctx.request().getHeader("X-Forwarded-For");
      if (fwd != null && !fwd.isBlank()) {
        // The proxy appends the address it saw: the last entry is the one we can trust.
        String[] hops = fwd.split(",");
        return hops[hops.length - 1].strip();
      }
    }
    return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().host();
  }
}
