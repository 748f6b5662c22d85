package org.plenum.server.core.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.Errors;
import org.plenum.server.core.error.PlenumException;

/** Renders every failure of every route as the one error body, with the code's HTTP status. */
public final class FailureHandler implements Handler<RoutingContext> {
  /** A route's own message for a failure by status alone (e.g. its body limit); else the generic one. */
  public static final String STATUS_MESSAGE = "plenum.statusMessage";

  @Override
  public void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    int status = ctx.statusCode();
    if (failure instanceof HttpException http) {
      status = http.getStatusCode();
      failure = null;
    }
    String own = ctx.get(STATUS_MESSAGE);
    Throwable err = failure != null ? failure : own != null ? new PlenumException(byStatus(status).code(), own) : byStatus(status);
    String requestId = ctx.get(Http.REQUEST_ID);
    Errors.Rendered rendered = Errors.render(err, "req=" + requestId + " " + ctx.request().method() + " " + ctx.request().path());
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    var response = ctx.response().setStatusCode(rendered.code().httpStatus()).putHeader("Content-Type", Http.JSON)
        .putHeader("Cache-Control", "no-store");
    if (rendered.code() == ErrorCode.NOT_AUTHENTICATED) {
      response.putHeader("WWW-Authenticate", "Bearer realm=\"plenum\"");
    }
    if (rendered.source() != null && rendered.source().retryAfter() != null) {
      response.putHeader("Retry-After", String.valueOf(Math.max(1, rendered.source().retryAfter().toSeconds())));
    }
    response.end(rendered.toJson(requestId).encode());
  }

  /**
   * HTTP edge: a request Netty cannot decode — a request line or headers over its limits (414, 431), or garbage — is
   * answered with the one JSON error body and its status, not an empty {@code HTTP/1.0} answer; the connection closes.
   */
  public static void invalidRequest(io.vertx.core.http.HttpServerRequest req) {
    Throwable cause = req.decoderResult() == null ? null : req.decoderResult().cause();
    int status;
    PlenumException err;
    if (cause instanceof io.netty.handler.codec.TooLongFrameException && cause.getClass().getSimpleName().contains("Line")) {
      status = 414;
      err = new PlenumException(ErrorCode.PAYLOAD_TOO_LARGE, "The request's address is too long. Send titles and notes in the request's "
          + "headers or body, not in the address.");
    } else if (cause instanceof io.netty.handler.codec.TooLongFrameException) {
      status = 431;
      err = new PlenumException(ErrorCode.PAYLOAD_TOO_LARGE, "The request's headers are too large.");
    } else {
      status = 400;
      err = PlenumException.badMessage("The request is malformed.");
    }
    Errors.Rendered rendered = Errors.render(err, "invalid HTTP request");
    req.response().setStatusCode(status).putHeader("Content-Type", Http.JSON).putHeader("Cache-Control", "no-store")
        .putHeader("Connection", "close").end(rendered.toJson(null).encode());
  }

  static PlenumException byStatus(int status) {
    return switch (status) {
      case 400 -> PlenumException.badMessage("The request is malformed.");
      case 401 -> PlenumException.notAuthenticated("Sign in first.");
      case 403 -> PlenumException.forbidden("Not allowed.");
      case 404 -> PlenumException.notFound("No such resource.");
      case 405 -> new PlenumException(ErrorCode.METHOD_NOT_ALLOWED, "This method is not allowed on this resource.");
      case 413 -> new PlenumException(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than the server accepts (http.max_body_bytes).");
      case 415 -> new PlenumException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Unsupported content type.");
      default -> new PlenumException(ErrorCode.INTERNAL, "Internal error.");
    };
  }
}
