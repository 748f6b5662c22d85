package org.plenum.media.janus;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.plenum.media.MediaUnavailableException;
import org.plenum.media.MediaUnavailableException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vert.x 5 client of the Janus WebSocket API (subprotocol {@code janus-protocol}).
 *
 * <p>Every request carries a random {@code transaction} and the {@code apisecret}; its promise waits in a map until
 * Janus answers with the same transaction: {@code success} or {@code error} for core requests, {@code ack} for
 * {@code keepalive}/{@code trickle}, and for plugin messages either a synchronous {@code success} (VideoRoom
 * {@code create}, {@code list}, ...) or an {@code ack} followed later by an {@code event} (VideoRoom {@code join},
 * {@code publish}, ...). Messages without a pending transaction are events, routed by {@code sender} (the handle id)
 * to that handle's listeners. Every request has a deadline ({@link JanusTimeoutException}); nothing waits forever.
 *
 * <p>Connection loss (the socket closes, e.g. Janus was killed): every pending request fails at once with
 * {@link MediaUnavailableException} ({@code CONNECTION_LOST}), new requests fail with {@code NOT_CONNECTED}, all
 * sessions are marked gone (Janus destroys sessions of a closed WebSocket when {@code reclaim_session_timeout} is 0),
 * listeners hear {@link ConnectionListener#down}, and the client reconnects with doubling back-off until it is
 * {@link #close()}d; then listeners hear {@link ConnectionListener#up}.
 *
 * <p>All state lives on one Vert.x context; public methods may be called from any thread.
 */
public final class JanusClient implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(JanusClient.class);

  /** Connection state. */
  public enum State { CONNECTING, UP, DOWN, CLOSED }

  private record Pending(Promise<JsonObject> promise, long timer, boolean completesOnAck, String verb) {
  }

  private final Vertx vertx;
  private final Context context;
  private final JanusClientOptions options;
  private final WebSocketClient wsClient;
  private final Map<String, Pending> pending = new HashMap<>();
  private final Map<Long, JanusSession> sessions = new HashMap<>();
  private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();
  private volatile State state = State.CONNECTING;
  private WebSocket ws;
  private long reconnectDelayMs;
  private long reconnectTimer = -1;

  private JanusClient(Vertx vertx, JanusClientOptions options) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.options = options;
    this.wsClient = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxMessageSize(4 * 1024 * 1024).setMaxFrameSize(1024 * 1024));
    this.reconnectDelayMs = options.reconnectMin().toMillis();
  }

  /**
   * Creates a client and makes the first connection attempt. The future fails if that attempt fails; the client
   * keeps reconnecting in the background either way (see {@link #create}).
   */
  public static Future<JanusClient> connect(Vertx vertx, JanusClientOptions options) {
    JanusClient client = create(vertx, options);
    return client.onContext(client::openSocket).map(client);
  }

  /** Creates a client that connects (and reconnects) in the background. */
  public static JanusClient create(Vertx vertx, JanusClientOptions options) {
    JanusClient client = new JanusClient(vertx, options);
    client.context.runOnContext(v -> client.openSocket());
    return client;
  }

  public State state() {
    return state;
  }

  public JanusClientOptions options() {
    return options;
  }

  public void addConnectionListener(ConnectionListener listener) {
    listeners.add(listener);
  }

  /** {@code create}: a new Janus session, kept alive every {@link JanusClientOptions#keepAlive()}. */
  public Future<JanusSession> createSession() {
    return onContext(() -> request(new JsonObject().put("janus", "create"), false, options.requestTimeout())
        .map(reply -> {
          long id = reply.getJsonObject("data").getLong("id");
          JanusSession session = new JanusSession(this, id);
          sessions.put(id, session);
          session.startKeepAlive(options.keepAlive());
          return session;
        }));
  }

  /** Closes the socket for good; pending requests fail with {@code CLOSED}. */
  @Override
  public void close() {
    context.runOnContext(v -> {
      state = State.CLOSED;
      if (reconnectTimer >= 0) {
        vertx.cancelTimer(reconnectTimer);
      }
      lost(new MediaUnavailableException(Reason.CLOSED, "Janus client closed"), false);
      WebSocket socket = ws;
      ws = null;
      if (socket != null) {
        socket.close();
      }
      wsClient.close();
    });
  }

  // ---- package API used by JanusSession / JanusHandle (always on the context) ----

  Vertx vertx() {
    return vertx;
  }

  <T> Future<T> onContext(Supplier<Future<T>> action) {
    if (Vertx.currentContext() == context) {
      return action.get();
    }
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> action.get().onComplete(promise));
    return promise.future();
  }

  /**
   * Sends one request and waits for its final answer. {@code completesOnAck}: an {@code ack} is the answer
   * (keepalive, trickle); otherwise an {@code ack} only means "event follows".
   */
  Future<JsonObject> request(JsonObject msg, boolean completesOnAck, Duration deadline) {
    String verb = msg.getString("janus");
    if (state != State.UP || ws == null) {
      return Future.failedFuture(new MediaUnavailableException(
          state == State.CLOSED ? Reason.CLOSED : Reason.NOT_CONNECTED,
          "Janus " + options.wsUrl() + " is not connected (" + state + ")"));
    }
    String tx = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    msg.put("transaction", tx).put("apisecret", options.apiSecret());
    Promise<JsonObject> promise = Promise.promise();
    long deadlineMs = Math.max(1, deadline.toMillis());
    long timer = vertx.setTimer(deadlineMs, t -> {
      Pending p = pending.remove(tx);
      if (p != null) {
        p.promise.tryFail(new JanusTimeoutException(verbOf(msg), deadlineMs));
      }
    });
    pending.put(tx, new Pending(promise, timer, completesOnAck, verb));
    ws.writeTextMessage(msg.encode()).onFailure(err -> {
      Pending p = pending.remove(tx);
      if (p != null) {
        vertx.cancelTimer(p.timer);
        p.promise.tryFail(new MediaUnavailableException(Reason.CONNECTION_LOST, "write to Janus failed: " + err));
      }
    });
    return promise.future();
  }

  void forget(JanusSession session) {
    sessions.remove(session.id());
  }

  // ---- connection ----

  private Future<Void> openSocket() {
    if (state == State.CLOSED) {
      return Future.failedFuture(new MediaUnavailableException(Reason.CLOSED, "Janus client closed"));
    }
    WebSocketConnectOptions connect = new WebSocketConnectOptions().setAbsoluteURI(options.wsUrl())
        .addSubProtocol("janus-protocol").setConnectTimeout(options.requestTimeout().toMillis())
        .setTimeout(options.requestTimeout().toMillis());
    return wsClient.connect(connect).<Void>map(socket -> {
      if (state == State.CLOSED) {
        socket.close();
        return null;
      }
      ws = socket;
      state = State.UP;
      reconnectDelayMs = options.reconnectMin().toMillis();
      socket.textMessageHandler(this::onText);
      socket.closeHandler(v -> onSocketGone(socket, "closed by peer"));
      socket.exceptionHandler(err -> onSocketGone(socket, err.toString()));
      LOG.info("Janus {} connected", options.wsUrl());
      listeners.forEach(ConnectionListener::up);
      return null;
    }).onFailure(err -> {
      if (state != State.CLOSED) {
        state = State.DOWN;
        scheduleReconnect();
      }
    });
  }

  private void onSocketGone(WebSocket socket, String why) {
    if (socket != ws) {
      return;
    }
    ws = null;
    if (state == State.CLOSED) {
      return;
    }
    state = State.DOWN;
    LOG.warn("Janus {} connection lost: {}", options.wsUrl(), why);
    lost(new MediaUnavailableException(Reason.CONNECTION_LOST, "connection to Janus " + options.wsUrl()
        + " lost: " + why), true);
    socket.close();
    scheduleReconnect();
  }

  /** Drops every pending request and every session; tells the listeners if asked to. */
  private void lost(MediaUnavailableException cause, boolean notify) {
    List<Pending> failed = new ArrayList<>(pending.values());
    pending.clear();
    for (Pending p : failed) {
      vertx.cancelTimer(p.timer);
      p.promise.tryFail(cause);
    }
    List<JanusSession> gone = new ArrayList<>(sessions.values());
    sessions.clear();
    gone.forEach(JanusSession::markGone);
    if (notify) {
      listeners.forEach(l -> l.down(cause));
    }
  }

  private void scheduleReconnect() {
    if (state == State.CLOSED || reconnectTimer >= 0) {
      return;
    }
    long delay = reconnectDelayMs;
    reconnectDelayMs = Math.min(options.reconnectMax().toMillis(), reconnectDelayMs * 2);
    reconnectTimer = vertx.setTimer(delay, t -> {
      reconnectTimer = -1;
      openSocket();
    });
  }

  // ---- incoming ----

  private void onText(String text) {
    JsonObject msg;
    try {
      msg = new JsonObject(text);
    } catch (DecodeException e) {
      LOG.warn("Janus {} sent invalid JSON: {}", options.wsUrl(), text);
      return;
    }
    String janus = msg.getString("janus", "");
    String tx = msg.getString("transaction");
    Pending p = tx == null ? null : pending.get(tx);
    if (p != null) {
      switch (janus) {
        case "ack" -> {
          if (p.completesOnAck) {
            settle(tx).complete(msg);
          }
        }
        case "success", "event" -> settle(tx).complete(msg);
        case "error" -> {
          JsonObject err = msg.getJsonObject("error", new JsonObject());
          settle(tx).fail(new JanusException(JanusException.Source.CORE, err.getInteger("code", 0),
              err.getString("reason", "")));
        }
        default -> dispatch(janus, msg);
      }
      return;
    }
    dispatch(janus, msg);
  }

  private Promise<JsonObject> settle(String tx) {
    Pending p = pending.remove(tx);
    vertx.cancelTimer(p.timer);
    return p.promise;
  }

  private void dispatch(String janus, JsonObject msg) {
    Long sessionId = msg.getLong("session_id");
    JanusSession session = sessionId == null ? null : sessions.get(sessionId);
    if (session == null) {
      return;
    }
    if ("timeout".equals(janus)) {
      LOG.warn("Janus {} expired session {}", options.wsUrl(), sessionId);
      sessions.remove(sessionId);
      session.markGone();
      return;
    }
    session.deliver(msg.getLong("sender"), JanusEvent.of(msg));
  }

  private static String verbOf(JsonObject msg) {
    JsonObject body = msg.getJsonObject("body");
    return body == null ? msg.getString("janus") : "message:" + body.getString("request");
  }
}
