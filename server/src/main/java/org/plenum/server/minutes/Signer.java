package org.plenum.server.minutes;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * One person's signing key, wherever it lives: a PKCS#12 file (dev, tests) or a remote signing service (a Cloud
 * Signature Consortium API provider, SIM-PKI style). The key signs the DER of the CMS signed attributes.
 */
public interface Signer {
  /** The signer's certificate first, then its issuers. */
  List<X509Certificate> chain();

  /** {@code SHA256withRSA} or {@code SHA256withECDSA}. */
  String algorithm();

  /** The signature value over {@code toBeSigned} (the DER-encoded signed attributes). */
  byte[] sign(byte[] toBeSigned) throws java.security.GeneralSecurityException;

  /** Where people's signers come from. */
  interface Directory {
    /**
     * The signer of this account; empty when it has none configured. {@code authorization} is what the person gave
     * to unlock the key for this signature (a PIN or OTP for a remote service; null when none was given).
     */
    java.util.Optional<Signer> forAccount(java.util.UUID account, String authorization);
  }
}
