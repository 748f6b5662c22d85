package org.plenum.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.config.ConfigException;
import org.plenum.server.config.PlenumConfig;
import org.plenum.server.config.PlenumConfig.BridgeEntry;

class MediaConfigTest {

  @Test
  @DisplayName("media defaults: no bridge listed, autostart on, floor policy mutes others, 5 s deadline, 150 subscribers a bridge before a meeting spans a second (MV16)")
  void defaults() {
    PlenumConfig.MediaConfig m = PlenumConfig.load(Map.of()).media();
    assertThat(m.bridges()).isEmpty();
    assertThat(m.janusAutostart()).isTrue();
    assertThat(m.floorMuteOthers()).isTrue();
    assertThat(m.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(m.janusBindIp()).isEqualTo("127.0.0.1");
    assertThat(m.roomMaxSubscribers()).isEqualTo(150);
    assertThat(PlenumConfig.load(Map.of("PLENUM_MEDIA_ROOM_MAX_SUBSCRIBERS", "1")).media().roomMaxSubscribers()).isEqualTo(1);
  }

  @Test
  @DisplayName("media.bridges lists name=ws_url|admin_url entries; secrets never show in toString")
  void bridges() {
    PlenumConfig.MediaConfig m = PlenumConfig.load(Map.of(
        "PLENUM_MEDIA_BRIDGES", "a=ws://10.0.0.5:8188/|http://10.0.0.5:7088/admin,b=wss://j2.example.org/ws|https://j2.example.org/admin",
        "PLENUM_MEDIA_API_SECRET", "s3cret-api")).media();
    assertThat(m.bridges()).containsExactly(new BridgeEntry("a", "ws://10.0.0.5:8188/", "http://10.0.0.5:7088/admin"),
        new BridgeEntry("b", "wss://j2.example.org/ws", "https://j2.example.org/admin"));
    assertThat(m.toString()).doesNotContain("s3cret-api");
  }

  @Test
  @DisplayName("a malformed or duplicate bridge list fails at start-up naming the key and its variable")
  void bad_bridges() {
    for (String bad : List.of("ws://10.0.0.5:8188/", "a=http://x|http://y", "a=ws://x|http://y,a=ws://z|http://w")) {
      assertThatThrownBy(() -> PlenumConfig.load(Map.of("PLENUM_MEDIA_BRIDGES", bad)))
          .isInstanceOf(ConfigException.class).hasMessageContaining("media.bridges").hasMessageContaining("PLENUM_MEDIA_BRIDGES");
    }
  }

  @Test
  @DisplayName("floor control mutes the audio m-lines of a publisher: their mids are read from its offer")
  void audio_mids() {
    String sdp = "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:1\r\n"
        + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:a2\r\n";
    assertThat(MediaService.audioMids(sdp)).containsExactly("0", "a2");
    assertThat(MediaService.audioMids("v=0\nm=video 9 UDP 96\na=mid:0\n")).isEmpty();
  }
}
