package org.plenum.server.error;

import java.time.Duration;

/**
 * An expected failure with a code from {@link ErrorCode} and a message a person can act on. It carries no stack
 * trace: expected failures are not bugs.
 */
public final class PlenumException extends RuntimeException {
  private final ErrorCode code;
  private final Duration retryAfter;

  public PlenumException(ErrorCode code, String message) {
    this(code, message, null);
  }

  public PlenumException(ErrorCode code, String message, Duration retryAfter) {
    super(message, null, false, false);
    this.code = code;
    this.retryAfter = retryAfter;
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
