package org.plenum.server.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A real HTTP client for tests (java.net.http), speaking JSON to one server. */
public final class Api {
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  public Api(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  public String base() {
    return base;
  }

  public record Response(int status, String text, HttpHeaders headers) {
    public JsonObject json() {
      return new JsonObject(text);
    }

    public JsonArray array(String field) {
      return json().getJsonArray(field);
    }

    public String code() {
      return json().getString("code");
    }

    @Override
    public String toString() {
      return status + " " + text;
    }
  }

  public Response get(String path, String token) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), token);
  }

  public Response get(String path) {
    return get(path, null);
  }

  public Response post(String path, Object body, String token) {
    return send(withBody("POST", body), path, token);
  }

  public Response post(String path, Object body) {
    return post(path, body, null);
  }

  public Response put(String path, Object body, String token) {
    return send(withBody("PUT", body), path, token);
  }

  public Response method(String method, String path, Object body, String token) {
    return send(withBody(method, body), path, token);
  }

  /** Sends exactly these bytes with this content type. */
  public Response raw(String method, String path, String contentType, byte[] body, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return send(b, token);
  }

  private HttpRequest.Builder withBody(String method, Object body) {
    String text = body == null ? "" : body instanceof String s ? s : body.toString();
    return HttpRequest.newBuilder().method(method, HttpRequest.BodyPublishers.ofString(text)).header("Content-Type", "application/json");
  }

  private Response send(HttpRequest.Builder b, String path, String token) {
    return send(b.uri(URI.create(base + path)), token);
  }

  public Response send(HttpRequest.Builder b, String token) {
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> r = client.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body(), r.headers());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpClient client() {
    return client;
  }

  /** Signs in and returns the access token; fails the test when sign-in fails. */
  public String login(String username, String password) {
    Response r = post("/api/auth/login", new JsonObject().put("username", username).put("password", password));
    if (r.status() != 200) {
      throw new AssertionError("login " + username + " failed: " + r);
    }
    return r.json().getString("accessToken");
  }
}
