package org.plenum.server.core.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.plenum.server.core.Actor;
import org.plenum.server.core.MeetingAccess;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.Principal;
import org.plenum.server.core.ledger.Ledger;

/**
 * What a feature's {@link RouteMount} gets: the routers and the checks every route makes. {@link #api()} serves
 * {@code /api/*} with JSON bodies read up to {@code http.max_body_bytes}; {@link #root()} is for routes that stream
 * their bodies (uploads) or live outside {@code /api} (WHIP/WHEP); both end in the one failure handler. Every
 * meeting route resolves the caller to an {@link Actor} of the meeting first (FORBIDDEN for anyone else).
 */
public final class Routes {
  private final Vertx vertx;
  private final Router root;
  private final Router api;
  private final Authenticator auth;
  private final MeetingAccess access;

  public Routes(Vertx vertx, Router root, Router api, Authenticator auth, MeetingAccess access) {
    this.vertx = vertx;
    this.root = root;
    this.api = api;
    this.auth = auth;
    this.access = access;
  }

  public Vertx vertx() {
    return vertx;
  }

  public Router root() {
    return root;
  }

  public Router api() {
    return api;
  }

  public Authenticator auth() {
    return auth;
  }

  /** The meeting of a route with a {@code :meetingId} path parameter (NOT_FOUND when malformed). */
  public static MeetingId meeting(RoutingContext ctx) {
    return MeetingId.parse(ctx.pathParam("meetingId"));
  }

  /** The caller as an actor of the route's meeting. */
  public Future<Actor> actor(RoutingContext ctx) {
    return Http.principal(ctx, auth).compose(p -> access.actor(p, meeting(ctx)));
  }

  /** Runs an authenticated action and replies with its JSON and {@code status}. */
  public void authed(RoutingContext ctx, int status, Function<Principal, Future<JsonObject>> action) {
    Http.authed(ctx, auth, status, action);
  }

  /** A read in a meeting: {@code GET path} on the API, answered 200 with the action's JSON. */
  public void get(String path, BiFunction<RoutingContext, Actor, Future<JsonObject>> action) {
    api.get(path).handler(ctx -> Http.authed(ctx, auth, 200,
        p -> access.actor(p, meeting(ctx)).compose(a -> Http.guard(() -> action.apply(ctx, a)))));
  }

  /** A write in a meeting: the answer carries the change's value and the ledger seq of its last event. */
  public void write(HttpMethod method, String path, BiFunction<RoutingContext, Actor, Future<? extends Ledger.Written<JsonObject>>> action) {
    write(method, path, 200, action);
  }

  /** As {@link #write(HttpMethod, String, BiFunction)}, answered with {@code status} (e.g. 201 for a creation). */
  public void write(HttpMethod method, String path, int status,
                    BiFunction<RoutingContext, Actor, Future<? extends Ledger.Written<JsonObject>>> action) {
    api.route(method, path).handler(ctx -> Http.authed(ctx, auth, status,
        p -> access.actor(p, meeting(ctx)).compose(a -> Http.guard(() -> action.apply(ctx, a)))
            .map(w -> w.value().copy().put("seq", w.lastSeq()))));
  }
}
