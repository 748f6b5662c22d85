package org.plenum.server.core.ws;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Joins the data frames of a WebSocket into whole messages, strictly as RFC 6455 wants, in place of Vert.x's
 * {@code textMessageHandler}/{@code binaryMessageHandler} (which never deliver a message whose first fragment is
 * empty, and turn invalid UTF-8 into replacement characters instead of failing the connection):
 * <ul>
 *   <li>text is checked as UTF-8 fragment by fragment ({@link CharsetDecoder}, REPORT; a multi-byte sequence may be
 *       split between fragments), so a message fails with 1007 as soon as a fragment makes it invalid;</li>
 *   <li>a continuation frame without a message in progress, or a text or binary frame while one is in progress,
 *       closes with 1002;</li>
 *   <li>a message over {@code maxMessageBytes} closes with 1009 as soon as a fragment takes it over (this replaces
 *       Vert.x's {@code maxWebSocketMessageSize}, which only applies to its own message handlers).</li>
 * </ul>
 * Ping, pong and close frames are left to Vert.x (automatic pong, {@code pongHandler}, closing handshake).
 * {@link #attach} also installs {@link WebSocketGuard}, which rejects invalid UTF-8 inside a frame before the frame is
 * complete, and answers protocol errors found by Netty's frame decoder with a Close frame after flushing what was
 * already written. After a failure every further frame is ignored.
 */
public final class TextMessages implements Handler<WebSocketFrame> {
  public static final short CLOSE_PROTOCOL_ERROR = 1002;
  public static final short CLOSE_INVALID_DATA = 1007;
  public static final short CLOSE_TOO_BIG = 1009;

  /** How a failed socket is closed: {@code ws.close(code, reason)}. */
  @FunctionalInterface
  interface Closer {
    void close(short code, String reason);
  }

  private enum Kind { NONE, TEXT, BINARY }

  private final int maxMessageBytes;
  private final Handler<String> onText;
  private final Handler<Buffer> onBinary;
  private final Closer closer;
  private static final byte[] NO_BYTES = new byte[0];
  /** Made on the first text message: most meeting sockets send a few commands, and idle ones none (issue 17). */
  private CharsetDecoder utf8;

  private Kind kind = Kind.NONE;
  private long size;
  private StringBuilder text;
  /** The start of a multi-byte sequence that the next fragment completes (at most 3 bytes). */
  private byte[] carry = NO_BYTES;
  private Buffer binary;
  private volatile boolean failed;

  private CharsetDecoder decoder() {
    if (utf8 == null) {
      utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    }
    return utf8;
  }

  TextMessages(int maxMessageBytes, Handler<String> onText, Handler<Buffer> onBinary, Closer closer) {
    if (maxMessageBytes <= 0) {
      throw new IllegalArgumentException("maxMessageBytes must be positive: " + maxMessageBytes);
    }
    this.maxMessageBytes = maxMessageBytes;
    this.onText = onText;
    this.onBinary = onBinary;
    this.closer = closer;
  }

  /**
   * Handles the data frames of {@code ws} ({@code frameHandler}) and passes whole messages to {@code onText} and
   * {@code onBinary}. Call it right after the upgrade, on the socket's event loop, instead of setting
   * {@code textMessageHandler}/{@code binaryMessageHandler}. {@code maxMessageBytes}: the largest message accepted
   * (bytes, all fragments together); use the server's {@code maxWebSocketMessageSize}.
   */
  public static TextMessages attach(ServerWebSocket ws, int maxMessageBytes, Handler<String> onText, Handler<Buffer> onBinary) {
    TextMessages messages = new TextMessages(maxMessageBytes, onText, onBinary, (code, reason) -> {
      if (!ws.isClosed()) {
        ws.close(code, reason);
      }
    });
    ws.frameHandler(messages);
    WebSocketGuard.install(ws, messages::invalidUtf8);
    return messages;
  }

  /** True once the socket was closed for a bad message; no more messages are delivered. */
  public boolean failed() {
    return failed;
  }

  @Override
  public void handle(WebSocketFrame frame) {
    if (failed) {
      endMessage();
      return;
    }
    switch (frame.type()) {
      case TEXT -> {
        if (kind != Kind.NONE) {
          fail(CLOSE_PROTOCOL_ERROR, "text frame inside a fragmented message");
          return;
        }
        kind = Kind.TEXT;
        size = 0;
        text = new StringBuilder();
        carry = NO_BYTES;
        decoder().reset();
        text(frame);
      }
      case BINARY -> {
        if (kind != Kind.NONE) {
          fail(CLOSE_PROTOCOL_ERROR, "binary frame inside a fragmented message");
          return;
        }
        kind = Kind.BINARY;
        size = 0;
        binary = Buffer.buffer();
        binary(frame);
      }
      case CONTINUATION -> {
        switch (kind) {
          case TEXT -> text(frame);
          case BINARY -> binary(frame);
          default -> fail(CLOSE_PROTOCOL_ERROR, "continuation frame without a message to continue");
        }
      }
      default -> {
        // PING, PONG, CLOSE: Vert.x answers pings, reports pongs and runs the closing handshake.
      }
    }
  }

  private void text(WebSocketFrame frame) {
    Buffer data = frame.binaryData();
    if (!fits(data)) {
      return;
    }
    byte[] bytes = data.getBytes();
    ByteBuffer in;
    if (carry.length == 0) {
      in = ByteBuffer.wrap(bytes);
    } else {
      in = ByteBuffer.allocate(carry.length + bytes.length).put(carry).put(bytes).flip();
    }
    // UTF-8 never gives more chars than bytes; +1 keeps the buffer non-empty.
    CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
    boolean last = frame.isFinal();
    CoderResult result = decoder().decode(in, out, last);
    if (!result.isError() && last) {
      result = utf8.flush(out);
    }
    if (result.isError() || last && in.hasRemaining()) {
      fail(CLOSE_INVALID_DATA, "invalid UTF-8 in a text message");
      return;
    }
    text.append(out.flip());
    carry = new byte[in.remaining()];
    in.get(carry);
    if (last) {
      String message = text.toString();
      endMessage();
      onText.handle(message);
    }
  }

  private void binary(WebSocketFrame frame) {
    Buffer data = frame.binaryData();
    if (!fits(data)) {
      return;
    }
    binary.appendBuffer(data);
    if (frame.isFinal()) {
      Buffer message = binary;
      endMessage();
      onBinary.handle(message);
    }
  }

  private boolean fits(Buffer data) {
    size += data.length();
    if (size > maxMessageBytes) {
      fail(CLOSE_TOO_BIG, "message over " + maxMessageBytes + " bytes");
      return false;
    }
    return true;
  }

  private void endMessage() {
    kind = Kind.NONE;
    size = 0;
    text = null;
    binary = null;
    carry = NO_BYTES;
  }

  /** {@link WebSocketGuard} saw invalid UTF-8 inside a text frame that Netty has not finished reading yet. */
  void invalidUtf8() {
    if (!failed) {
      failed = true; // the frame handler drops what it holds when it sees this
      closer.close(CLOSE_INVALID_DATA, "invalid UTF-8 in a text message");
    }
  }

  private void fail(short code, String reason) {
    failed = true;
    endMessage();
    closer.close(code, reason);
  }
}
