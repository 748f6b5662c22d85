package org.plenum.server.core.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import org.plenum.server.core.ws.EchoGateway;

/**
 * The whole HTTP surface of one verticle: request log, operations endpoints, every feature's routes (registered
 * through {@link RouteMount}), the meeting WebSocket entry, the web client, and one failure handler that renders
 * every error in the one vocabulary. {@code openapi.yaml} documents every route (a test compares them).
 */
public final class ApiRouter {
  private ApiRouter() {}

  public static Router create(Vertx vertx, Surface s) {
    Router router = Router.router(vertx);
    router.route().handler(new RequestLog());
    new WebEdge(s.config().http()).mount(router);
    OpsRoutes.mount(vertx, router, s);

    // Features add to both: streamed uploads go on the root router (before /api reads bodies), JSON routes on /api.
    Router api = Router.router(vertx);
    api.route().handler(BodyHandler.create(false).setBodyLimit(s.config().http().maxBodyBytes()));
    Routes routes = new Routes(vertx, router, api, s.auth(), s.access());
    s.live().routes().mount(routes);
    s.live().features().routes().forEach(m -> m.mount(routes));
    api.route().failureHandler(new FailureHandler());
    router.route("/api/*").subRouter(api);

    s.live().gateway(vertx).mount(router);
    if (s.config().ws().echoEnabled()) {
      new EchoGateway(s.config().ws().maxFrameBytes()).mount(router);
    }

    // Hashed build assets never change: cache for a year. Everything else (index.html) is revalidated each time,
    // so a new release reaches tablets at once.
    router.route("/assets/*").method(HttpMethod.GET).method(HttpMethod.HEAD)
        .handler(StaticHandler.create("webroot").setMaxAgeSeconds(365L * 24 * 3600));
    router.route().method(HttpMethod.GET).method(HttpMethod.HEAD)
        .handler(ctx -> {
          ctx.addHeadersEndHandler(v -> ctx.response().headers().set("Cache-Control", "no-cache"));
          ctx.next();
        })
        .handler(StaticHandler.create("webroot").setIndexPage("index.html").setCachingEnabled(false));

    FailureHandler failures = new FailureHandler();
    router.route().failureHandler(failures);
    router.errorHandler(404, failures);
    router.errorHandler(405, failures);
    router.errorHandler(500, failures);
    return router;
  }
}
