package org.plenum.server.auth;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
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

  public static Future<Loaded> loadOrCreate(Pool pool) {
    return loadOrCreate(pool, KEY_ID);
  }

  /** The EC P-256 key pair stored under {@code keyId}, created on first use. */
  public static Future<Loaded> loadOrCreate(Pool pool, String keyId) {
    KeyPair fresh = generate();
    return pool.preparedQuery("insert into signing_key (id, algorithm, private_key, public_key) values ($1, 'ES256', $2, $3) on conflict (id) do nothing")
        .execute(Tuple.of(keyId, Buffer.buffer(fresh.getPrivate().getEncoded()), Buffer.buffer(fresh.getPublic().getEncoded())))
        .compose(ignored -> pool.preparedQuery("select private_key, public_key from signing_key where id = $1").execute(Tuple.of(keyId)))
        .map(rows -> decode(keyId, rows.iterator().next()));
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

  private static Loaded decode(String keyId, Row row) {
    try {
      KeyFactory kf = KeyFactory.getInstance("EC");
      PrivateKey priv = kf.generatePrivate(new PKCS8EncodedKeySpec(row.getBuffer("private_key").getBytes()));
      PublicKey pub = kf.generatePublic(new X509EncodedKeySpec(row.getBuffer("public_key").getBytes()));
      return new Loaded(keyId, priv, pub);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("The stored signing key cannot be read", e);
    }
  }
}
