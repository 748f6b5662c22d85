package org.plenum.server.core.live;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import java.nio.charset.StandardCharsets;

/**
 * A text frame that goes to many sockets (an event's view, a presence delta, a signal): encoded to UTF-8 once, and
 * each socket writes a view of the same bytes. {@code writeTextMessage(String)} would encode and copy the text again
 * for every socket (the fan-out profile of issue 17, D41). The bytes are an unpooled heap buffer that is never
 * released (the garbage collector frees it), so a socket may still write it after the fan-out ended.
 */
final class SharedFrame {
  private final ByteBuf bytes;

  SharedFrame(String text) {
    this.bytes = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** A frame for one socket: its own indices over the shared bytes, nothing copied. */
  WebSocketFrame frame() {
    return new WebSocketFrameImpl(WebSocketFrameType.TEXT, bytes.duplicate(), true);
  }

  int length() {
    return bytes.readableBytes();
  }
}
