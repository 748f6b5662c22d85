package org.plenum.server.app;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import org.plenum.server.http.ApiRouter;

/** Serves the REST API, the WebSocket entry, the operations endpoints and the web client. */
public final class HttpVerticle extends VerticleBase {
  private final Services services;
  private HttpServer server;

  public HttpVerticle(Services services) {
    this.services = services;
  }

  @Override
  public Future<?> start() {
    var http = services.config().http();
    server = vertx.createHttpServer(new HttpServerOptions()
        .setHost(http.host())
        .setPort(http.port())
        .setMaxWebSocketFrameSize(64 * 1024)
        .setMaxWebSocketMessageSize(256 * 1024)
        .setCompressionSupported(true));
    return server.requestHandler(ApiRouter.create(vertx, services)).listen();
  }

  public int actualPort() {
    return server.actualPort();
  }
}
