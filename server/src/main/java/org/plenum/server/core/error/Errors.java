package org.plenum.server.core.error;

import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps any failure to the client-facing error body, once, at the edge. Unexpected failures become
 * {@link ErrorCode#INTERNAL} with an incident id; they are logged here once with their stack trace and their
 * details never reach the client.
 */
public final class Errors {
  private static final Logger LOG = LoggerFactory.getLogger(Errors.class);

  private Errors() {}

  /** A failure already classified, ready to render. */
  public record Rendered(ErrorCode code, String message, String incident, PlenumException source) {
    public JsonObject toJson(String requestId) {
      JsonObject body = new JsonObject().put("type", "error");
      if (requestId != null) {
        body.put("requestId", requestId);
      }
      body.put("code", code.name()).put("message", message);
      if (incident != null) {
        body.put("incident", incident);
      }
      if (source != null && source.retryAfter() != null) {
        body.put("retryAfterSeconds", Math.max(1, source.retryAfter().toSeconds()));
      }
      if (source != null && source.details() != null) {
        body.put("errors", source.details().copy());
      }
      return body;
    }
  }

  public static Rendered render(Throwable err, String context) {
    if (err instanceof PlenumException p) {
      if (p.code() == ErrorCode.INTERNAL || p.code() == ErrorCode.UNAVAILABLE) {
        LOG.warn("{}: {} {}", context, p.code(), p.getMessage());
      } else {
        LOG.info("{}: {} {}", context, p.code(), p.getMessage());
      }
      return new Rendered(p.code(), p.getMessage(), null, p);
    }
    if (isBusy(err)) {
      LOG.warn("{}: no database connection free in time: {}", context, err.toString());
      return new Rendered(ErrorCode.UNAVAILABLE, "The server is busy; try again shortly.", null, null);
    }
    if (isDatabaseDown(err)) {
      LOG.warn("{}: database unavailable: {}", context, err.toString());
      return new Rendered(ErrorCode.UNAVAILABLE, "The database is not reachable; try again shortly.", null, null);
    }
    String incident = UUID.randomUUID().toString().substring(0, 8);
    LOG.error("{}: internal error, incident {}", context, incident, err);
    return new Rendered(ErrorCode.INTERNAL, "Internal error; quote incident " + incident + " to the operator.", incident, null);
  }

  /** The connection pool's wait ran out (Vert.x fails the request with a bare "Timeout"). */
  private static boolean isBusy(Throwable err) {
    for (Throwable t = err; t != null; t = t.getCause()) {
      if (t instanceof java.util.concurrent.TimeoutException || t instanceof io.vertx.core.VertxException && "Timeout".equals(t.getMessage())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isDatabaseDown(Throwable err) {
    for (Throwable t = err; t != null; t = t.getCause()) {
      if (t instanceof java.net.ConnectException || t instanceof io.vertx.core.VertxException && String.valueOf(t.getMessage()).contains("closed")) {
        return true;
      }
      if (org.plenum.server.core.db.PgErrors.isShutdown(t)) {
        return true;
      }
    }
    return false;
  }
}
