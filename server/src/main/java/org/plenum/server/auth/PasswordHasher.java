package org.plenum.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes (BouncyCastle) in the PHC string format
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} — the OWASP minimum parameters. CPU-heavy: call it on a
 * worker thread. Verification reads the parameters from the stored string, so they can be raised later.
 */
public final class PasswordHasher {
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();
  private static final int MEMORY_KIB = 19456;
  private static final int ITERATIONS = 2;
  private static final int PARALLELISM = 1;
  private static final int HASH_BYTES = 32;

  private final SecureRandom random = new SecureRandom();
  /** Verified against when the account does not exist, so timing does not reveal which usernames exist. */
  private final String dummyHash;

  public PasswordHasher() {
    // Same parameters and sizes as a real hash, random bytes as its value: verifying against it costs the same, and
    // building it costs nothing at start-up (a real hash here took 0.1-0.3 s of the cold start, issue 17).
    byte[] salt = new byte[16];
    byte[] value = new byte[HASH_BYTES];
    random.nextBytes(salt);
    random.nextBytes(value);
    this.dummyHash = "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$" + B64.encodeToString(salt) + "$"
        + B64.encodeToString(value);
  }

  public String hash(String password) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    byte[] out = argon2(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
    return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$" + B64.encodeToString(salt) + "$"
        + B64.encodeToString(out);
  }

  public boolean verify(String password, String encoded) {
    String[] parts = encoded.split("\\$");
    // ["", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash]
    if (parts.length != 6 || !parts[1].equals("argon2id")) {
      return false;
    }
    int m = 0;
    int t = 0;
    int p = 0;
    for (String kv : parts[3].split(",")) {
      String[] pair = kv.split("=");
      int v = Integer.parseInt(pair[1]);
      switch (pair[0]) {
        case "m" -> m = v;
        case "t" -> t = v;
        case "p" -> p = v;
        default -> { return false; }
      }
    }
    byte[] salt = B64D.decode(parts[4]);
    byte[] expected = B64D.decode(parts[5]);
    byte[] actual = argon2(password, salt, m, t, p, expected.length);
    return MessageDigest.isEqual(expected, actual);
  }

  /** Burns the same time as a real verification; always false. */
  public boolean verifyAgainstDummy(String password) {
    verify(password, dummyHash);
    return false;
  }

  private static byte[] argon2(String password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
    var params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(memoryKib)
        .withIterations(iterations)
        .withParallelism(parallelism)
        .withSalt(salt)
        .build();
    var gen = new Argon2BytesGenerator();
    gen.init(params);
    byte[] out = new byte[length];
    gen.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }
}
