package org.plenum.server.minutes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;

/**
 * Signers from PKCS#12 files, one per person (dev and tests, D23): {@code <dir>/<account id>.p12} with its password
 * in {@code <dir>/<account id>.pass} (UTF-8, one line). The password is read when signing and never logged.
 */
public final class Pkcs12Signers implements Signer.Directory {
  private final Path dir;

  public Pkcs12Signers(Path dir) {
    this.dir = dir;
  }

  @Override
  public Optional<Signer> forAccount(UUID account, String authorization) {
    Path p12 = dir.resolve(account + ".p12");
    Path pass = dir.resolve(account + ".pass");
    if (!Files.isReadable(p12) || !Files.isReadable(pass)) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(p12)) {
      char[] password = Files.readString(pass, StandardCharsets.UTF_8).strip().toCharArray();
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, password);
      for (String alias : Collections.list(ks.aliases())) {
        if (ks.isKeyEntry(alias)) {
          PrivateKey key = (PrivateKey) ks.getKey(alias, password);
          List<X509Certificate> chain = new ArrayList<>();
          for (Certificate c : ks.getCertificateChain(alias)) {
            chain.add((X509Certificate) c);
          }
          return Optional.of(new KeySigner(key, List.copyOf(chain)));
        }
      }
      throw new PlenumException(ErrorCode.CONFLICT, "The signing key file of this account holds no private key.");
    } catch (IOException | GeneralSecurityException e) {
      throw new PlenumException(ErrorCode.CONFLICT, "The signing key file of this account cannot be opened (wrong password or damaged file).");
    }
  }

  record KeySigner(PrivateKey key, List<X509Certificate> chain) implements Signer {
    @Override
    public String algorithm() {
      return "RSA".equals(key.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
    }

    @Override
    public byte[] sign(byte[] toBeSigned) throws GeneralSecurityException {
      Signature s = Signature.getInstance(algorithm());
      s.initSign(key);
      s.update(toBeSigned);
      return s.sign();
    }
  }
}
