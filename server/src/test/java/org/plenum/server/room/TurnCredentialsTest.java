package org.plenum.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.auth.AccountId;
import org.plenum.server.config.TurnConfig;

class TurnCredentialsTest {
  static final String SECRET = "north-hall-turn-secret";
  static final String ACCOUNT = "5b0e7f9a-2f2c-4c1e-9d3a-0c6f1e2d3b4a";

  @Test
  @DisplayName("RM9: the TURN password is Base64(HMAC-SHA1(secret, username)) — vector from openssl dgst -sha1 -hmac | base64")
  void known_vector() {
    // printf '%s' '1767225600:5b0e7f9a-2f2c-4c1e-9d3a-0c6f1e2d3b4a' | openssl dgst -sha1 -hmac 'north-hall-turn-secret' -binary | base64
    assertThat(TurnCredentials.password(SECRET, "1767225600:" + ACCOUNT)).isEqualTo("ymmRBmjd0C0gQZF1F+sBz0drK7Y=");
  }

  @Test
  @DisplayName("RM9: the username is <expiry unix seconds>:<account id>, expiry = now + turn.ttl")
  void minted_for_account() {
    var turn = new TurnCredentials(new TurnConfig(List.of("turn:turn.example.org:3478?transport=udp"), SECRET, Duration.ofHours(12)));
    Instant now = Instant.ofEpochSecond(1767225600L - 12 * 3600);
    JsonObject c = turn.mint(new AccountId(UUID.fromString(ACCOUNT)), now);
    assertThat(c.getString("username")).isEqualTo("1767225600:" + ACCOUNT);
    assertThat(c.getString("credential")).isEqualTo("ymmRBmjd0C0gQZF1F+sBz0drK7Y=");
    assertThat(c.getJsonArray("urls").getList()).containsExactly("turn:turn.example.org:3478?transport=udp");
    assertThat(c.getLong("ttl")).isEqualTo(12 * 3600L);
  }

  @Test
  @DisplayName("RM9: without turn.urls there is nothing to hand out: an empty list")
  void not_configured() {
    JsonObject c = new TurnCredentials(new TurnConfig(List.of(), "", Duration.ofHours(1))).mint(AccountId.random(), Instant.now());
    assertThat(c.getJsonArray("urls")).isEmpty();
    assertThat(c.getString("credential")).isNull();
  }
}
