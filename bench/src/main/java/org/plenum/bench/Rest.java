package org.plenum.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

/** The server's REST API over a Vert.x HTTP client (setup only: sign-in, meetings, tickets). */
final class Rest {
  private final HttpClient client;
  private final int port;

  Rest(Vertx vertx, int port, int connections) {
    this.client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
        new PoolOptions().setHttp1MaxSize(connections));
    this.port = port;
  }

  int port() {
    return port;
  }

  /** Sends JSON (or nothing) and returns the JSON reply; any status but {@code expected} fails with the reply. */
  Future<JsonObject> call(HttpMethod method, String path, JsonObject body, String token, int expected) {
    RequestOptions options = new RequestOptions().setMethod(method).setURI(path).setTimeout(30_000);
    return client.request(options).compose(req -> {
      if (token != null) {
        req.putHeader("Authorization", "Bearer " + token);
      }
      Future<io.vertx.core.http.HttpClientResponse> sent;
      if (body == null) {
        sent = req.send();
      } else {
        req.putHeader("Content-Type", "application/json");
        sent = req.send(body.encode());
      }
      return sent.compose(resp -> resp.body().compose(b -> resp.statusCode() == expected
          ? Future.succeededFuture(b.length() == 0 ? new JsonObject() : new JsonObject(b))
          : Future.failedFuture(new IllegalStateException(method + " " + path + " → " + resp.statusCode() + " " + b))));
    });
  }

  /** Sends raw bytes with a content type (uploads) and returns the JSON reply. */
  Future<JsonObject> raw(HttpMethod method, String path, String contentType, io.vertx.core.buffer.Buffer body, String token, int expected) {
    return client.request(new RequestOptions().setMethod(method).setURI(path).setTimeout(60_000)).compose(req -> {
      req.putHeader("Authorization", "Bearer " + token).putHeader("Content-Type", contentType).putHeader("X-Filename", "bench.pdf");
      return req.send(body).compose(resp -> resp.body().compose(b -> resp.statusCode() == expected ? Future.succeededFuture(new JsonObject(b))
          : Future.failedFuture(new IllegalStateException(method + " " + path + " → " + resp.statusCode() + " " + b))));
    });
  }

  Future<String> login(String username, String password) {
    return call(HttpMethod.POST, "/api/auth/login", new JsonObject().put("username", username).put("password", password), null, 200)
        .map(j -> j.getString("accessToken"));
  }

  Future<String> ticket(String meeting, String token) {
    return call(HttpMethod.POST, "/api/meetings/" + meeting + "/ws-ticket", null, token, 201).map(j -> j.getString("ticket"));
  }

  Future<Void> close() {
    return client.close();
  }
}
