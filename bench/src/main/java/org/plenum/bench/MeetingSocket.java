package org.plenum.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One tablet's meeting socket (docs/protocol.md §4), as cheap as a client can be: it parses only replies (ack,
 * error, pong) and, for the chair, events; every other frame is counted and dropped. A reply carries the time it
 * was read, taken before parsing.
 */
final class MeetingSocket {
  private static final AtomicInteger REQUESTS = new AtomicInteger();

  /** A reply frame and when it arrived ({@link System#nanoTime}). */
  record Reply(JsonObject frame, long receivedNanos) {
    boolean ok() {
      return "ack".equals(frame.getString("type"));
    }

    String code() {
      return ok() ? null : frame.getString("code", frame.getString("type"));
    }
  }

  private final WebSocket ws;
  private final boolean keepEvents;
  private final Map<String, Promise<Reply>> waiting = new ConcurrentHashMap<>();
  private final Map<Long, Promise<JsonObject>> events = new ConcurrentHashMap<>();
  private final Promise<JsonObject> hello = Promise.promise();
  private final AtomicLong frames = new AtomicLong();
  private final AtomicLong strayErrors = new AtomicLong();
  private volatile Short closedWith;
  private volatile java.util.function.ObjLongConsumer<String> others;

  private MeetingSocket(WebSocket ws, boolean keepEvents) {
    this.ws = ws;
    this.keepEvents = keepEvents;
    ws.textMessageHandler(this::onText);
    ws.closeHandler(v -> onClose(ws.closeStatusCode() == null ? -1 : ws.closeStatusCode()));
    ws.exceptionHandler(err -> { });
  }

  /** Opens the socket with a ticket and waits for {@code hello}. */
  static Future<MeetingSocket> open(WebSocketClient client, int port, String meeting, String ticket, boolean keepEvents) {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
        .setURI("/ws/meetings/" + meeting + "?ticket=" + ticket).setTimeout(60_000);
    return client.connect(options).compose(ws -> {
      MeetingSocket s = new MeetingSocket(ws, keepEvents);
      return s.hello.future().map(h -> s);
    });
  }

  private void onText(String text) {
    long now = System.nanoTime();
    frames.incrementAndGet();
    if (text.startsWith("{\"type\":\"ack\"") || text.startsWith("{\"type\":\"error\"") || text.startsWith("{\"type\":\"pong\"")) {
      JsonObject f = new JsonObject(text);
      String id = f.getString("requestId");
      Promise<Reply> p = id == null ? null : waiting.remove(id);
      if (p != null) {
        p.tryComplete(new Reply(f, now));
      } else if (f.getString("type").equals("error")) {
        strayErrors.incrementAndGet();
      }
      return;
    }
    if (text.startsWith("{\"type\":\"hello\"")) {
      hello.tryComplete(new JsonObject(text));
      return;
    }
    java.util.function.ObjLongConsumer<String> listener = others;
    if (listener != null) {
      listener.accept(text, now);
      return;
    }
    if (keepEvents && !text.startsWith("{\"type\":\"presence.")) {
      JsonObject f = new JsonObject(text);
      Long seq = f.getLong("seq");
      if (seq != null && !"snapshot".equals(f.getString("type"))) {
        events.computeIfAbsent(seq, k -> Promise.promise()).tryComplete(f);
      }
    }
  }

  private void onClose(short code) {
    closedWith = code;
    hello.tryFail("closed with " + code);
    IllegalStateException closed = new IllegalStateException("socket closed with " + code);
    waiting.values().forEach(p -> p.tryFail(closed));
    waiting.clear();
  }

  /** Sends a command and completes with its reply (ack or error). Safe from any thread. */
  Future<Reply> command(String type, JsonObject fields) {
    String requestId = "c" + REQUESTS.incrementAndGet();
    JsonObject msg = (fields == null ? new JsonObject() : fields.copy()).put("type", type).put("requestId", requestId);
    return send(requestId, msg.encode());
  }

  /** Sends an encoded command whose requestId is {@code requestId}; completes with its reply. Safe from any thread. */
  Future<Reply> send(String requestId, String text) {
    Promise<Reply> p = Promise.promise();
    waiting.put(requestId, p);
    if (closedWith != null) {
      waiting.remove(requestId);
      p.tryFail(new IllegalStateException("socket closed with " + closedWith));
      return p.future();
    }
    ws.writeTextMessage(text).onFailure(err -> {
      waiting.remove(requestId);
      p.tryFail(err);
    });
    return p.future();
  }

  /** Hands every frame that is not a reply or the hello to {@code listener}, with the time it was read. */
  void onOtherFrames(java.util.function.ObjLongConsumer<String> listener) {
    others = listener;
  }

  /** Sends a message without waiting for a reply (a reply, if any, is counted as stray when it is an error). */
  void fire(String text) {
    if (closedWith == null) {
      ws.writeTextMessage(text);
    }
  }

  /** The event with this seq (only for a socket that keeps events). */
  Future<JsonObject> event(long seq) {
    return events.computeIfAbsent(seq, k -> Promise.promise()).future();
  }

  long frames() {
    return frames.get();
  }

  long strayErrors() {
    return strayErrors.get();
  }

  /** The close code when the server closed the socket, else null. */
  Short closedWith() {
    return closedWith;
  }

  Future<Void> close() {
    return ws.close();
  }
}
