package org.plenum.server.vote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.vote.VoteFixtures.failsWith;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.plenum.server.core.error.ErrorCode;

class ReceiptsTest {
  private static final String FORMAT = "[0-7][0-9A-HJKMNP-TV-Z]{3}(-[0-9A-HJKMNP-TV-Z]{4}){5}-[0-9A-HJKMNP-TV-Z]{2}";
  private static final PollId POLL = new PollId(UUID.fromString("6f1c1f8e-0000-4000-8000-000000000001"));
  private static final PollId OTHER_POLL = new PollId(UUID.fromString("6f1c1f8e-0000-4000-8000-000000000002"));
  private static final String KEY = "3b1d3c0e-8f6a-4c7e-9d2b-5a4f1e0c9b77";

  @Test
  @DisplayName("R1: a new receipt is 128 random bits as 26 Crockford base32 characters in groups of 4")
  void new_codes() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      String code = Receipts.newCode();
      assertThat(code).matches(FORMAT).hasSize(32);
      seen.add(code);
    }
    assertThat(seen).hasSize(2000);
  }

  @Test
  @DisplayName("R1: the encoding is big-endian base32 of the 128 bits: all zeros and all ones")
  void encoding_vectors() {
    assertThat(Receipts.encode(new byte[16])).isEqualTo("0000-0000-0000-0000-0000-0000-00");
    byte[] ones = new byte[16];
    Arrays.fill(ones, (byte) 0xFF);
    assertThat(Receipts.encode(ones)).isEqualTo("7ZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZ");
    byte[] one = new byte[16];
    one[15] = 33;
    assertThat(Receipts.encode(one)).endsWith("-11");
  }

  @Test
  @DisplayName("R2: a typed receipt is read case-insensitively, without hyphens, with I/L as 1 and O as 0")
  void normalize() {
    String code = Receipts.newCode();
    assertThat(Receipts.normalize(code.toLowerCase().replace("-", ""))).isEqualTo(code);
    assertThat(Receipts.normalize(" 0000 0000-0000 0000 0000 0000 01 ")).isEqualTo("0000-0000-0000-0000-0000-0000-01");
    assertThat(Receipts.normalize("oooo-oooo-oooo-oooo-oooo-oooo-Il")).isEqualTo("0000-0000-0000-0000-0000-0000-11");
    assertThat(Receipts.isReceipt(code)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "0000-0000-0000-0000-0000-0000-0", "0000-0000-0000-0000-0000-0000-000", "8000-0000-0000-0000-0000-0000-00",
      "U000-0000-0000-0000-0000-0000-00", "0000-0000-0000-0000-0000-0000-0*"})
  @DisplayName("R2: anything else is not a receipt (BAD_MESSAGE)")
  void not_receipts(String typed) {
    failsWith(ErrorCode.BAD_MESSAGE, () -> Receipts.normalize(typed)).hasMessageContaining("is not a receipt");
    assertThat(Receipts.isReceipt(typed)).isFalse();
  }

  @Test
  @DisplayName("R3: the receipt from an idempotency key is the same on every retry, different in another poll or with another key")
  void deterministic_receipt() {
    String receipt = Receipts.fromIdempotencyKey(POLL, KEY);
    assertThat(receipt).matches(FORMAT).isEqualTo(Receipts.fromIdempotencyKey(POLL, KEY));
    assertThat(Receipts.fromIdempotencyKey(OTHER_POLL, KEY)).isNotEqualTo(receipt);
    assertThat(Receipts.fromIdempotencyKey(POLL, UUID.randomUUID().toString())).isNotEqualTo(receipt);
  }

  @Test
  @DisplayName("R3, R4: receipt and key digest are HMAC-SHA256 under the key with two different labels")
  void hmac_definition() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
    byte[] forReceipt = mac.doFinal(("plenum/vote/receipt/v1\n" + POLL).getBytes(StandardCharsets.UTF_8));
    byte[] forRetry = mac.doFinal(("plenum/vote/retry/v1\n" + POLL).getBytes(StandardCharsets.UTF_8));
    assertThat(Receipts.fromIdempotencyKey(POLL, KEY)).isEqualTo(Receipts.encode(Arrays.copyOf(forReceipt, 16)));
    assertThat(Receipts.keyDigest(POLL, KEY)).isEqualTo(HexFormat.of().formatHex(forRetry));
  }

  @Test
  @DisplayName("R4: the key digest is deterministic, differs per poll, and is not the receipt of the same key in another form")
  void digest_independent_of_receipt() {
    String digest = Receipts.keyDigest(POLL, KEY);
    assertThat(digest).matches("[0-9a-f]{64}").isEqualTo(Receipts.keyDigest(POLL, KEY));
    assertThat(Receipts.keyDigest(OTHER_POLL, KEY)).isNotEqualTo(digest);
    String receipt = Receipts.fromIdempotencyKey(POLL, KEY);
    byte[] digestPrefix = Arrays.copyOf(HexFormat.of().parseHex(digest), 16);
    assertThat(Receipts.encode(digestPrefix)).isNotEqualTo(receipt);
    assertThat(digest).doesNotContain(receipt.replace("-", "").toLowerCase());
    // Two keys: knowing which digest is whose says nothing about which receipt is whose.
    String otherKey = "9c0e3a6b-1f7d-4b2a-8e5c-0d9f4a3b2c1e";
    assertThat(Set.of(Receipts.fromIdempotencyKey(POLL, KEY), Receipts.fromIdempotencyKey(POLL, otherKey)))
        .doesNotContain(Receipts.encode(Arrays.copyOf(HexFormat.of().parseHex(Receipts.keyDigest(POLL, otherKey)), 16)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"short-key-15chr", "has a space in the middle", "khóa-có-dấu-tiếng-việt", "tab\tinside-the-key-xx"})
  @DisplayName("R5: an idempotency key is 16 to 256 printable ASCII characters")
  void bad_keys(String key) {
    failsWith(ErrorCode.BAD_MESSAGE, () -> Receipts.fromIdempotencyKey(POLL, key)).hasMessageContaining("16 to 256 printable ASCII");
    failsWith(ErrorCode.BAD_MESSAGE, () -> Receipts.keyDigest(POLL, key)).hasMessageContaining("send a random UUID");
  }

  @Test
  @DisplayName("R5: a UUID, 16 characters and 256 characters are keys; null and 257 characters are not")
  void key_lengths() {
    assertThat(Receipts.fromIdempotencyKey(POLL, UUID.randomUUID().toString())).matches(FORMAT);
    assertThat(Receipts.fromIdempotencyKey(POLL, "k".repeat(16))).matches(FORMAT);
    assertThat(Receipts.keyDigest(POLL, "k".repeat(256))).hasSize(64);
    failsWith(ErrorCode.BAD_MESSAGE, () -> Receipts.keyDigest(POLL, "k".repeat(257)));
    failsWith(ErrorCode.BAD_MESSAGE, () -> Receipts.keyDigest(POLL, null));
  }

  @Test
  @DisplayName("R1: newCode takes the SecureRandom it is given")
  void given_random() throws Exception {
    SecureRandom a = SecureRandom.getInstance("SHA1PRNG");
    a.setSeed(42);
    SecureRandom b = SecureRandom.getInstance("SHA1PRNG");
    b.setSeed(42);
    assertThat(Receipts.newCode(a)).isEqualTo(Receipts.newCode(b));
  }
}
