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
  @DisplayName("MV13: a fragment without candidates or end-of-candidates is BAD_MESSAGE")
  void empty_fragment_is_refused() {
    assertThatThrownBy(() -> MediaEndpoints.candidates("a=ice-ufrag:new1\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\n"))
        .isInstanceOfSatisfying(PlenumException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_MESSAGE));
  }

  static final String CHROMIUM_LIKE = "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111 0\r\na=ice-ufrag:Ab12\r\na=mid:0\r\n"
      + "a=rtpmap:111 opus/48000/2\r\na=rtpmap:0 PCMU/8000\r\n"
      + "m=video 9 UDP/TLS/RTP/SAVPF 96 97 102\r\na=mid:1\r\na=rtpmap:96 VP8/90000\r\na=rtpmap:97 rtx/90000\r\n"
      + "a=rtpmap:102 H264/90000\r\n";

  @Test
  @DisplayName("MV20: codecs are read per kind from active m-lines; VP8 or H.264 video, or Opus audio alone, is taken")
  void codecs_are_read_and_taken() {
    assertThat(SdpLines.codecs(CHROMIUM_LIKE, "video")).containsExactly("VP8", "RTX", "H264");
    assertThat(SdpLines.codecs(CHROMIUM_LIKE, "audio")).containsExactly("OPUS", "PCMU");
    assertThat(SdpLines.videoMids(CHROMIUM_LIKE)).containsExactly("1");
    assertThat(SdpLines.iceUfrags(CHROMIUM_LIKE)).containsExactly("Ab12");
    SdpLines.requireTakenCodecs(CHROMIUM_LIKE);
    SdpLines.requireTakenCodecs("m=video 9 UDP/TLS/RTP/SAVPF 102\r\na=rtpmap:102 H264/90000\r\n");
    SdpLines.requireTakenCodecs("m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=rtpmap:111 opus/48000/2\r\n");
  }

  @Test
  @DisplayName("MV20: video in H.265 only, or audio in PCMU only, or a disabled m-line is UNSUPPORTED_CODEC naming what was offered")
  void untaken_codecs_are_refused() {
    for (String sdp : List.of("m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=rtpmap:96 H265/90000\r\n",
        "m=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=rtpmap:0 PCMU/8000\r\n",
        "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=rtpmap:111 opus/48000/2\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=rtpmap:96 AV1/90000\r\n",
        "m=video 0 UDP/TLS/RTP/SAVPF 96\r\na=rtpmap:96 VP8/90000\r\n")) {
      assertThatThrownBy(() -> SdpLines.requireTakenCodecs(sdp)).as(sdp)
          .isInstanceOfSatisfying(PlenumException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_CODEC);
            assertThat(e.getMessage()).contains("VP8 or H.264");
          });
    }
  }

  @Test
  @DisplayName("MV25: TURN credentials become one Link rel=ice-server per URL; without TURN no Link")
  void ice_server_links() {
    JsonObject minted = new JsonObject().put("urls", new io.vertx.core.json.JsonArray().add("turn:t.example:3478?transport=udp")
        .add("turns:t.example:5349?transport=tcp")).put("username", "1700000000:abc").put("credential", "c2VjcmV0").put("ttl", 60);
    assertThat(MediaEndpointRoutes.iceServerLinks(minted)).containsExactly(
        "<turn:t.example:3478?transport=udp>; rel=\"ice-server\"; username=\"1700000000:abc\"; credential=\"c2VjcmV0\"; "
            + "credential-type=\"password\"",
        "<turns:t.example:5349?transport=tcp>; rel=\"ice-server\"; username=\"1700000000:abc\"; credential=\"c2VjcmV0\"; "
            + "credential-type=\"password\"");
    assertThat(MediaEndpointRoutes.iceServerLinks(new JsonObject().put("urls", new io.vertx.core.json.JsonArray()).putNull("username")))
        .isEmpty();
  }
}
