package org.plenum.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;

class MediaEndpointsTest {

  @Test
  @DisplayName("MV13: a trickle-ice-sdpfrag becomes Janus candidates in order, with their mid; end-of-candidates completes")
  void fragment_becomes_candidates() {
    String frag = "a=ice-ufrag:EsAw\r\na=ice-pwd:P2uYro0UCOQ4zxjKXaWCBui1\r\nm=audio 9 RTP/AVP 0\r\na=mid:0\r\n"
        + "a=candidate:1387637174 1 udp 2122260223 192.0.2.1 61764 typ host generation 0\r\n"
        + "a=candidate:3471623853 1 udp 2122194687 198.51.100.2 61765 typ host generation 0\r\n"
        + "a=end-of-candidates\r\n";
    List<JsonObject> c = MediaEndpoints.candidates(frag);
    assertThat(c).hasSize(3);
    assertThat(c.get(0).getString("candidate")).isEqualTo("candidate:1387637174 1 udp 2122260223 192.0.2.1 61764 typ host generation 0");
    assertThat(c.get(0).getString("sdpMid")).isEqualTo("0");
    assertThat(c.get(0).getInteger("sdpMLineIndex")).isEqualTo(0);
    assertThat(c.get(2)).isEqualTo(new JsonObject().put("completed", true));
  }

  @Test
  @DisplayName("MV13: a fragment without candidates (an ICE restart) is BAD_MESSAGE")
  void ice_restart_is_refused() {
    assertThatThrownBy(() -> MediaEndpoints.candidates("a=ice-ufrag:new1\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\n"))
        .isInstanceOfSatisfying(PlenumException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_MESSAGE));
  }
}
