package org.plenum.server.core;

/** One open meeting socket, as a command handler sees it. */
public interface Connection {
  Actor actor();

  MeetingId meeting();

  /** Unique per socket; stable for its lifetime. */
  String connectionId();

  /**
   * Sends an ephemeral signal (a record the feature registered with {@link FeatureRegistry#signals}) to the meeting's
   * other sockets on every node: never stored, admitted per viewer by its audience and projection, dropped for a
   * socket that is backed up.
   */
  void signal(DomainEvent signal);

  /** Runs {@code hook} once when the socket ends (at once when it already has). */
  void onClose(Runnable hook);
}
