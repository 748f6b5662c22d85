package org.plenum.server.room;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.plenum.server.auth.AccountId;
import org.plenum.server.config.TurnConfig;
import org.plenum.server.core.FeatureApi;

/**
 * Time-limited TURN credentials for coturn's {@code use-auth-secret} scheme (the "TURN REST API" draft): the user
 * name is {@code <expiry unix seconds>:<account id>}, the password Base64(HMAC-SHA1(static-auth-secret, user name)).
 * coturn recomputes the HMAC with the same secret and refuses expired names; the server stores nothing (RM9).
 */
@FeatureApi
public final class TurnCredentials {
  private final TurnConfig config;

  public TurnCredentials(TurnConfig config) {
    this.config = config;
  }

  /** {urls, username, credential, ttl} for this account, or {urls: []} when no TURN server is configured. */
  public JsonObject mint(AccountId account, Instant now) {
    if (!config.enabled()) {
      return new JsonObject().put("urls", new JsonArray()).putNull("username").putNull("credential").put("ttl", 0);
    }
    String username = (now.getEpochSecond() + config.ttl().toSeconds()) + ":" + account;
    return new JsonObject().put("urls", new JsonArray(config.urls())).put("username", username)
        .put("credential", password(config.secret(), username)).put("ttl", config.ttl().toSeconds());
  }

  /** Base64(HMAC-SHA1(secret, username)), as coturn computes it. */
  public static String password(String secret, String username) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is not available", e);
    }
  }
}
