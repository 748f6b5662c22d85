package org.plenum.server.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.MultiMap;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import org.junit.jupiter.api.Test;

/**
 * A connection accepted before Vert.x made its server's metrics has no socket metric (see {@link StartupSafeMetrics});
 * Micrometer's HTTP server metrics throw on it, the wrapped ones skip it and still count every other request.
 */
class StartupSafeMetricsTest {

  private static final SocketAddress LOCAL = SocketAddress.inetSocketAddress(8080, "127.0.0.1");
  private static final SocketAddress REMOTE = SocketAddress.inetSocketAddress(50000, "127.0.0.1");

  private static final HttpRequest READY = new HttpRequest() {
    public int id() { return 1; }
    public String uri() { return "/ready"; }
    public String absoluteURI() { return "http://127.0.0.1:8080/ready"; }
    public HttpMethod method() { return HttpMethod.GET; }
    public MultiMap headers() { return MultiMap.caseInsensitiveMultiMap(); }
    public SocketAddress remoteAddress() { return REMOTE; }
  };

  private static final HttpResponse OK = new HttpResponse() {
    public int statusCode() { return 200; }
    public MultiMap headers() { return MultiMap.caseInsensitiveMultiMap(); }
  };

  private static HttpServerMetrics<?, ?, ?> httpMetrics(PrometheusMeterRegistry registry, boolean safe) {
    var factory = new MicrometerMetricsFactory(registry);
    var options = new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
        // Micrometer keeps one backend per registry name: each test gets its own
        .setRegistryName("startup-safe-" + System.nanoTime()));
    var metrics = (safe ? StartupSafeMetrics.wrap(factory) : factory).metrics(options);
    return metrics.createHttpServerMetrics(new HttpServerOptions(), LOCAL);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void request(HttpServerMetrics m, Object socket) {
    Object request = m.requestBegin(socket, READY);
    m.requestRouted(request, "/ready");
    m.requestEnd(request, READY, 0);
    m.responseBegin(request, OK);
    m.responseEnd(request, OK, 2);
    m.bytesRead(socket, REMOTE, 40);
    m.disconnected(socket, REMOTE);
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void micrometer_alone_throws_on_a_connection_without_socket_metric() {
    HttpServerMetrics m = httpMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), false);
    assertThatThrownBy(() -> m.requestBegin(null, READY)).isInstanceOf(NullPointerException.class);
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void wrapped_metrics_skip_that_connection_and_count_the_others() {
    var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    HttpServerMetrics m = httpMetrics(registry, true);

    request(m, null); // accepted while binding: no socket metric, nothing thrown, nothing counted
    assertThat(m.connected(null, null, null)).isNull();
    m.disconnected(null);

    Object socket = m.connected(REMOTE, "127.0.0.1");
    assertThat(socket).isNotNull();
    request(m, socket);
    request(m, socket);

    assertThat(registry.scrape()).containsPattern("vertx_http_server_requests_total\\{[^}]*\\} 2\\.0");
  }
}
