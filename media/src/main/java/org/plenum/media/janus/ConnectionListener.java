package org.plenum.media.janus;

import org.plenum.media.MediaUnavailableException;

/** Told when the WebSocket to a bridge goes down and when it is back; called on the client's context. */
public interface ConnectionListener {

  /** The connection was lost: every pending request has failed with {@code cause}; all sessions are gone. */
  void down(MediaUnavailableException cause);

  /** The client reconnected (also called after the very first connect). Sessions must be created anew. */
  void up();
}
