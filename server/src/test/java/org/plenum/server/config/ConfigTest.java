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

class ConfigTest {

  @Test
  @DisplayName("C1: with no overrides every key takes its default from config/default.yaml")
  void defaults() {
    PlenumConfig c = PlenumConfig.load(Map.of());
    assertThat(c.http().port()).isEqualTo(8080);
    assertThat(c.http().host()).isEqualTo("127.0.0.1");
    assertThat(c.db().embedded()).isTrue();
    assertThat(c.auth().accessTokenTtl()).isEqualTo(Duration.ofMinutes(15));
    assertThat(c.demo().seed()).isEqualTo(PlenumConfig.DemoSeed.AUTO);
  }

  @Test
  @DisplayName("C2: an environment variable named by rule overrides its key (http.port -> PLENUM_HTTP_PORT)")
  void env_overrides() {
    PlenumConfig c = PlenumConfig.load(Map.of("PLENUM_HTTP_PORT", "9090", "PLENUM_AUTH_ACCESS_TOKEN_TTL", "90s",
        "PLENUM_DB_URL", "postgresql://db.internal:5432/plenum", "PLENUM_DEMO_SEED", "never"));
    assertThat(c.http().port()).isEqualTo(9090);
    assertThat(c.auth().accessTokenTtl()).isEqualTo(Duration.ofSeconds(90));
    assertThat(c.db().embedded()).isFalse();
    assertThat(c.demo().seed()).isEqualTo(PlenumConfig.DemoSeed.NEVER);
  }

  @Test
  @DisplayName("C3: a secret can come from a file named by <VAR>_FILE and is never printed")
  void secret_from_file(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("pw");
    Files.writeString(f, "s3cret-value\n");
    PlenumConfig c = PlenumConfig.load(Map.of("PLENUM_DB_PASSWORD_FILE", f.toString()));
    assertThat(c.db().password()).isEqualTo("s3cret-value");
    assertThat(c.db().toString()).doesNotContain("s3cret-value");
    assertThat(c.toString()).doesNotContain("s3cret-value");
  }

  @Test
  @DisplayName("C4: an invalid value fails fast naming the key, the variable and the value")
  void invalid_values_fail_fast() {
    assertThatThrownBy(() -> PlenumConfig.load(Map.of("PLENUM_HTTP_PORT", "eighty")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http.port").hasMessageContaining("PLENUM_HTTP_PORT").hasMessageContaining("'eighty'");
    assertThatThrownBy(() -> PlenumConfig.load(Map.of("PLENUM_HTTP_PORT", "70000")))
        .hasMessageContaining("http.port").hasMessageContaining("0 to 65535");
    assertThatThrownBy(() -> PlenumConfig.load(Map.of("PLENUM_AUTH_TICKET_TTL", "30 seconds")))
        .hasMessageContaining("auth.ticket_ttl").hasMessageContaining("PLENUM_AUTH_TICKET_TTL").hasMessageContaining("'30 seconds'");
    assertThatThrownBy(() -> PlenumConfig.load(Map.of("PLENUM_DEMO_SEED", "sometimes")))
        .hasMessageContaining("demo.seed").hasMessageContaining("auto");
    assertThatThrownBy(() -> PlenumConfig.load(Map.of("PLENUM_HTTP_TRUST_FORWARDED_FOR", "maybe")))
        .hasMessageContaining("http.trust_forwarded_for");
    assertThatThrownBy(() -> PlenumConfig.load(Map.of("PLENUM_DB_URL", "mysql://x/y")))
        .hasMessageContaining("db.url").hasMessageContaining("PLENUM_DB_URL");
  }

  @Test
  @DisplayName("C5: a file named by PLENUM_CONFIG overrides defaults; an unknown key in it is an error")
  void config_file(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("plenum.yaml");
    Files.writeString(f, "http:\n  port: 7000\nlog:\n  level: debug\n");
    PlenumConfig c = PlenumConfig.load(Map.of("PLENUM_CONFIG", f.toString()));
    assertThat(c.http().port()).isEqualTo(7000);
    assertThat(c.log().level()).isEqualTo("DEBUG");
    // env beats file
    assertThat(PlenumConfig.load(Map.of("PLENUM_CONFIG", f.toString(), "PLENUM_HTTP_PORT", "7001")).http().port()).isEqualTo(7001);

    Files.writeString(f, "http:\n  prot: 7000\n");
    assertThatThrownBy(() -> PlenumConfig.load(Map.of("PLENUM_CONFIG", f.toString())))
        .isInstanceOf(ConfigException.class).hasMessageContaining("http.prot");
    Files.writeString(f, "http: [1, 2\n");
    assertThatThrownBy(() -> PlenumConfig.load(Map.of("PLENUM_CONFIG", f.toString())))
        .isInstanceOf(ConfigException.class).hasMessageContaining("YAML");
  }

  @Test
  @DisplayName("C6: config/README.md documents every key of config/default.yaml with its environment variable")
  void readme_documents_every_key() throws Exception {
    String readme = Files.readString(Path.of("..", "config", "README.md"));
    Settings s = Settings.load(Map.of());
    assertThat(s.keys()).isNotEmpty();
    for (String key : s.keys()) {
      assertThat(readme).as("config/README.md mentions `%s`", key).contains("`" + key + "`");
      assertThat(readme).as("config/README.md mentions %s", Settings.envName(key)).contains(Settings.envName(key));
    }
  }

  @Test
  @DisplayName("C7: a PLENUM_ variable that names no key (a typo) is reported, launcher variables and _FILE forms are not")
  void unknown_variables_reported(@TempDir Path dir) throws Exception {
    Path pw = Files.writeString(dir.resolve("pw"), "secret");
    var unknown = PlenumConfig.unknownVariables(Map.of("PLENUM_HTTP_PROT", "1", "PLENUM_HTTP_PORT", "2", "PLENUM_DB_PASSWORD_FILE", pw.toString(),
        "PLENUM_JAVA_OPTS", "-Xmx1g", "PLENUM_CONFIG", "", "HOME", "/root"));
    assertThat(unknown).containsExactly("PLENUM_HTTP_PROT");
  }

  @Test
  @DisplayName("ST2: the embedded database's supervision has its defaults, and a longest wait shorter than the first is refused")
  void embedded_supervision_keys() {
    PlenumConfig.DbConfig db = PlenumConfig.load(Map.of()).db();
    assertThat(db.embeddedCheckInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(db.embeddedRestartAttempts()).isEqualTo(10);
    assertThat(db.embeddedRestartBackoff()).isEqualTo(Duration.ofSeconds(1));
    assertThat(db.embeddedRestartBackoffMax()).isEqualTo(Duration.ofSeconds(30));
    assertThat(PlenumConfig.load(Map.of("PLENUM_DB_EMBEDDED_RESTART_ATTEMPTS", "0")).db().embeddedRestartAttempts()).isZero();
    assertThatThrownBy(() -> PlenumConfig.load(Map.of("PLENUM_DB_EMBEDDED_RESTART_BACKOFF", "10s", "PLENUM_DB_EMBEDDED_RESTART_BACKOFF_MAX", "5s")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("db.embedded_restart_backoff_max").hasMessageContaining("PLENUM_DB_EMBEDDED_RESTART_BACKOFF");
    assertThatThrownBy(() -> PlenumConfig.load(Map.of("PLENUM_DB_EMBEDDED_RESTART_ATTEMPTS", "-1")))
        .hasMessageContaining("db.embedded_restart_attempts");
    assertThatThrownBy(() -> PlenumConfig.load(Map.of("PLENUM_DB_EMBEDDED_CHECK_INTERVAL", "0s")))
        .hasMessageContaining("db.embedded_check_interval");
  }
}
