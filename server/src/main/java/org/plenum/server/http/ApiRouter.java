package org.plenum.server.http;

import org.plenum.server.core.http.FailureHandler;
import org.plenum.server.core.http.RequestLog;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import org.plenum.server.app.Services;
import org.plenum.server.core.live.MeetingGateway;

/** The whole HTTP surface in one place; {@code openapi.yaml} documents every route here (a test compares them). */
public final class ApiRouter {
  private ApiRouter() {}

  public static Router create(Vertx vertx, Services s) {
    Router router = Router.router(vertx);
    router.route().handler(new RequestLog());
    OpsRoutes.mount(vertx, router, s);

    DocumentRoutes documents = new DocumentRoutes(vertx, s);
    documents.mountUploads(router);
    RoomRoutes rooms = new RoomRoutes(s);
    rooms.mountImport(router);

    Router api = Router.router(vertx);
    api.route().handler(BodyHandler.create(false).setBodyLimit(s.config().http().maxBodyBytes()));
    AuthRoutes.mount(api, s.auth(), s.config().http().trustForwardedFor());
    AccountRoutes.mount(api, s.auth(), s.accounts(), s.meetings());
    MeetingRoutes.mount(api, s.auth(), s.meetings(), s);
    LiveRoutes.mount(api, s);
    documents.mount(api);
    rooms.mount(api);
    api.route().failureHandler(new FailureHandler());
    router.route("/api/*").subRouter(api);

    new MediaEndpointRoutes(s).mount(router);
    new MeetingGateway(vertx, s).mount(router);
    if (s.config().ws().echoEnabled()) { new org.plenum.server.core.ws.EchoGateway(s.config().ws().maxFrameBytes()).mount(router); }

    // Hashed build assets never change: cache for a year. Everything else (index.html) is revalidated each time,
    // so a new release reaches tablets at once.
    router.route("/assets/*").method(io.vertx.core.http.HttpMethod.GET).method(io.vertx.core.http.HttpMethod.HEAD)
        .handler(StaticHandler.create("webroot").setMaxAgeSeconds(365L * 24 * 3600));
    router.route().method(io.vertx.core.http.HttpMethod.GET).method(io.vertx.core.http.HttpMethod.HEAD)
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
