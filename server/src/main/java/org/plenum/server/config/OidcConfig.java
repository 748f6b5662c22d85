package org.plenum.server.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Single sign-on with OpenID Connect ({@code auth.oidc.*}): the providers people may sign in with, the one redirect
 * URI registered with all of them, how long a started sign-in stays valid, and whether people may still sign in
 * with a Plenum password ({@code auth.password_login}; the first administrator always may).
 */
public record OidcConfig(boolean passwordLogin, List<Provider> providers, String redirectUri, Duration flowTtl) {

  /** One provider, {@code auth.oidc.<id>.*}. */
  public record Provider(String id, String displayName, String issuer, String clientId, String clientSecret, List<String> scopes,
                         String usernameClaim, boolean autoCreate, Duration clockSkew, boolean endSession) {
    @Override
    public String toString() {
      return "Provider[id=" + id + ", issuer=" + issuer + ", clientId=" + clientId + ", clientSecret=***, autoCreate=" + autoCreate + "]";
    }
  }

  private static final Pattern URL = Pattern.compile("https?://[^\\s]+");
  private static final Pattern CLAIM = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

  public boolean enabled() {
    return !providers.isEmpty();
  }

  public java.util.Optional<Provider> provider(String id) {
    return providers.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  static OidcConfig from(Settings s, String publicUrl) {
    List<Provider> providers = new ArrayList<>();
    for (String id : s.list("auth.oidc.providers")) {
      String k = "auth.oidc." + id + ".";
      String issuer = s.matching(k + "issuer", URL, "the provider's issuer URL (its discovery document is read from <issuer>/.well-known/openid-configuration)");
      String clientId = s.matching(k + "client_id", Pattern.compile("\\S{1,200}"), "the client id Plenum is registered under at the provider");
      String secret = s.secret(k + "client_secret");
      if (secret.isEmpty()) {
        throw s.invalidValue(k + "client_secret", "", "the client secret (use the _FILE variable)");
      }
      List<String> scopes = s.list(k + "scopes");
      if (!scopes.contains("openid")) {
        throw s.invalidValue(k + "scopes", String.join(",", scopes), "a list that includes openid");
      }
      String display = s.string(k + "display_name");
      if (display.length() > 60) {
        throw s.invalidValue(k + "display_name", display, "at most 60 characters");
      }
      providers.add(new Provider(id, display.isEmpty() ? id : display, issuer.replaceAll("/+$", ""), clientId, secret, List.copyOf(scopes),
          s.matching(k + "username_claim", CLAIM, "a claim name such as preferred_username or email"),
          s.bool(k + "auto_create"),
          s.duration(k + "clock_skew", Duration.ZERO, Duration.ofMinutes(10)),
          s.bool(k + "end_session")));
    }
    String redirect = s.string("auth.oidc.redirect_uri");
    if (!redirect.isEmpty() && !URL.matcher(redirect).matches()) {
      throw s.invalidValue("auth.oidc.redirect_uri", redirect, "empty or an absolute http(s) URL ending in /api/auth/oidc/callback");
    }
    if (redirect.isEmpty() && !publicUrl.isEmpty()) {
      redirect = publicUrl.replaceAll("/+$", "") + "/api/auth/oidc/callback";
    }
    if (!redirect.isEmpty() && !URI.create(redirect).getPath().endsWith("/api/auth/oidc/callback")) {
      throw s.invalidValue("auth.oidc.redirect_uri", redirect, "a URL whose path ends in /api/auth/oidc/callback");
    }
    if (!providers.isEmpty() && redirect.isEmpty()) {
      throw s.invalidValue("auth.oidc.redirect_uri", "", "the URL the providers redirect back to (or set http.public_url) when auth.oidc.providers is set");
    }
    return new OidcConfig(s.bool("auth.password_login"), List.copyOf(providers), redirect,
        s.duration("auth.oidc.flow_ttl", Duration.ofSeconds(30), Duration.ofHours(1)));
  }
}
