package org.plenum.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TurnConfigTest {

  @Test
  @DisplayName("RM9: turn.urls is empty by default (no TURN); a YAML list or a comma-separated variable sets it")
  void urls(@TempDir Path dir) throws Exception {
    assertThat(PlenumConfig.load(Map.of()).turn().enabled()).isFalse();
    Path file = Files.writeString(dir.resolve("plenum.yaml"),
        "turn:\n  urls:\n    - turn:turn.example.org:3478?transport=udp\n    - turns:turn.example.org:5349\n  secret: 0123456789abcdef\n");
    TurnConfig fromFile = PlenumConfig.load(Map.of("PLENUM_CONFIG", file.toString())).turn();
    assertThat(fromFile.urls()).containsExactly("turn:turn.example.org:3478?transport=udp", "turns:turn.example.org:5349");
    TurnConfig fromEnv = PlenumConfig.load(Map.of("PLENUM_TURN_URLS", "turn:a.example:3478, turns:a.example:5349",
        "PLENUM_TURN_SECRET", "0123456789abcdef", "PLENUM_TURN_TTL", "1h")).turn();
    assertThat(fromEnv.urls()).containsExactly("turn:a.example:3478", "turns:a.example:5349");
    assertThat(fromEnv.ttl()).isEqualTo(Duration.ofHours(1));
    assertThat(fromEnv.toString()).doesNotContain("0123456789abcdef");
  }

  @Test
  @DisplayName("RM9: TURN URLs without a secret, or a URL that is not turn:/turns:/stun:, fail fast naming the key; the secret is never echoed")
  void invalid() {
    assertThatThrownBy(() -> PlenumConfig.load(Map.of("PLENUM_TURN_URLS", "turn:a.example:3478", "PLENUM_TURN_SECRET", "short-secret")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("turn.secret").hasMessageContaining("PLENUM_TURN_SECRET")
        .hasMessageNotContaining("short-secret");
    assertThatThrownBy(() -> PlenumConfig.load(Map.of("PLENUM_TURN_URLS", "http://a.example", "PLENUM_TURN_SECRET", "0123456789abcdef")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("turn.urls");
    assertThatThrownBy(() -> PlenumConfig.load(Map.of("PLENUM_ROOMS_CREDENTIAL_TTL", "100d")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("rooms.credential_ttl");
  }
}
