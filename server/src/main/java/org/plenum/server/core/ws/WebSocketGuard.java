package org.plenum.server.core.ws;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.http.WebSocketInternal;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two Netty handlers around the WebSocket frame decoder of one connection, for what the public Vert.x 5.0.7 API
 * cannot do (RFC 6455 §7.1.7, "fail the WebSocket connection"; Autobahn cases 4.*, 5.15 and 6.4.*):
 * <ul>
 *   <li>{@link Utf8Scanner}, in front of Netty's decoder, reads the raw frames as they arrive and reports invalid
 *       UTF-8 in a text message at the byte that makes it invalid, before Netty has the whole frame (Netty hands a
 *       frame over only once it is complete). It only watches: every byte still goes to the decoder.</li>
 *   <li>{@link ProtocolErrors}, behind the decoder: Vert.x builds the decoder with {@code closeOnProtocolViolation}
 *       off and, on its exception, closes the channel at once. Writes made while the same read was being handled
 *       (say, the echo of the valid message just before a bad frame) are not flushed yet and get discarded, and no
 *       Close frame is sent. This handler flushes them first and sends a Close frame with the decoder's status
 *       (1002 protocol error, 1009 frame too big), then lets Vert.x go on (exception handler, close). It also drops
 *       anything written after a Close frame, so that a second {@code close()} sends no second Close frame.</li>
 * </ul>
 * Installed by {@link TextMessages#attach} right after the upgrade, when the decoder is at a frame boundary. Uses
 * Vert.x internals ({@code WebSocketInternal.channelHandlerContext()}, Vert.x Web's socket wrapper); without them it
 * logs a warning and the frame-level checks of {@link TextMessages} remain.
 */
final class WebSocketGuard {
  private static final Logger LOG = LoggerFactory.getLogger(WebSocketGuard.class);

  private WebSocketGuard() {}

  /** Installs both handlers in the socket's pipeline; without access to it (not a Vert.x HTTP/1.x socket) does nothing. */
  static void install(ServerWebSocket ws, Runnable onInvalidUtf8) {
    WebSocketInternal internal = unwrap(ws);
    if (internal == null || internal.channelHandlerContext() == null) {
      LOG.warn("WebSocket {} ({}): no access to the Netty pipeline; relying on frame-level checks only", ws.path(), ws.getClass().getName());
      return;
    }
    ChannelHandlerContext vertx = internal.channelHandlerContext();
    ChannelPipeline pipeline = vertx.pipeline();
    ChannelHandlerContext decoder = pipeline.context(WebSocketFrameDecoder.class);
    if (decoder == null || pipeline.get(ProtocolErrors.class) != null) {
      return;
    }
    pipeline.addBefore(decoder.name(), "plenum-ws-utf8", new Utf8Scanner(onInvalidUtf8));
    pipeline.addBefore(vertx.name(), "plenum-ws-errors", new ProtocolErrors());
  }

  /**
   * Vert.x's own socket. Vert.x Web hands out a wrapper ({@code io.vertx.ext.web.impl.ServerWebSocketWrapper}) that keeps
   * it in a private field, with no accessor: that field is read reflectively.
   */
  private static WebSocketInternal unwrap(ServerWebSocket ws) {
    Object socket = ws;
    for (int depth = 0; depth < 4 && socket != null; depth++) {
      if (socket instanceof WebSocketInternal internal) {
        return internal;
      }
      socket = delegateOf(socket);
    }
    return null;
  }

  private static Object delegateOf(Object wrapper) {
    for (Class<?> c = wrapper.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (!Modifier.isStatic(f.getModifiers()) && ServerWebSocket.class.isAssignableFrom(f.getType())) {
          try {
            f.setAccessible(true);
            return f.get(wrapper);
          } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("Cannot read {}.{}: {}", c.getName(), f.getName(), e.toString());
            return null;
          }
        }
      }
    }
    return null;
  }

  /** Behind the decoder: flush, then Close with the decoder's status, on a protocol error; nothing after a Close. */
  static final class ProtocolErrors extends ChannelDuplexHandler {
    private boolean closeSent;

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (cause instanceof CorruptedWebSocketFrameException bad && !closeSent && ctx.channel().isActive()) {
        ctx.flush();
        int code = bad.closeStatus() == null ? TextMessages.CLOSE_PROTOCOL_ERROR : bad.closeStatus().code();
        closeSent = true;
        ctx.writeAndFlush(new CloseWebSocketFrame(code, reason(bad.getMessage())));
      }
      ctx.fireExceptionCaught(cause);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      if (closeSent && msg instanceof WebSocketFrame) {
        ReferenceCountUtil.release(msg);
        promise.trySuccess();
        return;
      }
      if (msg instanceof CloseWebSocketFrame) {
        closeSent = true;
      }
      ctx.write(msg, promise);
    }

    /** A Close reason is at most 123 bytes of UTF-8; the decoder's messages are ASCII. */
    private static String reason(String message) {
      String m = message == null ? "" : message;
      while (m.getBytes(StandardCharsets.UTF_8).length > 123) {
        m = m.substring(0, m.length() - 1);
      }
      return m;
    }
  }

  /**
   * In front of the decoder: follows the client's frames byte by byte (header, mask, payload) and checks the payload
   * of text messages as UTF-8 across frames and reads. Stops watching at anything the decoder will reject anyway
   * (reserved bits or opcodes, unmasked frames, bad fragment order) and after a Close frame.
   */
  static final class Utf8Scanner extends ChannelInboundHandlerAdapter {
    private final Runnable onInvalid;
    private final byte[] header = new byte[14];
    private int headerLength;
    /** Payload bytes of the current frame still to come; -1 while reading a header. */
    private long payloadLeft = -1;
    private int opcode;
    private boolean fin;
    private int maskIndex;
    private boolean textPayload;
    private boolean inText;
    private boolean inMessage;
    private final Utf8 utf8 = new Utf8();
    private boolean off;

    Utf8Scanner(Runnable onInvalid) {
      this.onInvalid = onInvalid;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      boolean invalid = !off && msg instanceof ByteBuf buf && !scan(buf);
      // The decoder gets every byte first: frames before the bad one are handled (and answered) before the close.
      ctx.fireChannelRead(msg);
      if (invalid) {
        off = true;
        onInvalid.run();
      }
    }

    /** False when the bytes make a text message invalid UTF-8. */
    boolean scan(ByteBuf buf) {
      int i = buf.readerIndex();
      int end = buf.writerIndex();
      while (i < end && !off) {
        if (payloadLeft < 0) {
          header[headerLength++] = buf.getByte(i++);
          if (headerLength >= 2 && headerLength == headerSize()) {
            startFrame();
            if (!off && payloadLeft == 0 && !endFrame()) {
              return false;
            }
          }
          continue;
        }
        int n = (int) Math.min(payloadLeft, end - i);
        if (textPayload) {
          int maskAt = headerLength - 4;
          for (int j = 0; j < n; j++) {
            int b = (buf.getByte(i + j) ^ header[maskAt + (maskIndex++ & 3)]) & 0xFF;
            if (!utf8.accept(b)) {
              return false;
            }
          }
        }
        i += n;
        payloadLeft -= n;
        if (payloadLeft == 0 && !endFrame()) {
          return false;
        }
      }
      return true;
    }

    private int headerSize() {
      int len7 = header[1] & 0x7F;
      int extended = len7 == 126 ? 2 : len7 == 127 ? 8 : 0;
      boolean masked = (header[1] & 0x80) != 0;
      return 2 + extended + (masked ? 4 : 0);
    }

    private void startFrame() {
      int b0 = header[0] & 0xFF;
      fin = (b0 & 0x80) != 0;
      opcode = b0 & 0x0F;
      boolean masked = (header[1] & 0x80) != 0;
      int len7 = header[1] & 0x7F;
      long length = len7;
      if (len7 == 126) {
        length = ((header[2] & 0xFFL) << 8) | (header[3] & 0xFFL);
      } else if (len7 == 127) {
        length = 0;
        for (int k = 2; k < 10; k++) {
          length = (length << 8) | (header[k] & 0xFFL);
        }
      }
      if ((b0 & 0x70) != 0 || !masked || length < 0) {
        off = true;
        return;
      }
      switch (opcode) {
        case 0x0 -> {
          if (!inMessage) {
            off = true;
            return;
          }
          textPayload = inText;
        }
        case 0x1, 0x2 -> {
          if (inMessage) {
            off = true;
            return;
          }
          inMessage = true;
          inText = opcode == 0x1;
          textPayload = inText;
          utf8.reset();
        }
        case 0x9, 0xA -> textPayload = false;
        default -> { // close, reserved opcodes: nothing more to watch
          off = true;
          return;
        }
      }
      payloadLeft = length;
      maskIndex = 0;
    }

    /** The current frame is complete; false when it ends a text message in the middle of a UTF-8 sequence. */
    private boolean endFrame() {
      payloadLeft = -1;
      headerLength = 0;
      if (opcode <= 0x2 && fin) {
        boolean complete = !inText || utf8.complete();
        inMessage = false;
        inText = false;
        return complete;
      }
      return true;
    }
  }

  /** UTF-8 (RFC 3629) checked one byte at a time: no overlongs, no surrogates, nothing above U+10FFFF. */
  static final class Utf8 {
    private int needed;
    private int lower = 0x80;
    private int upper = 0xBF;

    void reset() {
      needed = 0;
      lower = 0x80;
      upper = 0xBF;
    }

    boolean complete() {
      return needed == 0;
    }

    boolean accept(int b) {
      if (needed == 0) {
        if (b < 0x80) {
          return true;
        }
        if (b >= 0xC2 && b <= 0xDF) {
          needed = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
          needed = 2;
          lower = b == 0xE0 ? 0xA0 : 0x80;
          upper = b == 0xED ? 0x9F : 0xBF;
        } else if (b >= 0xF0 && b <= 0xF4) {
          needed = 3;
          lower = b == 0xF0 ? 0x90 : 0x80;
          upper = b == 0xF4 ? 0x8F : 0xBF;
        } else {
          return false;
        }
        return true;
      }
      if (b < lower || b > upper) {
        return false;
      }
      needed--;
      lower = 0x80;
      upper = 0xBF;
      return true;
    }
  }
}
