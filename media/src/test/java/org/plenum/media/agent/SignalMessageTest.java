package org.plenum.media.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SignalMessageTest {

  @Test
  @DisplayName("offer, answer and candidate survive a trip through JSON")
  void round_trip() {
    for (SignalMessage m : new SignalMessage[] {new SignalMessage.Offer("v=0\r\n"), new SignalMessage.Answer("v=0\r\n"),
        new SignalMessage.Candidate("0", 0, "candidate:1 1 udp 2122260223 10.77.0.1 40000 typ host")}) {
      assertThat(SignalMessage.parse(new JsonObject(m.toJson().encode()))).isEqualTo(m);
    }
  }

  @Test
  @DisplayName("a browser's candidate with a null mid parses")
  void null_mid() {
    JsonObject json = new JsonObject().put("type", "rtc.candidate").putNull("mid").put("mLineIndex", 0)
        .put("candidate", "candidate:1 1 udp 1 10.77.0.2 1 typ host");
    assertThat(SignalMessage.parse(json)).isEqualTo(new SignalMessage.Candidate(null, 0, "candidate:1 1 udp 1 10.77.0.2 1 typ host"));
  }

  @Test
  @DisplayName("unknown types, missing or mistyped fields and extra fields are rejected")
  void strict() {
    assertThatThrownBy(() -> SignalMessage.parse(new JsonObject().put("type", "rtc.bye")))
        .hasMessageContaining("unknown signal message type 'rtc.bye'");
    assertThatThrownBy(() -> SignalMessage.parse(new JsonObject().put("type", "rtc.offer")))
        .hasMessageContaining("'sdp' must be a string");
    assertThatThrownBy(() -> SignalMessage.parse(new JsonObject().put("type", "rtc.answer").put("sdp", 1)))
        .hasMessageContaining("'sdp' must be a string");
    assertThatThrownBy(() -> SignalMessage.parse(new JsonObject().put("type", "rtc.offer").put("sdp", "v=0").put("x", 1)))
        .hasMessageContaining("unexpected field 'x'");
    assertThatThrownBy(() -> SignalMessage.parse(new JsonObject().put("type", "rtc.candidate").put("mid", "0")
        .put("mLineIndex", "0").put("candidate", "c"))).hasMessageContaining("'mLineIndex' must be a number");
  }
}
