package org.plenum.server.core.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.plenum.server.config.PlenumConfig.HttpConfig;
import org.plenum.server.core.error.PlenumException;

/**
 * The browser-facing edge of every answer (protocol W1, W2). W1: a WebSocket upgrade whose {@code Origin} is neither
 * the server's own (the request's {@code Host}, or {@code http.public_url}) nor listed in {@code http.allowed_origins}
 * is FORBIDDEN before anything else happens, so another site's page cannot use a signed-in browser's tickets. W2:
 * every answer carries a strict Content-Security-Policy (scripts only from this origin, WebAssembly for pdf.js's
 * decoders, workers from this origin or blob:, no plugins, no framing), {@code X-Frame-Options: DENY},
 * {@code Referrer-Policy: no-referrer} and {@code X-Content-Type-Options: nosniff}.
 */
final class WebEdge {
  static final String CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
      + "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; media-src 'self' blob: mediastream:; "
      + "manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

  private final Set<String> allowed;

  WebEdge(HttpConfig config) {
    List<String> origins = new java.util.ArrayList<>(config.allowedOrigins());
    if (!config.publicUrl().isEmpty()) {
      origins.add(config.publicUrl());
    }
    this.allowed = origins.stream().map(WebEdge::origin).collect(Collectors.toUnmodifiableSet());
  }

  void mount(Router router) {
    router.route().handler(this::headers);
    router.route("/ws/*").handler(this::origin);
  }

  private void headers(RoutingContext ctx) {
    ctx.addHeadersEndHandler(v -> ctx.response().headers()
        .set("Content-Security-Policy", CSP)
        .set("X-Frame-Options", "DENY")
        .set("Referrer-Policy", "no-referrer")
        .set("X-Content-Type-Options", "nosniff"));
    ctx.next();
  }

  private void origin(RoutingContext ctx) {
    String origin = ctx.request().getHeader("Origin");
    if (origin == null || allowed.contains(origin(origin)) || sameHost(origin, ctx.request().getHeader("Host"))) {
      ctx.next();
      return;
    }
    ctx.fail(PlenumException.forbidden("WebSocket connections from pages of " + origin + " are not allowed (http.allowed_origins)."));
  }

  /** Scheme://host[:port] in lower case, without a default port or a path; "" when it is not a URL. */
  static String origin(String url) {
    try {
      URI u = URI.create(url.strip());
      if (u.getScheme() == null || u.getHost() == null) {
        return "";
      }
      String scheme = u.getScheme().toLowerCase(Locale.ROOT);
      int port = u.getPort();
      boolean standard = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
      return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (standard ? "" : ":" + port);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  /** The page was served by this server under the name the browser used for it (same host and port). */
  private static boolean sameHost(String origin, String host) {
    if (host == null) {
      return false;
    }
    try {
      URI u = URI.create(origin.strip());
      if (u.getHost() == null || u.getScheme() == null) {
        return false;
      }
      String scheme = u.getScheme().toLowerCase(Locale.ROOT);
      int port = u.getPort() != -1 ? u.getPort() : scheme.equals("https") ? 443 : 80;
      URI h = URI.create("x://" + host.strip());
      int hostPort = h.getPort() != -1 ? h.getPort() : port;
      return h.getHost() != null && h.getHost().equalsIgnoreCase(u.getHost()) && hostPort == port;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
