package org.plenum.server.vote;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.plenum.server.core.db.Tx;

/**
 * D24: the ballots of an open SECRET poll are stored only sealed — AES-256-GCM with a fresh random nonce, padded to one
 * length per poll — under a key of that poll. The key lives in this server's memory; so that an open poll survives a
 * restart it is also stored in the poll row wrapped (AES-256-GCM) under the master key from a file that is never in
 * the database ({@code votes.ballot_key_file}). Closing or cancelling the poll erases both. Receipts stay unique per
 * poll through a tag (HMAC-SHA256 under a key derived from the poll key), which says nothing without the key.
 */
final class BallotSeal {
  private static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final byte[] master;
  private final SecureRandom random = new SecureRandom();
  private final Map<PollId, byte[]> keys = new ConcurrentHashMap<>();

  BallotSeal(byte[] master) {
    if (master.length != KEY_BYTES) {
      throw new IllegalArgumentException("The ballot master key has " + KEY_BYTES + " bytes, not " + master.length);
    }
    this.master = master.clone();
  }

  /** The master key in {@code file} (Base64 of 32 bytes); a new random one is written there (mode 0600) if it is missing. */
  static BallotSeal load(Path file) {
    try {
      if (!Files.exists(file)) {
        byte[] fresh = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(fresh);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".ballot-master", ".tmp");
        try {
          Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system: rely on the folder's permissions
        }
        Files.writeString(tmp, Base64.getEncoder().encodeToString(fresh) + "\n");
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      }
      byte[] key = Base64.getDecoder().decode(Files.readString(file).trim());
      return new BallotSeal(key);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the ballot master key " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("The ballot master key " + file + " is not the Base64 of 32 bytes", e);
    }
  }

  /** A new key for this poll, kept in memory; returns it wrapped under the master key, to store with the poll. */
  byte[] newPollKey(PollId poll) {
    byte[] key = new byte[KEY_BYTES];
    random.nextBytes(key);
    byte[] old = keys.put(poll, key);
    if (old != null) {
      Arrays.fill(old, (byte) 0);
    }
    return encrypt(master, key, wrapLabel(poll));
  }

  /** Makes sure the poll's key is in memory (after a restart, or on another node): unwrapped from {@code store}. */
  Future<Void> load(PollStore store, Tx tx, PollId poll) {
    if (keys.containsKey(poll)) {
      return Future.succeededFuture();
    }
    return store.sealedKey(tx, poll).map(wrapped -> {
      restore(poll, wrapped);
      return null;
    });
  }

  /** Unwraps a stored poll key with the master key and keeps it in memory. */
  void restore(PollId poll, byte[] wrapped) {
    if (wrapped == null) {
      throw new IllegalStateException("Secret poll " + poll + " is open but has no ballot key");
    }
    keys.putIfAbsent(poll, decrypt(master, wrapped, wrapLabel(poll)));
  }

  /** Forgets the poll's key (closing, cancelling). */
  void erase(PollId poll) {
    byte[] key = keys.remove(poll);
    if (key != null) {
      Arrays.fill(key, (byte) 0);
    }
  }

  boolean holds(PollId poll) {
    return keys.containsKey(poll);
  }

  /** The receipt's tag: unique per poll like the receipt, unlinkable to it without the poll key. */
  byte[] tag(PollId poll, String receipt) {
    return hmac(subkey(poll, "tag"), receipt.getBytes(StandardCharsets.US_ASCII));
  }

  static String hex(byte[] tag) {
    return HexFormat.of().formatHex(tag);
  }

  /** (receipt, choice, weight) sealed: nonce ‖ ciphertext ‖ GCM tag, the same length for every ballot of the poll. */
  byte[] seal(PollSpec spec, PollId poll, PublishedResult.Entry entry) {
    String json = new JsonObject().put("r", entry.receipt()).put("c", entry.choice().toJson()).put("w", Decimals.text(entry.weight())).encode();
    byte[] text = json.getBytes(StandardCharsets.UTF_8);
    int length = paddedLength(spec);
    if (text.length > length) {
      throw new IllegalStateException("A ballot of poll " + poll + " does not fit its padded length");
    }
    byte[] padded = Arrays.copyOf(text, length);
    Arrays.fill(padded, text.length, length, (byte) ' ');
    return encrypt(subkey(poll, "ballot"), padded, ballotLabel(poll));
  }

  PublishedResult.Entry open(PollId poll, byte[] sealed) {
    JsonObject j = new JsonObject(new String(decrypt(subkey(poll, "ballot"), sealed, ballotLabel(poll)), StandardCharsets.UTF_8).trim());
    JsonArray c = j.getJsonArray("c");
    String[] ids = new String[c.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = c.getString(i);
    }
    return new PublishedResult.Entry(j.getString("r"), Choice.of(ids), new BigDecimal(j.getString("w")));
  }

  /** Room for every option chosen at once, a receipt and the largest weight, rounded up to 64 bytes. */
  static int paddedLength(PollSpec spec) {
    int n = 64 + Receipts.LENGTH + 8 + 24;
    for (PollOption o : spec.options()) {
      n += new JsonArray().add(o.id()).encode().getBytes(StandardCharsets.UTF_8).length + 1;
    }
    return (n + 63) / 64 * 64;
  }

  private byte[] subkey(PollId poll, String use) {
    byte[] key = keys.get(poll);
    if (key == null) {
      throw new IllegalStateException("The ballot key of poll " + poll + " is not loaded");
    }
    return hmac(key, ("plenum/ballot-subkey/v1\n" + use).getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] wrapLabel(PollId poll) {
    return ("plenum/ballot-key/v1\n" + poll).getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] ballotLabel(PollId poll) {
    return ("plenum/ballot/v1\n" + poll).getBytes(StandardCharsets.US_ASCII);
  }

  private byte[] encrypt(byte[] key, byte[] plain, byte[] aad) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(aad);
      byte[] body = c.doFinal(plain);
      return ByteBuffer.allocate(NONCE_BYTES + body.length).put(nonce).put(body).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  private static byte[] decrypt(byte[] key, byte[] sealed, byte[] aad) {
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
      c.updateAAD(aad);
      return c.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("A sealed ballot or key does not open with this server's key (wrong votes.ballot_key_file?)", e);
    }
  }

  private static byte[] hmac(byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
