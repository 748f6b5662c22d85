package org.plenum.server.app;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import org.plenum.server.core.http.ApiRouter;
import org.plenum.server.core.http.Surface;

/** Serves the REST API, the WebSocket entry, the operations endpoints and the web client. */
public final class HttpVerticle extends VerticleBase {
  private final Surface surface;
  private final int instances;
  private HttpServer server;

  /** One of {@code instances} verticles sharing the port (D41). */
  public HttpVerticle(Surface surface, int instances) {
    this.surface = surface;
    this.instances = instances;
  }

  @Override
  public Future<?> start() {
    HttpServerOptions options = serverOptions(surface.config());
    if (options.getPort() == 0 && instances > 1) {
      // Port 0 gives each server its own random port; a negative port makes the instances share one (Vert.x).
      options.setPort(-1);
    }
    server = vertx.createHttpServer(options);
    return server.requestHandler(ApiRouter.create(vertx, surface)).invalidRequestHandler(org.plenum.server.core.http.FailureHandler::invalidRequest)
        .listen();
  }

  /**
   * Options of the one HTTP server: REST, static files and WebSockets share them. HTTP responses may be compressed;
   * WebSocket compression is off (both default to on in Vert.x): with deflate supported, Vert.x 5.0.7 lets frames with
   * RSV bits through even when no extension was negotiated, which RFC 6455 forbids (docs/decisions.md D9). The
   * message size limit is enforced by {@link org.plenum.server.core.ws.TextMessages}, with the same value.
   */
  public static HttpServerOptions serverOptions(org.plenum.server.config.PlenumConfig config) {
    var ws = config.ws();
    return new HttpServerOptions()
        .setHost(config.http().host())
        .setPort(config.http().port())
        // No cleartext HTTP/2 upgrade: an upgrade must read the whole request body first, which a streamed
        // upload refused early (too large, wrong type) never sends. Production runs HTTP/2 at the TLS proxy.
        .setHttp2ClearTextEnabled(false)
        // Upload titles and notes travel in headers (DU8): room for them at their configured limits.
        .setMaxHeaderSize(config.documents().maxHeaderBytes())
        .setMaxWebSocketFrameSize(ws.maxFrameBytes())
        .setMaxWebSocketMessageSize(ws.maxFrameBytes())
        .setCompressionSupported(true)
        .setPerMessageWebSocketCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false);
  }

  public int actualPort() {
    return server.actualPort();
  }
}
