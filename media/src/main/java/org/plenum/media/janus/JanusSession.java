package org.plenum.media.janus;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.plenum.media.MediaUnavailableException;
import org.plenum.media.MediaUnavailableException.Reason;

/**
 * A Janus session: created with {@code {"janus":"create"}}, answered {@code {"janus":"success","data":{"id":..}}}.
 * Janus destroys a session after {@code session_timeout} (60 s) without a request, so it is kept alive with
 * {@code {"janus":"keepalive","session_id":..}} (answered by an {@code ack}). It is gone for good once the WebSocket
 * closes; later calls fail with {@link MediaUnavailableException}.
 */
public final class JanusSession {

  private final JanusClient client;
  private final long id;
  private final Map<Long, JanusHandle> handles = new HashMap<>();
  private long keepAliveTimer = -1;
  private volatile boolean gone;

  JanusSession(JanusClient client, long id) {
    this.client = client;
    this.id = id;
  }

  public long id() {
    return id;
  }

  /** False once the connection closed, Janus expired it, or it was destroyed. */
  public boolean isAlive() {
    return !gone;
  }

  /** {@code attach}: a handle on {@code plugin} (e.g. {@code janus.plugin.videoroom}). */
  public Future<JanusHandle> attach(String plugin) {
    return attach(plugin, client.options().requestTimeout());
  }

  /** {@code attach} with an explicit deadline. */
  public Future<JanusHandle> attach(String plugin, Duration deadline) {
    JsonObject msg = new JsonObject().put("janus", "attach").put("plugin", plugin);
    return client.onContext(() -> call(msg, false, deadline)
        .map(reply -> {
          JanusHandle handle = new JanusHandle(this, reply.getJsonObject("data").getLong("id"), plugin);
          handles.put(handle.id(), handle);
          return handle;
        }));
  }

  /** {@code destroy}: ends the session and its handles on Janus. */
  public Future<Void> destroy() {
    return client.onContext(() -> {
      if (gone) {
        return Future.succeededFuture();
      }
      return call(new JsonObject().put("janus", "destroy"), false).<Void>mapEmpty()
          .onComplete(r -> {
            markGone();
            client.forget(this);
          });
    });
  }

  /** One {@code keepalive} now (also sent by the timer). */
  public Future<Void> keepAlive() {
    return client.onContext(() -> call(new JsonObject().put("janus", "keepalive"), true).mapEmpty());
  }

  // ---- package ----

  JanusClient client() {
    return client;
  }

  Future<JsonObject> call(JsonObject msg, boolean completesOnAck) {
    return call(msg, completesOnAck, client.options().requestTimeout());
  }

  Future<JsonObject> call(JsonObject msg, boolean completesOnAck, Duration deadline) {
    if (gone) {
      return Future.failedFuture(new MediaUnavailableException(Reason.CONNECTION_LOST,
          "Janus session " + id + " is gone (connection lost, expired or destroyed)"));
    }
    return client.request(msg.put("session_id", id), completesOnAck, deadline);
  }

  void startKeepAlive(Duration interval) {
    keepAliveTimer = client.vertx().setPeriodic(interval.toMillis(), t -> {
      if (gone) {
        client.vertx().cancelTimer(t);
        return;
      }
      keepAlive().onFailure(err -> {
        if (err instanceof JanusException je && je.code() == JanusException.NO_SUCH_SESSION) {
          markGone();
          client.forget(this);
        }
      });
    });
  }

  void forget(JanusHandle handle) {
    handles.remove(handle.id());
  }

  void deliver(Long sender, JanusEvent event) {
    JanusHandle handle = sender == null ? null : handles.get(sender);
    if (handle != null) {
      handle.deliver(event);
      if ("detached".equals(event.janus())) {
        handles.remove(sender);
      }
    }
  }

  void markGone() {
    gone = true;
    if (keepAliveTimer >= 0) {
      client.vertx().cancelTimer(keepAliveTimer);
      keepAliveTimer = -1;
    }
    handles.values().forEach(JanusHandle::markGone);
    handles.clear();
  }
}
