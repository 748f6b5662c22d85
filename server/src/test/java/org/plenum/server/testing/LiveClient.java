package org.plenum.server.testing;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A tablet for tests: signs in, takes a ticket, opens the meeting socket with a real WebSocket client
 * (java.net.http), resumes from its last seq, and keeps every frame it receives. Commands wait for their ack or
 * error. Everything it knows it learned from frames, like a real client.
 */
public final class LiveClient implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final AtomicInteger REQUESTS = new AtomicInteger();

  private final Api api;
  private final int port;
  private final String meetingId;
  private final String token;
  private final BlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
  /** Every ledger event frame ever received, across reconnects, in arrival order. */
  public final List<JsonObject> events = java.util.Collections.synchronizedList(new ArrayList<>());
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private volatile WebSocket ws;
  private volatile long lastSeq = 0;
  private volatile boolean resumed;
  public JsonObject hello;

  public LiveClient(Api api, int port, String meetingId, String token) {
    this.api = api;
    this.port = port;
    this.meetingId = meetingId;
    this.token = token;
  }

  public static LiveClient signIn(TestServer server, String meetingId, String username, String password) {
    return new LiveClient(server.api(), server.port(), meetingId, server.api().login(username, password));
  }

  public String token() {
    return token;
  }

  public long lastSeq() {
    return lastSeq;
  }

  /** Opens a socket (new ticket) and reads the hello; does not resume. */
  public LiveClient open() {
    String ticket = api.post("/api/meetings/" + meetingId + "/ws-ticket", null, token).json().getString("ticket");
    CompletableFuture<Integer> closedNow = new CompletableFuture<>();
    StringBuilder partial = new StringBuilder();
    ws = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
        .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/meetings/" + meetingId + "?ticket=" + ticket), new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
              JsonObject frame = new JsonObject(partial.toString());
              partial.setLength(0);
              Long seq = frame.getLong("seq");
              String type = frame.getString("type");
              if (seq != null && !type.equals("ack") && !type.equals("snapshot")) {
                events.add(frame);
                lastSeq = Math.max(lastSeq, seq);
              }
              if (type.equals("snapshot")) {
                lastSeq = seq;
              }
              inbox.add(frame);
            }
            w.request(1);
            return null;
          }

          @Override
          public CompletionStage<?> onClose(WebSocket w, int statusCode, String reason) {
            inbox.add(new JsonObject().put("type", "closed").put("code", statusCode).put("reason", reason));
            closed.complete(statusCode);
            return null;
          }

          @Override
          public void onError(WebSocket w, Throwable error) {
            inbox.add(new JsonObject().put("type", "closed").put("code", -1).put("reason", String.valueOf(error)));
            closed.complete(-1);
          }
        }).join();
    hello = next(f -> f.getString("type").equals("hello"));
    return this;
  }

  /** Opens and resumes from the last seq seen (0 on first open: everything). Returns the resume ack. */
  public JsonObject connect() {
    open();
    return resume(lastSeq);
  }

  public JsonObject resume(Long fromSeq) {
    JsonObject ack = command("session.resume", new JsonObject().put("lastSeq", fromSeq));
    resumed = true;
    return ack;
  }

  /** Sends a command and waits for its ack or error (other frames stay in the inbox). */
  public JsonObject command(String type, JsonObject fields) {
    String requestId = "r" + REQUESTS.incrementAndGet();
    JsonObject msg = (fields == null ? new JsonObject() : fields.copy()).put("type", type).put("requestId", requestId);
    sendText(msg.encode());
    return next(f -> requestId.equals(f.getString("requestId")) && (f.getString("type").equals("ack") || f.getString("type").equals("error")
        || f.getString("type").equals("pong")));
  }

  public void sendText(String text) {
    ws.sendText(text, true).join();
  }

  /** The next frame matching; frames before it that do not match are kept for later calls. */
  public JsonObject next(Predicate<JsonObject> match) {
    return next(match, 15);
  }

  public JsonObject next(Predicate<JsonObject> match, int seconds) {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    List<JsonObject> skipped = new ArrayList<>();
    try {
      while (true) {
        long left = until - System.nanoTime();
        JsonObject f = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
        if (f == null) {
          throw new AssertionError("no matching frame within " + seconds + " s; skipped " + skipped);
        }
        if (match.test(f)) {
          inbox.addAll(skipped);
          return f;
        }
        skipped.add(f);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      if (!skipped.isEmpty() && !inbox.containsAll(skipped)) {
        // put back what we skipped (order among skipped frames is kept)
        List<JsonObject> rest = new ArrayList<>();
        inbox.drainTo(rest);
        inbox.addAll(skipped);
        inbox.addAll(rest);
      }
    }
  }

  /** The next ledger event of this type. */
  public JsonObject event(String type) {
    return next(f -> type.equals(f.getString("type")) && f.getLong("seq") != null);
  }

  /** Waits until an event with at least this seq has arrived. */
  public void awaitSeq(long seq, int seconds) {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (lastSeq < seq) {
      if (System.nanoTime() > until) {
        throw new AssertionError("seq " + seq + " not reached within " + seconds + " s (at " + lastSeq + ")");
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  public void drainInbox() {
    inbox.clear();
  }

  /** Drops the connection without a close handshake, like a tablet losing Wi-Fi. */
  public void drop() {
    ws.abort();
  }

  public CompletableFuture<Integer> closed() {
    return closed;
  }

  @Override
  public void close() {
    if (ws != null) {
      ws.abort();
    }
  }
}
