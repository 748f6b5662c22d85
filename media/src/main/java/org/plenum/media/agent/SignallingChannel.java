package org.plenum.media.agent;

import java.util.function.Consumer;

/**
 * How a {@link PeerSession} reaches the peer on the other side when both ends speak {@link SignalMessage}s (a
 * browser through a WebSocket relay, another agent in memory). A Janus client does not need one: it drives the
 * session's operations ({@link PeerSession#createOffer()}, {@link PeerSession#answer(String)}, ...) itself.
 */
public interface SignallingChannel {

  /** Sends one message to the remote peer. */
  void send(SignalMessage message);

  /** Registers the receiver of the remote peer's messages (one receiver; a second call replaces the first). */
  void onMessage(Consumer<SignalMessage> receiver);
}
