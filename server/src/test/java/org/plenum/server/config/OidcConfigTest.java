package org.plenum.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OidcConfigTest {

  static Map<String, String> provider(String name, Path secret) {
    String p = "PLENUM_AUTH_OIDC_" + name.toUpperCase() + "_";
    Map<String, String> env = new HashMap<>();
    env.put(p + "ISSUER", "https://sso.example.gov.vn/realms/" + name + "/");
    env.put(p + "CLIENT_ID", "plenum");
    env.put(p + "CLIENT_SECRET_FILE", secret.toString());
    return env;
  }

  @Test
  @DisplayName("C8: no providers by default; password sign-in on")
  void defaults() {
    OidcConfig c = PlenumConfig.load(Map.of()).oidc();
    assertThat(c.enabled()).isFalse();
    assertThat(c.passwordLogin()).isTrue();
  }

  @Test
  @DisplayName("C8: each name in auth.oidc.providers gets the auth.oidc.defaults keys, set by its own variables; the secret comes "
      + "from a _FILE and is never printed")
  void several_providers(@TempDir Path dir) throws Exception {
    Path secret = Files.writeString(dir.resolve("s"), "very-secret-value\n");
    Map<String, String> env = new HashMap<>();
    env.putAll(provider("keycloak", secret));
    env.putAll(provider("vnconnect", secret));
    env.put("PLENUM_AUTH_OIDC_PROVIDERS", "keycloak, vnconnect");
    env.put("PLENUM_HTTP_PUBLIC_URL", "https://plenum.example.gov.vn/");
    env.put("PLENUM_AUTH_OIDC_DEFAULTS_CLOCK_SKEW", "30s");
    env.put("PLENUM_AUTH_OIDC_VNCONNECT_AUTO_CREATE", "true");
    env.put("PLENUM_AUTH_OIDC_VNCONNECT_DISPLAY_NAME", "VNConnect");
    env.put("PLENUM_AUTH_PASSWORD_LOGIN", "false");
    assertThat(PlenumConfig.unknownVariables(env)).isEmpty();
    PlenumConfig all = PlenumConfig.load(env);
    OidcConfig c = all.oidc();
    assertThat(c.passwordLogin()).isFalse();
    assertThat(c.redirectUri()).isEqualTo("https://plenum.example.gov.vn/api/auth/oidc/callback");
    assertThat(c.providers()).extracting(OidcConfig.Provider::id).containsExactly("keycloak", "vnconnect");
    OidcConfig.Provider k = c.provider("keycloak").orElseThrow();
    assertThat(k.issuer()).isEqualTo("https://sso.example.gov.vn/realms/keycloak");
    assertThat(k.clientSecret()).isEqualTo("very-secret-value");
    assertThat(k.scopes()).isEqualTo(List.of("openid", "profile", "email"));
    assertThat(k.clockSkew()).isEqualTo(Duration.ofSeconds(30));
    assertThat(k.autoCreate()).isFalse();
    assertThat(k.displayName()).isEqualTo("keycloak");
    assertThat(c.provider("vnconnect").orElseThrow().autoCreate()).isTrue();
    assertThat(c.provider("vnconnect").orElseThrow().displayName()).isEqualTo("VNConnect");
    assertThat(all.toString()).doesNotContain("very-secret-value");
  }

  @Test
  @DisplayName("C8: providers in a PLENUM_CONFIG file, with their keys beside them")
  void providers_in_a_file(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("plenum.yaml");
    Files.writeString(f, "auth:\n  oidc:\n    providers: [keycloak]\n    redirect_uri: https://p.example/api/auth/oidc/callback\n"
        + "    keycloak:\n      issuer: https://sso.example/realms/x\n      client_id: plenum\n      client_secret: s3cret\n      scopes: [openid]\n");
    OidcConfig c = PlenumConfig.load(Map.of("PLENUM_CONFIG", f.toString())).oidc();
    assertThat(c.provider("keycloak").orElseThrow().scopes()).containsExactly("openid");
    Files.writeString(f, "auth:\n  oidc:\n    keycloak:\n      issuer: https://sso.example/realms/x\n");
    assertThatThrownBy(() -> PlenumConfig.load(Map.of("PLENUM_CONFIG", f.toString())))
        .isInstanceOf(ConfigException.class).hasMessageContaining("auth.oidc.keycloak.issuer");
  }

  @Test
  @DisplayName("C8: a bad provider name, a missing issuer or secret, scopes without openid, or no redirect URI fail fast naming the key")
  void invalid(@TempDir Path dir) throws Exception {
    Path secret = Files.writeString(dir.resolve("s"), "x");
    Map<String, String> ok = new HashMap<>(provider("kc", secret));
    ok.put("PLENUM_AUTH_OIDC_PROVIDERS", "kc");
    ok.put("PLENUM_AUTH_OIDC_REDIRECT_URI", "https://p.example/api/auth/oidc/callback");
    assertThat(PlenumConfig.load(ok).oidc().enabled()).isTrue();

    assertThatThrownBy(() -> PlenumConfig.load(with(ok, "PLENUM_AUTH_OIDC_PROVIDERS", "Key Cloak"))).hasMessageContaining("auth.oidc.providers");
    assertThatThrownBy(() -> PlenumConfig.load(with(ok, "PLENUM_AUTH_OIDC_PROVIDERS", "defaults"))).hasMessageContaining("auth.oidc.providers");
    assertThatThrownBy(() -> PlenumConfig.load(with(ok, "PLENUM_AUTH_OIDC_PROVIDERS", "kc,kc"))).hasMessageContaining("auth.oidc.providers");
    assertThatThrownBy(() -> PlenumConfig.load(with(ok, "PLENUM_AUTH_OIDC_KC_ISSUER", "")))
        .hasMessageContaining("auth.oidc.kc.issuer").hasMessageContaining("PLENUM_AUTH_OIDC_KC_ISSUER");
    Map<String, String> noSecret = new HashMap<>(ok);
    noSecret.remove("PLENUM_AUTH_OIDC_KC_CLIENT_SECRET_FILE");
    assertThatThrownBy(() -> PlenumConfig.load(noSecret)).hasMessageContaining("auth.oidc.kc.client_secret");
    assertThatThrownBy(() -> PlenumConfig.load(with(ok, "PLENUM_AUTH_OIDC_KC_SCOPES", "profile"))).hasMessageContaining("auth.oidc.kc.scopes");
    assertThatThrownBy(() -> PlenumConfig.load(with(ok, "PLENUM_AUTH_OIDC_REDIRECT_URI", ""))).hasMessageContaining("auth.oidc.redirect_uri");
    assertThatThrownBy(() -> PlenumConfig.load(with(ok, "PLENUM_AUTH_OIDC_REDIRECT_URI", "https://p.example/elsewhere")))
        .hasMessageContaining("auth.oidc.redirect_uri");
  }

  static Map<String, String> with(Map<String, String> env, String key, String value) {
    Map<String, String> m = new HashMap<>(env);
    m.put(key, value);
    return m;
  }
}
