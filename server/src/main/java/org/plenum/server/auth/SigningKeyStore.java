package org.plenum.server.auth;

import io.vertx.core.Future;

/** Signing key pairs ({@code signing_key}) by id, encoded (PKCS#8 private key, X.509 public key). */
public interface SigningKeyStore {
  record Encoded(byte[] privateKey, byte[] publicKey) {}

  /** Stores {@code fresh} under {@code keyId} unless a pair is there already; the pair stored now (the first writer wins). */
  Future<Encoded> putIfAbsent(String keyId, String algorithm, Encoded fresh);
}
