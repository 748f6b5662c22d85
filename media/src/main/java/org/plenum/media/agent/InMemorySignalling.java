package org.plenum.media.agent;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** Two {@link SignallingChannel}s wired to each other in one JVM: what one end sends, the other receives. */
public final class InMemorySignalling {

  private final End a = new End();
  private final End b = new End();

  public InMemorySignalling() {
    a.peer = b;
    b.peer = a;
  }

  public SignallingChannel a() {
    return a;
  }

  public SignallingChannel b() {
    return b;
  }

  private static final class End implements SignallingChannel {
    private End peer;
    private final AtomicReference<Consumer<SignalMessage>> receiver = new AtomicReference<>(m -> { });

    @Override
    public void send(SignalMessage message) {
      // through JSON, as on a real wire, so the codec is exercised too
      peer.receiver.get().accept(SignalMessage.parse(message.toJson()));
    }

    @Override
    public void onMessage(Consumer<SignalMessage> receiver) {
      this.receiver.set(receiver);
    }
  }
}
