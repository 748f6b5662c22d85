package org.plenum.server.core;

/** One open meeting socket, as a command handler sees it. */
public interface Connection {
  Actor actor();

  MeetingId meeting();

  /** Unique per socket; stable for its lifetime. */
  String connectionId();

  /** Runs {@code hook} once when the socket ends (at once when it already has). */
  void onClose(Runnable hook);
}
