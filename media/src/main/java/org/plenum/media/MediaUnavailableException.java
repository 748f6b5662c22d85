package org.plenum.media;

/**
 * The media plane cannot serve a request right now: the bridge connection is lost or not yet up, a bridge did not
 * answer in time, or no bridge of the pool is healthy. The server maps it to its error code {@code MEDIA_UNAVAILABLE}
 * (503). It is an expected failure: no stack trace is captured.
 */
public class MediaUnavailableException extends RuntimeException {

  /** Why the media plane is unavailable. */
  public enum Reason {
    /** The WebSocket to the bridge closed (process died, network gone) while the request was pending. */
    CONNECTION_LOST,
    /** The client is (re)connecting: the request was not sent. */
    NOT_CONNECTED,
    /** The bridge did not answer before the request's deadline. */
    TIMEOUT,
    /** No bridge of the pool is healthy. */
    NO_BRIDGE,
    /** The client was closed by its owner. */
    CLOSED
  }

  private final Reason reason;

  public MediaUnavailableException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
