package org.plenum.server.live;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client written by hand over a plain TCP socket, for what a polite client cannot do: never answer a
 * ping, stop reading, send a frame bigger than allowed. It answers nothing by itself; every frame is read raw.
 */
final class RawWebSocket implements AutoCloseable {
  static final int TEXT = 0x1;
  static final int BINARY = 0x2;
  static final int CLOSE = 0x8;
  static final int PING = 0x9;
  static final int PONG = 0xA;

  /** One frame from the server; {@code null} from {@link #readFrame} means end of stream. */
  record Frame(int opcode, boolean fin, byte[] payload) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    JsonObject json() {
      return new JsonObject(text());
    }

    /** The status code of a close frame, or 1005 when it carries none. */
    int closeCode() {
      return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
    }
  }

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private long bytesRead;

  private RawWebSocket(Socket socket, InputStream in) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(in);
    this.out = socket.getOutputStream();
  }

  /** Opens {@code path} (with its ticket) and completes the handshake; {@code receiveBuffer} 0 keeps the default. */
  static RawWebSocket open(int port, String path, int receiveBuffer) throws IOException {
    Socket s = new Socket();
    if (receiveBuffer > 0) {
      s.setReceiveBufferSize(receiveBuffer);
    }
    s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    s.setSoTimeout(10_000);
    String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
    InputStream in = s.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b < 0) {
        s.close();
        throw new EOFException("connection closed during the handshake: " + head.toString(StandardCharsets.US_ASCII));
      }
      head.write(b);
      byte[] h = head.toByteArray();
      int n = h.length;
      if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
        break;
      }
    }
    String response = head.toString(StandardCharsets.US_ASCII);
    if (!response.startsWith("HTTP/1.1 101")) {
      s.close();
      throw new IOException("handshake refused: " + response);
    }
    return new RawWebSocket(s, in);
  }

  void sendText(String text) throws IOException {
    sendFrame(TEXT, text.getBytes(StandardCharsets.UTF_8));
  }

  /** One final, masked frame. */
  void sendFrame(int opcode, byte[] payload) throws IOException {
    sendFrame(opcode, true, payload);
  }

  /** One masked frame; {@code opcode} 0 continues a fragmented message. */
  void sendFrame(int opcode, boolean fin, byte[] payload) throws IOException {
    byte[] h = header(opcode, payload.length);
    if (!fin) {
      h[0] &= 0x7f;
    }
    out.write(h);
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    out.write(mask);
    byte[] masked = new byte[payload.length];
    for (int i = 0; i < payload.length; i++) {
      masked[i] = (byte) (payload[i] ^ mask[i & 3]);
    }
    out.write(masked);
    out.flush();
  }

  /** Only the header (and mask) of a frame that claims {@code length} bytes of payload. */
  void sendHeaderOnly(int opcode, long length) throws IOException {
    out.write(header(opcode, length));
    out.write(new byte[4]);
    out.flush();
  }

  private static byte[] header(int opcode, long length) {
    ByteBuffer b = ByteBuffer.allocate(10);
    b.put((byte) (0x80 | opcode));
    if (length < 126) {
      b.put((byte) (0x80 | length));
    } else if (length < 65536) {
      b.put((byte) (0x80 | 126)).putShort((short) length);
    } else {
      b.put((byte) (0x80 | 127)).putLong(length);
    }
    byte[] out = new byte[b.position()];
    b.flip().get(out);
    return out;
  }

  /** The next frame, or null at end of stream (or when the peer reset the connection). */
  Frame readFrame() throws IOException {
    try {
      int b0 = in.read();
      if (b0 < 0) {
        return null;
      }
      int b1 = in.readUnsignedByte();
      long len = b1 & 0x7f;
      if (len == 126) {
        len = in.readUnsignedShort();
      } else if (len == 127) {
        len = in.readLong();
      }
      byte[] mask = null;
      if ((b1 & 0x80) != 0) {
        mask = new byte[4];
        in.readFully(mask);
      }
      byte[] payload = new byte[Math.toIntExact(len)];
      in.readFully(payload);
      if (mask != null) {
        for (int i = 0; i < payload.length; i++) {
          payload[i] ^= mask[i & 3];
        }
      }
      bytesRead += 2 + len;
      return new Frame(b0 & 0x0f, (b0 & 0x80) != 0, payload);
    } catch (EOFException e) {
      return null;
    } catch (java.net.SocketException e) {
      if (String.valueOf(e.getMessage()).contains("reset")) {
        return null;
      }
      throw e;
    }
  }

  /** The next whole message (continuation frames joined), control frames included as they come; null at EOF. */
  Frame readMessage() throws IOException {
    Frame f = readFrame();
    if (f == null || f.fin() || f.opcode() >= CLOSE) {
      return f;
    }
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.write(f.payload());
    int opcode = f.opcode();
    while (true) {
      Frame c = readFrame();
      if (c == null) {
        return null;
      }
      all.write(c.payload());
      if (c.fin()) {
        return new Frame(opcode, true, all.toByteArray());
      }
    }
  }

  /** Reads until a text message matches, skipping pings and other frames; fails on close or timeout. */
  JsonObject nextText(java.util.function.Predicate<JsonObject> match) throws IOException {
    while (true) {
      Frame f = readMessage();
      if (f == null) {
        throw new AssertionError("connection ended while waiting for a frame");
      }
      if (f.opcode() == CLOSE) {
        throw new AssertionError("closed with " + f.closeCode() + " while waiting for a frame");
      }
      if (f.opcode() == TEXT && match.test(f.json())) {
        return f.json();
      }
    }
  }

  void setReadTimeout(int millis) throws java.net.SocketException {
    socket.setSoTimeout(millis);
  }

  long bytesRead() {
    return bytesRead;
  }

  static boolean isTimeout(IOException e) {
    return e instanceof SocketTimeoutException;
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
