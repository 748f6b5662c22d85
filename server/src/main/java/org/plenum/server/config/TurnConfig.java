package org.plenum.server.config;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * TURN relays (coturn with {@code use-auth-secret}): the URLs clients get, the shared secret the server mints
 * time-limited credentials with (coturn's {@code static-auth-secret}) and their lifetime. No URLs: no TURN.
 */
public record TurnConfig(List<String> urls, String secret, Duration ttl) {
  private static final Pattern URL = Pattern.compile("(?i)(turn|turns|stun):[^\\s,]+");

  public boolean enabled() {
    return !urls.isEmpty();
  }

  @Override
  public String toString() {
    return "TurnConfig[urls=" + urls + ", secret=***, ttl=" + ttl + "]";
  }

  static TurnConfig from(Settings s) {
    List<String> urls = s.list("turn.urls");
    for (String u : urls) {
      if (!URL.matcher(u).matches()) {
        throw s.invalidValue("turn.urls", u, "TURN URLs such as turn:turn.example.org:3478?transport=udp or turns:turn.example.org:5349");
      }
    }
    String secret = s.secret("turn.secret");
    if (!urls.isEmpty() && secret.length() < 16) {
      throw s.invalidValue("turn.secret", "***", "a secret of at least 16 characters when turn.urls is set (coturn's static-auth-secret)");
    }
    return new TurnConfig(urls, secret, s.duration("turn.ttl", Duration.ofMinutes(1), Duration.ofDays(7)));
  }
}
