package org.plenum.server.core.error;

/** The one error vocabulary of Plenum: the same codes on REST, WebSocket and in logs. */
public enum ErrorCode {
  BAD_MESSAGE(400),
  NOT_AUTHENTICATED(401),
  FORBIDDEN(403),
  NOT_FOUND(404),
  METHOD_NOT_ALLOWED(405),
  CONFLICT(409),
  POLL_NOT_OPEN(409),
  ALREADY_VOTED(409),
  STALE_CLOCK(409),
  PRECONDITION_FAILED(412),
  PAYLOAD_TOO_LARGE(413),
  UNSUPPORTED_MEDIA_TYPE(415),
  RANGE_NOT_SATISFIABLE(416),
  UNSUPPORTED_DOCUMENT(422),
  INVALID_BALLOT(422),
  UNSUPPORTED_CODEC(422),
  ICE_RESTART_UNSUPPORTED(422),
  PRECONDITION_REQUIRED(428),
  RATE_LIMITED(429),
  INTERNAL(500),
  UNAVAILABLE(503),
  MEDIA_UNAVAILABLE(503);

  private final int httpStatus;

  ErrorCode(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
