package org.plenum.server.core.error;

import java.time.Duration;

/**
 * An expected failure with a code from {@link ErrorCode} and a message a person can act on. It carries no stack
 * trace: expected failures are not bugs.
 */
public final class PlenumException extends RuntimeException {
  private final ErrorCode code;
  private final Duration retryAfter;
  private final io.vertx.core.json.JsonArray details;

  public PlenumException(ErrorCode code, String message) {
    this(code, message, null);
  }

  public PlenumException(ErrorCode code, String message, Duration retryAfter) {
    this(code, message, retryAfter, null);
  }

  private PlenumException(ErrorCode code, String message, Duration retryAfter, io.vertx.core.json.JsonArray details) {
    super(message, null, false, false);
    this.code = code;
    this.retryAfter = retryAfter;
    this.details = details;
  }

  /** The same failure with one entry per problem found (e.g. {@code {line, message}} for a rejected CSV file). */
  public PlenumException withDetails(io.vertx.core.json.JsonArray details) {
    return new PlenumException(code, getMessage(), retryAfter, details);
  }

  /** Per-problem details rendered as {@code errors} in the error body, or null. */
  public io.vertx.core.json.JsonArray details() {
    return details;
  }

  public ErrorCode code() {
    return code;
  }

  /** For {@link ErrorCode#RATE_LIMITED}: when the client may try again, else null. */
  public Duration retryAfter() {
    return retryAfter;
  }

  public static PlenumException badMessage(String message) {
    return new PlenumException(ErrorCode.BAD_MESSAGE, message);
  }

  public static PlenumException forbidden(String message) {
    return new PlenumException(ErrorCode.FORBIDDEN, message);
  }

  public static PlenumException notFound(String message) {
    return new PlenumException(ErrorCode.NOT_FOUND, message);
  }

  public static PlenumException notAuthenticated(String message) {
    return new PlenumException(ErrorCode.NOT_AUTHENTICATED, message);
  }
}
