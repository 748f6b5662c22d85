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

  /**
   * Sends an ephemeral event to this socket only (e.g. {@code media.resubscribe}, MV31): a record like a signal's,
   * framed {@code {"type", "data"}}, never stored or replayed, dropped when the socket is no longer live. Call it on
   * the socket's own context.
   */
  void tell(DomainEvent event);

  /** Runs {@code hook} once when the socket ends (at once when it already has). */
  void onClose(Runnable hook);
}
