package org.plenum.server.core.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per request: request id, method, path (never the query string, which may hold a ticket), status,
 * duration. The id comes from a well-formed {@code X-Request-Id} or is made here, and is echoed in the response.
 * Probes ({@code /health}, {@code /ready}, {@code /metrics}) log at DEBUG.
 */
public final class RequestLog implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger("org.plenum.server.http.access");
  private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final SecureRandom RANDOM = new SecureRandom();

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    String given = ctx.request().getHeader("X-Request-Id");
    String id = given != null && CLIENT_ID.matcher(given).matches() ? given : newId();
    ctx.put(Http.REQUEST_ID, id);
    ctx.response().putHeader("X-Request-Id", id);
    String method = ctx.request().method().name();
    String path = ctx.request().path();
    ctx.addEndHandler(done -> {
      long ms = (System.nanoTime() - start) / 1_000_000;
      int status = ctx.response().getStatusCode();
      boolean probe = path.equals("/health") || path.equals("/ready") || path.equals("/metrics");
      if (probe) {
        LOG.debug("req={} {} {} {} {}ms", id, method, path, status, ms);
      } else {
        LOG.info("req={} {} {} {} {}ms", id, method, path, status, ms);
      }
    });
    ctx.next();
  }

  /** 9 random bytes, base64url: 12 characters. */
  private static String newId() {
    byte[] b = new byte[9];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
