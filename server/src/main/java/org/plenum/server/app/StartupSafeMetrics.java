package org.plenum.server.app;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.spi.metrics.ClientMetrics;
import io.vertx.core.spi.metrics.DatagramSocketMetrics;
import io.vertx.core.spi.metrics.EventBusMetrics;
import io.vertx.core.spi.metrics.HttpClientMetrics;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.PoolMetrics;
import io.vertx.core.spi.metrics.TCPMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;

/**
 * Vert.x metrics that survive connections accepted while the HTTP server is still binding.
 *
 * <p>Vert.x 5.0.7 creates a server's metrics only after its socket is bound ({@code NetServerImpl.bind}: the bind
 * listener sets {@code metrics = createMetrics(...)}), while the acceptor already hands connections to the event loop.
 * A connection accepted in that window carries no socket metric; its first request then calls
 * {@code requestBegin(null, ...)}, which Micrometer's {@code VertxHttpServerMetrics} dereferences: the
 * {@code NullPointerException: "socketMetric" is null} seen once in about ten starts when {@code /ready} polls arrive
 * as the listener opens (issue 17). This wrapper passes everything to the real metrics and leaves out only what
 * concerns such a connection — its requests and WebSockets are not counted, nothing else changes.
 */
final class StartupSafeMetrics {

  private StartupSafeMetrics() {
  }

  /** A factory that wraps what {@code delegate} makes. */
  static VertxMetricsFactory wrap(VertxMetricsFactory delegate) {
    return new VertxMetricsFactory() {
      @Override
      public VertxMetrics metrics(VertxOptions options) {
        return new SafeVertxMetrics(delegate.metrics(options));
      }

      @Override
      public io.vertx.core.metrics.MetricsOptions newOptions() {
        return delegate.newOptions();
      }

      @Override
      public io.vertx.core.metrics.MetricsOptions newOptions(io.vertx.core.metrics.MetricsOptions options) {
        return delegate.newOptions(options);
      }

      @Override
      public io.vertx.core.metrics.MetricsOptions newOptions(io.vertx.core.json.JsonObject json) {
        return delegate.newOptions(json);
      }
    };
  }

  /** Delegates every factory method; only HTTP server metrics are wrapped. */
  record SafeVertxMetrics(VertxMetrics delegate) implements VertxMetrics {
    @Override
    public EventBusMetrics<?> createEventBusMetrics() {
      return delegate.createEventBusMetrics();
    }

    @Override
    public HttpServerMetrics<?, ?, ?> createHttpServerMetrics(HttpServerOptions options, SocketAddress localAddress) {
      HttpServerMetrics<?, ?, ?> metrics = delegate.createHttpServerMetrics(options, localAddress);
      return metrics == null ? null : new SafeHttpServerMetrics<>(metrics);
    }

    @Override
    public ClientMetrics<?, ?, ?> createClientMetrics(SocketAddress remoteAddress, String type, String namespace) {
      return delegate.createClientMetrics(remoteAddress, type, namespace);
    }

    @Override
    public HttpClientMetrics<?, ?, ?> createHttpClientMetrics(HttpClientOptions options) {
      return delegate.createHttpClientMetrics(options);
    }

    @Override
    public TCPMetrics<?> createNetServerMetrics(NetServerOptions options, SocketAddress localAddress) {
      return delegate.createNetServerMetrics(options, localAddress);
    }

    @Override
    public TCPMetrics<?> createNetClientMetrics(NetClientOptions options) {
      return delegate.createNetClientMetrics(options);
    }

    @Override
    public DatagramSocketMetrics createDatagramSocketMetrics(DatagramSocketOptions options) {
      return delegate.createDatagramSocketMetrics(options);
    }

    @Override
    public PoolMetrics<?, ?> createPoolMetrics(String type, String name, int maxSize) {
      return delegate.createPoolMetrics(type, name, maxSize);
    }

    @Override
    public void vertxCreated(Vertx vertx) {
      delegate.vertxCreated(vertx);
    }

    @Override
    public boolean isMetricsEnabled() {
      return delegate.isMetricsEnabled();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  /**
   * HTTP server metrics where a missing socket metric (a connection accepted before the metrics existed) yields no
   * request or WebSocket metric, and a missing request, socket or WebSocket metric is not reported.
   */
  static final class SafeHttpServerMetrics<R, W, S> implements HttpServerMetrics<R, W, S> {
    private final HttpServerMetrics<R, W, S> d;

    @SuppressWarnings("unchecked")
    SafeHttpServerMetrics(HttpServerMetrics<?, ?, ?> delegate) {
      this.d = (HttpServerMetrics<R, W, S>) delegate;
    }

    @Override
    public R requestBegin(S socketMetric, HttpRequest request) {
      return socketMetric == null ? null : d.requestBegin(socketMetric, request);
    }

    @Override
    public void requestEnd(R requestMetric, HttpRequest request, long bytesRead) {
      if (requestMetric != null) {
        d.requestEnd(requestMetric, request, bytesRead);
      }
    }

    @Override
    public void requestReset(R requestMetric) {
      if (requestMetric != null) {
        d.requestReset(requestMetric);
      }
    }

    @Override
    public void responseBegin(R requestMetric, HttpResponse response) {
      if (requestMetric != null) {
        d.responseBegin(requestMetric, response);
      }
    }

    @Override
    public R responsePushed(S socketMetric, HttpMethod method, String uri, HttpResponse response) {
      return socketMetric == null ? null : d.responsePushed(socketMetric, method, uri, response);
    }

    @Override
    public void responseEnd(R requestMetric, HttpResponse response, long bytesWritten) {
      if (requestMetric != null) {
        d.responseEnd(requestMetric, response, bytesWritten);
      }
    }

    @Override
    public W connected(S socketMetric, R requestMetric, ServerWebSocket serverWebSocket) {
      return socketMetric == null ? null : d.connected(socketMetric, requestMetric, serverWebSocket);
    }

    @Override
    public void disconnected(W serverWebSocketMetric) {
      if (serverWebSocketMetric != null) {
        d.disconnected(serverWebSocketMetric);
      }
    }

    @Override
    public void requestRouted(R requestMetric, String route) {
      if (requestMetric != null) {
        d.requestRouted(requestMetric, route);
      }
    }

    @Override
    public S connected(SocketAddress remoteAddress, String remoteName) {
      return d.connected(remoteAddress, remoteName);
    }

    @Override
    public void disconnected(S socketMetric, SocketAddress remoteAddress) {
      if (socketMetric != null) {
        d.disconnected(socketMetric, remoteAddress);
      }
    }

    @Override
    public void bytesRead(S socketMetric, SocketAddress remoteAddress, long numberOfBytes) {
      if (socketMetric != null) {
        d.bytesRead(socketMetric, remoteAddress, numberOfBytes);
      }
    }

    @Override
    public void bytesWritten(S socketMetric, SocketAddress remoteAddress, long numberOfBytes) {
      if (socketMetric != null) {
        d.bytesWritten(socketMetric, remoteAddress, numberOfBytes);
      }
    }

    @Override
    public void exceptionOccurred(S socketMetric, SocketAddress remoteAddress, Throwable t) {
      if (socketMetric != null) {
        d.exceptionOccurred(socketMetric, remoteAddress, t);
      }
    }

    @Override
    public void close() {
      d.close();
    }
  }
}
