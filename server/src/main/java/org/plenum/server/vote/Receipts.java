package org.plenum.server.vote;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.plenum.server.core.error.PlenumException;

/**
 * Ballot receipts (rules R1–R5). A receipt is stored only with the ballot row (receipt, choice, weight), never with
 * the voter; after the poll the list of (receipt, choice) is published so each voter can find theirs.
 *
 * <p><b>Retries without a voter → receipt link.</b> The client sends a fresh random idempotency key with each ballot.
 * The server derives two values from it and keeps the key itself nowhere:
 * <ul>
 *   <li>{@link #fromIdempotencyKey}: the receipt, stored with the ballot row;
 *   <li>{@link #keyDigest}: stored with the voter row (poll, voter), so a retry of the same cast is recognised and
 *       answered with the same receipt, recomputed from the key the retry carries.
 * </ul>
 * Both are HMAC-SHA256 under the client's key, over the poll id with different labels. HMAC-SHA256 is a
 * pseudo-random function: without the key, one output says nothing about the other, so someone holding the
 * database (or a backup, or the published list) cannot tell which voter row goes with which ballot row. This holds
 * only if the key cannot be guessed — with a guessable key one could try keys against keyDigest and then recompute
 * the receipt — hence R5: 128 random bits from the client. It protects the stored data, not a live server process,
 * which sees key, voter and choice together while handling the cast.
 */
public final class Receipts {
  public static final int LENGTH = 26;
  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final String RECEIPT_LABEL = "plenum/vote/receipt/v1\n";
  private static final String RETRY_LABEL = "plenum/vote/retry/v1\n";
  private static final String UNIT_LABEL = "plenum/vote/unit/v1\n";

  private Receipts() {}

  /** R1: a fresh random receipt, for a ballot cast without an idempotency key. */
  public static String newCode() {
    return newCode(Holder.RANDOM);
  }

  public static String newCode(SecureRandom random) {
    byte[] bits = new byte[16];
    random.nextBytes(bits);
    return encode(bits);
  }

  /** R3: the receipt of the ballot cast with this client key: the same on every retry, different in every poll. */
  public static String fromIdempotencyKey(PollId pollId, String key) {
    return encode(Arrays.copyOf(hmac(key, RECEIPT_LABEL + pollId), 16));
  }

  /**
   * R6 (D24): the receipt of unit entry {@code i} (1, 2, …) of a weighted secret ballot: HMAC-SHA256 under the voter's
   * receipt, so only who holds that receipt can find the ballot's entries, and no one can tell which entries belong
   * together.
   */
  public static String unit(PollId pollId, String receipt, int i) {
    return encode(Arrays.copyOf(hmac(normalize(receipt), UNIT_LABEL + pollId + "\n" + i), 16));
  }

  /** R4: what the server keeps with the voter row to recognise a retry; 64 hex digits. */
  public static String keyDigest(PollId pollId, String key) {
    return HexFormat.of().formatHex(hmac(key, RETRY_LABEL + pollId));
  }

  /** R2: the canonical form of a receipt as a person typed it; BAD_MESSAGE if it is not one. */
  public static String normalize(String typed) {
    if (typed == null) {
      throw PlenumException.badMessage("A receipt is missing.");
    }
    StringBuilder s = new StringBuilder(LENGTH);
    for (char c : typed.toUpperCase(Locale.ROOT).toCharArray()) {
      if (c == '-' || Character.isWhitespace(c)) {
        continue;
      }
      char d = switch (c) {
        case 'I', 'L' -> '1';
        case 'O' -> '0';
        default -> c;
      };
      if (Arrays.binarySearch(ALPHABET, d) < 0) {
        throw notAReceipt(typed);
      }
      s.append(d);
    }
    if (s.length() != LENGTH || s.charAt(0) > '7') {
      throw notAReceipt(typed);
    }
    return group(s.toString().toCharArray());
  }

  /** Whether {@link #normalize} accepts it. */
  public static boolean isReceipt(String typed) {
    try {
      normalize(typed);
      return true;
    } catch (PlenumException e) {
      return false;
    }
  }

  static String encode(byte[] sixteenBytes) {
    BigInteger v = new BigInteger(1, sixteenBytes);
    char[] out = new char[LENGTH];
    for (int i = LENGTH - 1; i >= 0; i--) {
      out[i] = ALPHABET[v.intValue() & 31];
      v = v.shiftRight(5);
    }
    return group(out);
  }

  private static String group(char[] chars) {
    StringBuilder s = new StringBuilder(LENGTH + LENGTH / 4);
    for (int i = 0; i < chars.length; i++) {
      if (i > 0 && i % 4 == 0) {
        s.append('-');
      }
      s.append(chars[i]);
    }
    return s.toString();
  }

  private static byte[] hmac(String key, String message) {
    requireKey(key);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** R5. */
  private static void requireKey(String key) {
    boolean ok = key != null && key.length() >= 16 && key.length() <= 256 && key.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    if (!ok) {
      throw PlenumException.badMessage("An idempotency key is 16 to 256 printable ASCII characters; send a random UUID.");
    }
  }

  private static PlenumException notAReceipt(String typed) {
    return PlenumException.badMessage(Choice.quote(typed) + " is not a receipt (26 characters like K7QH-3M9X-…).");
  }

  /** Lazily created, so loading the class does not seed a generator. */
  private static final class Holder {
    static final SecureRandom RANDOM = new SecureRandom();
  }
}
