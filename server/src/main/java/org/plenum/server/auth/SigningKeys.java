package org.plenum.server.auth;

import io.vertx.core.Future;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

/**
 * The ES256 key pair that signs access tokens. Created on first start and kept in the database (table
 * {@code signing_key}), so every server process sharing the database verifies the same tokens. Two processes
 * starting at once agree: the first insert wins, both read it back.
 */
public final class SigningKeys {
  public static final String KEY_ID = "jwt-es256-1";
  /** The key that signs published poll results (D13); apart from the token key so either can be replaced alone. */
  public static final String RESULTS_KEY_ID = "results-es256-1";

  private SigningKeys() {}

  public record Loaded(String keyId, PrivateKey privateKey, PublicKey publicKey) {
    public KeyPair keyPair() {
      return new KeyPair(publicKey, privateKey);
    }
  }

  /** The EC P-256 key pair stored under {@code keyId}, created on first use. */
  public static Future<Loaded> loadOrCreate(SigningKeyStore store, String keyId) {
    KeyPair fresh = generate();
    return store.putIfAbsent(keyId, "ES256", new SigningKeyStore.Encoded(fresh.getPrivate().getEncoded(), fresh.getPublic().getEncoded()))
        .map(stored -> decode(keyId, stored));
  }

  private static KeyPair generate() {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(new ECGenParameterSpec("secp256r1"));
      return gen.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("Cannot generate an EC P-256 key pair", e);
    }
  }

  private static Loaded decode(String keyId, SigningKeyStore.Encoded stored) {
    try {
      KeyFactory kf = KeyFactory.getInstance("EC");
      PrivateKey priv = kf.generatePrivate(new PKCS8EncodedKeySpec(stored.privateKey()));
      PublicKey pub = kf.generatePublic(new X509EncodedKeySpec(stored.publicKey()));
      return new Loaded(keyId, priv, pub);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("The stored signing key cannot be read", e);
    }
  }
}
