package org.plenum.media.janus;

import org.plenum.media.MediaUnavailableException;

/**
 * A Janus request got no final answer before its deadline (the bridge is hung, overloaded or stopped). A kind of
 * {@link MediaUnavailableException} so the server answers {@code MEDIA_UNAVAILABLE}; tests can tell it apart.
 */
public final class JanusTimeoutException extends MediaUnavailableException {

  private final String request;

  public JanusTimeoutException(String request, long deadlineMs) {
    super(Reason.TIMEOUT, "Janus did not answer '" + request + "' within " + deadlineMs + " ms");
    this.request = request;
  }

  /** The Janus verb ({@code create}, {@code attach}, {@code message:<plugin request>}, ...) that timed out. */
  public String request() {
    return request;
  }
}
