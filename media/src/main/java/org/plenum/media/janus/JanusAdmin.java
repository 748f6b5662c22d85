package org.plenum.media.janus;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.plenum.media.MediaUnavailableException;
import org.plenum.media.MediaUnavailableException.Reason;

/**
 * Health and load probes over plain HTTP.
 *
 * <ul>
 *   <li>{@code GET <http>/janus/info} (no secret needed): {@code {"janus":"server_info","version":1102,
 *       "version_string":"1.1.2","api_secret":true,"plugins":{...},...}}.</li>
 *   <li>Admin API, {@code POST <admin>} with {@code {"janus":..,"transaction":..,"admin_secret":..}}:
 *       {@code list_sessions} on {@code /admin} → {@code "sessions":[ids]}; {@code list_handles} on
 *       {@code /admin/<session>} → {@code "handles":[ids]}; {@code handle_info} on {@code /admin/<session>/<handle>}
 *       → {@code "info":{"plugin":..,"plugin_specific":{"type":"publisher"|"subscriber",..},"streams":[{"components":
 *       [{"in_stats":{"audio_packets":..,"video_packets":..},"out_stats":{..}}]}],..}}. A wrong secret answers
 *       {@code {"janus":"error","error":{"code":403,..}}} with HTTP 200.</li>
 * </ul>
 * Every call has a deadline; a refused or timed-out connection is a {@link MediaUnavailableException}.
 * Connections are not reused (HTTP keep-alive off): with Vert.x reusing a kept-alive connection, a later admin
 * request (here {@code handle_info} after {@code list_sessions} and {@code list_handles}) got no answer from the
 * 1.1.2 libmicrohttpd transport and ran into the deadline.
 */
public final class JanusAdmin implements AutoCloseable {

  private final HttpClientAgent http;
  private final String infoUrl;
  private final String adminUrl;
  private final String adminSecret;
  private final long timeoutMs;

  /**
   * @param httpUrl  Janus HTTP API base, e.g. {@code http://127.0.0.1:8088/janus}
   * @param adminUrl Admin API base, e.g. {@code http://127.0.0.1:7088/admin}
   */
  public JanusAdmin(Vertx vertx, String httpUrl, String adminUrl, String adminSecret, Duration timeout) {
    this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) timeout.toMillis())
        .setKeepAlive(false));
    this.infoUrl = httpUrl == null ? null : httpUrl.replaceAll("/+$", "") + "/info";
    this.adminUrl = adminUrl.replaceAll("/+$", "");
    this.adminSecret = adminSecret;
    this.timeoutMs = timeout.toMillis();
  }

  /** Admin API only: {@link #info()} is not available. */
  public JanusAdmin(Vertx vertx, String adminUrl, String adminSecret, Duration timeout) {
    this(vertx, null, adminUrl, adminSecret, timeout);
  }

  /** {@code GET /janus/info}. */
  public Future<JsonObject> info() {
    if (infoUrl == null) {
      return Future.failedFuture(new IllegalStateException("no Janus HTTP API URL configured for info"));
    }
    RequestOptions get = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(infoUrl).setTimeout(timeoutMs);
    return send(get, null, "info");
  }

  public Future<List<Long>> listSessions() {
    return admin(adminUrl, new JsonObject().put("janus", "list_sessions")).map(r -> longs(r.getJsonArray("sessions")));
  }

  public Future<List<Long>> listHandles(long sessionId) {
    return admin(adminUrl + "/" + sessionId, new JsonObject().put("janus", "list_handles"))
        .map(r -> longs(r.getJsonArray("handles")));
  }

  /** The {@code info} object of {@code handle_info}. */
  public Future<JsonObject> handleInfo(long sessionId, long handleId) {
    return admin(adminUrl + "/" + sessionId + "/" + handleId, new JsonObject().put("janus", "handle_info"))
        .map(r -> r.getJsonObject("info", new JsonObject()));
  }

  @Override
  public void close() {
    http.close();
  }

  private Future<JsonObject> admin(String url, JsonObject body) {
    body.put("transaction", Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36))
        .put("admin_secret", adminSecret);
    RequestOptions post = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url).setTimeout(timeoutMs)
        .putHeader("content-type", "application/json");
    return send(post, body, body.getString("janus"));
  }

  private Future<JsonObject> send(RequestOptions options, JsonObject body, String verb) {
    return http.request(options)
        .compose(req -> body == null ? req.send() : req.send(body.toBuffer()))
        .compose(resp -> resp.body())
        .timeout(timeoutMs + 100, java.util.concurrent.TimeUnit.MILLISECONDS)
        .recover(err -> Future.failedFuture(unavailable(verb, err)))
        .compose(buf -> {
          JsonObject reply = buf.toJsonObject();
          if ("error".equals(reply.getString("janus"))) {
            JsonObject err = reply.getJsonObject("error", new JsonObject());
            return Future.failedFuture(new JanusException(JanusException.Source.CORE, err.getInteger("code", 0),
                err.getString("reason", "")));
          }
          return Future.succeededFuture(reply);
        });
  }

  private MediaUnavailableException unavailable(String verb, Throwable err) {
    if (err instanceof MediaUnavailableException mue) {
      return mue;
    }
    Reason reason = err instanceof ConnectException ? Reason.CONNECTION_LOST : Reason.TIMEOUT;
    if (err instanceof java.util.concurrent.TimeoutException
        || String.valueOf(err.getMessage()).toLowerCase().contains("timeout")) {
      return new JanusTimeoutException(verb, timeoutMs);
    }
    return new MediaUnavailableException(reason, "Janus admin '" + verb + "' failed: " + err);
  }

  private static List<Long> longs(JsonArray array) {
    List<Long> out = new ArrayList<>();
    if (array != null) {
      for (int i = 0; i < array.size(); i++) {
        out.add(array.getLong(i));
      }
    }
    return out;
  }
}
