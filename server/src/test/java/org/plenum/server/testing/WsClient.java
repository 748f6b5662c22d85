package org.plenum.server.testing;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client (java.net.http) collecting text messages as JSON. */
public final class WsClient implements AutoCloseable {
  private final WebSocket ws;
  private final BlockingQueue<JsonObject> inbox;

  private WsClient(WebSocket ws, BlockingQueue<JsonObject> inbox) {
    this.ws = ws;
    this.inbox = inbox;
  }

  /** The HTTP status of a refused handshake, and its body. */
  public record Refused(int status, String body) {}

  public static WsClient connect(int port, String pathAndQuery) {
    Object r = attempt(port, pathAndQuery);
    if (r instanceof WsClient c) {
      return c;
    }
    throw new AssertionError("WebSocket refused: " + r);
  }

  /** Connects, or returns how the server refused. */
  public static Object attempt(int port, String pathAndQuery) {
    BlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
    StringBuilder partial = new StringBuilder();
    try {
      WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
          .buildAsync(URI.create("ws://127.0.0.1:" + port + pathAndQuery), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
              partial.append(data);
              if (last) {
                inbox.add(new JsonObject(partial.toString()));
                partial.setLength(0);
              }
              webSocket.request(1);
              return null;
            }
          }).join();
      return new WsClient(ws, inbox);
    } catch (CompletionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException h) {
        Object body = h.getResponse().body();
        return new Refused(h.getResponse().statusCode(), body == null ? "" : body.toString());
      }
      throw e;
    }
  }

  public void send(JsonObject msg) {
    ws.sendText(msg.encode(), true).join();
  }

  public void sendText(String text) {
    ws.sendText(text, true).join();
  }

  public JsonObject next() {
    try {
      JsonObject m = inbox.poll(10, TimeUnit.SECONDS);
      if (m == null) {
        throw new AssertionError("no message within 10 s");
      }
      return m;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    ws.abort();
  }
}
