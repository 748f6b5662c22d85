package org.plenum.server.ws;

import io.vertx.ext.web.Router;

/**
 * {@code GET /ws/echo}: a WebSocket that sends every message straight back, text as text and binary as binary.
 * Conformance only; off by default. It is mounted only when {@code ws.echo_enabled} is true
 * ({@code PLENUM_WS_ECHO_ENABLED=true}), so the Autobahn fuzzing client (AutobahnReportIT) can exercise the real
 * server's WebSocket stack: same {@code HttpServerOptions} (frame/message limits, compression), same router.
 * No authentication, no meeting logic; close, ping and pong handling are Vert.x's defaults.
 */
public final class EchoGateway {
  public void mount(Router router) {
    router.get("/ws/echo").handler(ctx -> ctx.request().toWebSocket()
        .onSuccess(ws -> {
          // Whole messages (fragments already joined, text already UTF-8 checked by Vert.x).
          ws.textMessageHandler(ws::writeTextMessage);
          ws.binaryMessageHandler(ws::writeBinaryMessage);
        })
        .onFailure(ctx::fail));
  }
}
