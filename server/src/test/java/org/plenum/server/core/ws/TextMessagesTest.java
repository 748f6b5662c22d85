package org.plenum.server.core.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The message assembler of every server WebSocket ({@link TextMessages}) and its Netty helpers ({@link WebSocketGuard}). */
class TextMessagesTest {
  private static final byte[] KOSME = "κόσμε".getBytes(StandardCharsets.UTF_8);

  private final List<String> texts = new ArrayList<>();
  private final List<Buffer> binaries = new ArrayList<>();
  private final List<String> closes = new ArrayList<>();

  private TextMessages messages(int max) {
    return new TextMessages(max, texts::add, binaries::add, (code, reason) -> closes.add(code + " " + reason));
  }

  private static WebSocketFrame text(byte[] bytes, boolean fin) {
    return new WebSocketFrameImpl(WebSocketFrameType.TEXT, bytes, fin);
  }

  private static WebSocketFrame cont(byte[] bytes, boolean fin) {
    return WebSocketFrame.continuationFrame(Buffer.buffer(bytes), fin);
  }

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  @Test
  @DisplayName("W-UTF: a text message split into fragments at every byte (multi-byte sequences cut in half) arrives whole; "
      + "pings between fragments change nothing")
  void fragments_are_joined_across_split_sequences() {
    TextMessages m = messages(1024);
    m.handle(text(new byte[] {KOSME[0]}, false));
    for (int i = 1; i < KOSME.length; i++) {
      m.handle(WebSocketFrame.pingFrame(Buffer.buffer("p")));
      m.handle(cont(new byte[] {KOSME[i]}, i == KOSME.length - 1));
    }
    m.handle(text("next".getBytes(StandardCharsets.UTF_8), true));
    assertThat(texts).containsExactly("κόσμε", "next");
    assertThat(closes).isEmpty();
  }

  @Test
  @DisplayName("W-UTF: a fragmented message whose first fragment (or every fragment) is empty is delivered (Autobahn 6.1.2, 6.1.3)")
  void empty_first_fragments_are_delivered() {
    TextMessages m = messages(1024);
    m.handle(text(new byte[0], false));
    m.handle(cont(new byte[0], false));
    m.handle(cont(new byte[0], true));
    m.handle(text(new byte[0], false));
    m.handle(cont("Hello".getBytes(StandardCharsets.UTF_8), false));
    m.handle(cont(new byte[0], true));
    m.handle(WebSocketFrame.binaryFrame(Buffer.buffer(), false));
    m.handle(cont(new byte[] {1, 2}, true));
    assertThat(texts).containsExactly("", "Hello");
    assertThat(binaries).containsExactly(Buffer.buffer(new byte[] {1, 2}));
    assertThat(closes).isEmpty();
  }

  @Test
  @DisplayName("W-UTF: the fragment that makes a text message invalid UTF-8 closes with 1007 at once, before the final fragment; "
      + "nothing is delivered and later frames are ignored")
  void invalid_utf8_fails_fast() {
    TextMessages m = messages(1024);
    m.handle(text(KOSME, false));
    assertThat(closes).isEmpty();
    m.handle(cont(bytes(0xF4, 0x90, 0x80, 0x80), false)); // U+110000: out of range
    assertThat(closes).containsExactly("1007 invalid UTF-8 in a text message");
    m.handle(cont("edited".getBytes(StandardCharsets.UTF_8), true));
    m.handle(text("ok".getBytes(StandardCharsets.UTF_8), true));
    assertThat(texts).isEmpty();
    assertThat(m.failed()).isTrue();
  }

  @Test
  @DisplayName("W-UTF: invalid UTF-8 split between fragments (a 4-byte lead at the end of one, a bad continuation byte in the next), "
      + "a sequence left incomplete at the end of the message, an overlong form and a surrogate each close with 1007")
  void invalid_utf8_variants() {
    TextMessages split = messages(1024);
    split.handle(text(bytes(0x41, 0xF4), false));
    assertThat(closes).isEmpty();
    split.handle(cont(bytes(0x90), false));
    assertThat(closes).hasSize(1);

    for (byte[] bad : List.of(bytes(0x41, 0xE2, 0x82), bytes(0xC0, 0xAF), bytes(0xED, 0xA0, 0x80), bytes(0xFF))) {
      closes.clear();
      messages(1024).handle(text(bad, true));
      assertThat(closes).as("%s", Buffer.buffer(bad)).containsExactly("1007 invalid UTF-8 in a text message");
    }
    assertThat(texts).isEmpty();
  }

  @Test
  @DisplayName("W-UTF: a continuation without a message in progress, or a new text or binary message inside a fragmented one, closes with 1002")
  void fragment_order_is_enforced() {
    messages(1024).handle(cont("x".getBytes(StandardCharsets.UTF_8), true));
    TextMessages textInText = messages(1024);
    textInText.handle(text("a".getBytes(StandardCharsets.UTF_8), false));
    textInText.handle(text("b".getBytes(StandardCharsets.UTF_8), true));
    TextMessages binaryInText = messages(1024);
    binaryInText.handle(text("a".getBytes(StandardCharsets.UTF_8), false));
    binaryInText.handle(WebSocketFrame.binaryFrame(Buffer.buffer("b"), true));
    assertThat(closes).hasSize(3).allMatch(c -> c.startsWith("1002 "));
    assertThat(texts).isEmpty();
  }

  @Test
  @DisplayName("W-UTF: a message of exactly the limit is delivered; one fragment more closes with 1009 before the message ends")
  void size_limit() {
    TextMessages m = messages(10);
    m.handle(text("12345".getBytes(StandardCharsets.UTF_8), false));
    m.handle(cont("67890".getBytes(StandardCharsets.UTF_8), true));
    assertThat(texts).containsExactly("1234567890");
    m.handle(WebSocketFrame.binaryFrame(Buffer.buffer("123456"), false));
    m.handle(cont("78901".getBytes(StandardCharsets.UTF_8), false));
    assertThat(closes).containsExactly("1009 message over 10 bytes");
    assertThat(binaries).isEmpty();
  }

  @Test
  @DisplayName("W-UTF: the byte-level UTF-8 check accepts all of Unicode and rejects at the first bad byte: F4 90 (over U+10FFFF), "
      + "ED A0 (surrogate), E0 80 / C1 (overlong), F5, a lone continuation byte")
  void byte_level_utf8() {
    assertThat(accepts("aé€😀\uFFFF\uD7FF\uE000\uDBFF\uDFFF".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
    assertThat(accepts(bytes(0xCE, 0xBA, 0xF4, 0x90, 0x80, 0x80))).isEqualTo(3);
    assertThat(accepts(bytes(0xED, 0xA0, 0x80))).isEqualTo(1);
    assertThat(accepts(bytes(0xE0, 0x80, 0xAF))).isEqualTo(1);
    assertThat(accepts(bytes(0xC1, 0xBF))).isEqualTo(0);
    assertThat(accepts(bytes(0xF5))).isEqualTo(0);
    assertThat(accepts(bytes(0x41, 0x80))).isEqualTo(1);
  }

  /** Index of the first byte rejected, -1 if none. */
  private static int accepts(byte[] b) {
    WebSocketGuard.Utf8 utf8 = new WebSocketGuard.Utf8();
    for (int i = 0; i < b.length; i++) {
      if (!utf8.accept(b[i] & 0xFF)) {
        return i;
      }
    }
    return utf8.complete() ? -1 : b.length;
  }

  /** A masked client frame. */
  private static byte[] clientFrame(int opcode, boolean fin, byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write((fin ? 0x80 : 0) | opcode);
    if (payload.length < 126) {
      out.write(0x80 | payload.length);
    } else {
      out.write(0x80 | 126);
      out.write(payload.length >> 8);
      out.write(payload.length & 0xFF);
    }
    byte[] mask = {0x11, 0x22, 0x33, 0x44};
    out.writeBytes(mask);
    for (int i = 0; i < payload.length; i++) {
      out.write(payload[i] ^ mask[i & 3]);
    }
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  @Test
  @DisplayName("W-UTF: in front of the frame decoder, invalid UTF-8 is reported at the read that brings the bad byte, before the "
      + "frame is complete (Autobahn 6.4.3); valid text, binary data and pings in between pass unreported; every byte reaches the decoder")
  void scanner_fails_fast_inside_a_frame() {
    AtomicInteger invalid = new AtomicInteger();
    EmbeddedChannel ch = new EmbeddedChannel(new WebSocketGuard.Utf8Scanner(invalid::incrementAndGet));
    byte[] valid = concat(
        clientFrame(0x1, false, new byte[] {KOSME[0]}),
        clientFrame(0x9, true, "ping".getBytes(StandardCharsets.UTF_8)),
        clientFrame(0x0, true, java.util.Arrays.copyOfRange(KOSME, 1, KOSME.length)),
        clientFrame(0x2, true, bytes(0xFF, 0xF4, 0x90)),
        clientFrame(0x1, true, "x".repeat(300).getBytes(StandardCharsets.UTF_8)));
    for (byte b : valid) {
      ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
    }
    assertThat(invalid).hasValue(0);

    byte[] frame = clientFrame(0x1, true, concat(KOSME, bytes(0xF4, 0x90, 0x80, 0x80), "edited".getBytes(StandardCharsets.UTF_8)));
    int headerAndPart1 = 6 + KOSME.length;
    ch.writeInbound(Unpooled.wrappedBuffer(frame, 0, headerAndPart1));
    assertThat(invalid).hasValue(0);
    ch.writeInbound(Unpooled.wrappedBuffer(frame, headerAndPart1, 4));
    assertThat(invalid).as("reported at the second chop").hasValue(1);
    ch.writeInbound(Unpooled.wrappedBuffer(frame, headerAndPart1 + 4, frame.length - headerAndPart1 - 4));
    assertThat(invalid).hasValue(1);

    int passed = 0;
    for (ByteBuf b = ch.readInbound(); b != null; b = ch.readInbound()) {
      passed += b.readableBytes();
      b.release();
    }
    assertThat(passed).isEqualTo(valid.length + frame.length);
  }

  @Test
  @DisplayName("W-UTF: on a protocol error found by the frame decoder, what was written but not flushed yet (the echo of the "
      + "message before) goes out first, then a Close frame 1002; anything written after that Close is dropped")
  void protocol_error_flushes_then_closes() {
    WebSocketDecoderConfig config = WebSocketDecoderConfig.newBuilder().maxFramePayloadLength(1024).allowExtensions(false)
        .closeOnProtocolViolation(false).build();
    EmbeddedChannel ch = new EmbeddedChannel(new WebSocket08FrameEncoder(false), new WebSocket08FrameDecoder(config),
        new WebSocketGuard.ProtocolErrors());
    ch.write(new TextWebSocketFrame("echo"));
    assertThat((Object) ch.readOutbound()).as("not flushed yet").isNull();
    assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(clientFrame(0x5, true, new byte[0]))))
        .isInstanceOf(CorruptedWebSocketFrameException.class);

    ByteBuf out = Unpooled.buffer();
    for (ByteBuf b = ch.readOutbound(); b != null; b = ch.readOutbound()) {
      out.writeBytes(b);
      b.release();
    }
    assertThat((int) out.readUnsignedByte()).isEqualTo(0x81);
    assertThat((int) out.readUnsignedByte()).isEqualTo(4);
    assertThat(out.readCharSequence(4, StandardCharsets.UTF_8).toString()).isEqualTo("echo");
    assertThat((int) out.readUnsignedByte()).isEqualTo(0x88);
    out.readUnsignedByte();
    assertThat(out.readUnsignedShort()).isEqualTo(1002);

    ch.writeAndFlush(new TextWebSocketFrame("after close"));
    assertThat((Object) ch.readOutbound()).isNull();
    out.release();
    ch.finishAndReleaseAll();
  }
}
