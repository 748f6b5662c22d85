package org.plenum.media.janus;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A plugin handle ({@code attach} answered {@code {"janus":"success","data":{"id":..}}}).
 *
 * <p>{@link #message} sends {@code {"janus":"message","body":{...},"jsep":{...}}}. Janus answers a synchronous plugin
 * request with {@code success} + {@code plugindata}, an asynchronous one with {@code ack} and later an {@code event}
 * with the same transaction; both end up as a {@link PluginResponse}. A plugin error travels inside a successful
 * envelope ({@code plugindata.data.error_code}/{@code error}) and is turned into a {@link JanusException} here.
 */
public final class JanusHandle {

  private final JanusSession session;
  private final long id;
  private final String plugin;
  private final List<Handler<JanusEvent>> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean gone;

  JanusHandle(JanusSession session, long id, String plugin) {
    this.session = session;
    this.id = id;
    this.plugin = plugin;
  }

  public long id() {
    return id;
  }

  public String plugin() {
    return plugin;
  }

  public JanusSession session() {
    return session;
  }

  public boolean isAlive() {
    return !gone && session.isAlive();
  }

  /** Events Janus pushes for this handle (plugin events without a pending transaction, webrtcup, hangup, ...). */
  public void onEvent(Handler<JanusEvent> listener) {
    listeners.add(listener);
  }

  public Future<PluginResponse> message(JsonObject body) {
    return message(body, null, session.client().options().requestTimeout());
  }

  public Future<PluginResponse> message(JsonObject body, JsonObject jsep) {
    return message(body, jsep, session.client().options().requestTimeout());
  }

  /** A plugin request with an optional JSEP and an explicit deadline. */
  public Future<PluginResponse> message(JsonObject body, JsonObject jsep, Duration deadline) {
    JsonObject msg = new JsonObject().put("janus", "message").put("handle_id", id).put("body", body);
    if (jsep != null) {
      msg.put("jsep", jsep);
    }
    return session.client().onContext(() -> session.call(msg, false, deadline)).compose(JanusHandle::toResponse);
  }

  /** {@code trickle} one ICE candidate ({@code {"candidate":..,"sdpMid":..,"sdpMLineIndex":..}}). */
  public Future<Void> trickle(JsonObject candidate) {
    JsonObject msg = new JsonObject().put("janus", "trickle").put("handle_id", id).put("candidate", candidate);
    return session.client().onContext(() -> session.call(msg, true)).mapEmpty();
  }

  /** {@code trickle} end of candidates ({@code {"completed":true}}). */
  public Future<Void> trickleCompleted() {
    return trickle(new JsonObject().put("completed", true));
  }

  /** {@code detach}: Janus also sends a {@code detached} event. */
  public Future<Void> detach() {
    JsonObject msg = new JsonObject().put("janus", "detach").put("handle_id", id);
    return session.client().onContext(() -> session.call(msg, false).<Void>mapEmpty()
        .onComplete(r -> {
          markGone();
          session.forget(this);
        }));
  }

  void deliver(JanusEvent event) {
    listeners.forEach(l -> l.handle(event));
  }

  void markGone() {
    gone = true;
  }

  private static Future<PluginResponse> toResponse(JsonObject reply) {
    JsonObject pd = reply.getJsonObject("plugindata");
    JsonObject data = pd == null ? new JsonObject() : pd.getJsonObject("data", new JsonObject());
    if (data.containsKey("error_code")) {
      return Future.failedFuture(new JanusException(JanusException.Source.PLUGIN, data.getInteger("error_code"),
          data.getString("error", "")));
    }
    return Future.succeededFuture(new PluginResponse(data, Optional.ofNullable(reply.getJsonObject("jsep"))));
  }
}
