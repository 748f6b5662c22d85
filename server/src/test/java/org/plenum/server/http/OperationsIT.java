package org.plenum.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.ServedRoutes;
import org.plenum.server.testing.TestServer;

class OperationsIT {
  static TestServer server;
  static Api api;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    api = server.api();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  @DisplayName("O1: /health answers 200 UP while the process lives")
  void health() {
    var r = api.get("/health");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().getString("status")).isEqualTo("UP");
  }

  @Test
  @DisplayName("O2: /ready answers 200 with the schema version when PostgreSQL answers and migrations are applied")
  void ready() {
    var r = api.get("/ready");
    assertThat(r.status()).isEqualTo(200);
    var data = r.json().getJsonArray("checks").getJsonObject(0).getJsonObject("data");
    assertThat(data.getString("schemaVersion")).isEqualTo(data.getString("expected")).isNotEqualTo("0");
  }

  @Test
  @DisplayName("O3: /metrics is Prometheus text with Vert.x HTTP server and JVM metrics")
  void metrics() {
    api.get("/health");
    var r = api.get("/metrics");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(r.text()).contains("vertx_http_server_requests_total").contains("jvm_memory_used_bytes");
  }

  @Test
  @DisplayName("O4: an unknown route answers a JSON NOT_FOUND error, not HTML; a wrong method answers METHOD_NOT_ALLOWED")
  void unknown_routes_are_json() {
    for (String path : new String[] {"/api/nothing-here", "/no/such/page.html", "/api/meetings/x/y/z"}) {
      var r = api.get(path);
      assertThat(r.status()).as(path).isEqualTo(404);
      assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
      assertThat(r.json().getString("type")).isEqualTo("error");
      assertThat(r.code()).isEqualTo("NOT_FOUND");
      assertThat(r.json().getString("requestId")).isNotBlank();
    }
    var r = api.method("DELETE", "/api/me", null, null);
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.code()).isEqualTo("METHOD_NOT_ALLOWED");
  }

  @Test
  @DisplayName("O5: the web client is served at / and each response carries its X-Request-Id")
  void web_client_and_request_id() {
    var r = api.get("/");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).contains("<title>Plenum");
    assertThat(r.headers().firstValue("X-Request-Id")).isPresent();
    var echoed = api.send(HttpRequest.newBuilder(URI.create(api.base() + "/health")).header("X-Request-Id", "abc-123"), null);
    assertThat(echoed.headers().firstValue("X-Request-Id")).hasValue("abc-123");
    var replaced = api.send(HttpRequest.newBuilder(URI.create(api.base() + "/health")).header("X-Request-Id", "bad id\twith junk"), null);
    assertThat(replaced.headers().firstValue("X-Request-Id").orElseThrow()).isNotEqualTo("bad id\twith junk");
  }

  @Test
  @DisplayName("O6: /openapi.yaml describes exactly the routes the router serves")
  void openapi_matches_router() throws Exception {
    var r = api.get("/openapi.yaml");
    assertThat(r.status()).isEqualTo(200);
    JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(r.text());
    assertThat(doc.get("openapi").asText()).startsWith("3.");
    Set<String> documented = new TreeSet<>();
    for (Iterator<java.util.Map.Entry<String, JsonNode>> it = doc.get("paths").fields(); it.hasNext(); ) {
      var path = it.next();
      for (Iterator<String> m = path.getValue().fieldNames(); m.hasNext(); ) {
        documented.add(m.next().toUpperCase(Locale.ROOT) + " " + path.getKey());
      }
    }
    assertThat(ServedRoutes.of(server)).isEqualTo(documented);
  }
}
