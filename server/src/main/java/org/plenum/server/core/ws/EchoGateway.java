package org.plenum.server.core.ws;

import io.vertx.ext.web.Router;

/**
 * {@code GET /ws/echo}: a WebSocket that sends every message straight back, text as text and binary as binary.
 * Conformance only; off by default. It is mounted only when {@code ws.echo_enabled} is true
 * ({@code PLENUM_WS_ECHO_ENABLED=true}), so the Autobahn fuzzing client (AutobahnReportIT) can exercise the real
 * server's WebSocket stack: same {@code HttpServerOptions} (frame/message limits, no WebSocket compression), same
 * router, same message assembly as the meeting socket ({@link TextMessages}). No authentication, no meeting logic;
 * close, ping and pong handling are Vert.x's defaults.
 */
public final class EchoGateway {
  private final int maxMessageBytes;

  /** {@code maxMessageBytes}: the server's {@code maxWebSocketMessageSize} (ws.max_frame_bytes). */
  public EchoGateway(int maxMessageBytes) {
    this.maxMessageBytes = maxMessageBytes;
  }

  public void mount(Router router) {
    router.get("/ws/echo").handler(ctx -> ctx.request().toWebSocket()
        // Whole messages: fragments joined, text checked as UTF-8 (1007), size limit (1009), fragment order (1002).
        .onSuccess(ws -> TextMessages.attach(ws, maxMessageBytes, ws::writeTextMessage, ws::writeBinaryMessage))
        .onFailure(ctx::fail));
  }
}
