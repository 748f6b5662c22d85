package org.plenum.server.pdf;

import eu.europa.esig.dss.cms.CMS;
import eu.europa.esig.dss.cms.object.CMSObjectUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1InputStream;

/**
 * DSS's in-memory CMS implementation with one change: a PDF signature's /Contents is the CMS followed by zero
 * padding, and BouncyCastle 1.87 (which Plenum pins) refuses "extra data" after the ContentInfo where 1.81 (which
 * DSS 6.3 is built against) ignored it. The outer SEQUENCE's own length (definite or indefinite) says where the CMS ends,
 * so the bytes are cut there; the CMS itself is passed on unchanged, byte for byte. Registered first on the class path through
 * {@code META-INF/services/eu.europa.esig.dss.cms.ICMSUtils} (the server's jar precedes its libraries). Decision D31.
 */
public final class PaddedCmsUtils extends CMSObjectUtils {

  @Override
  public CMS parseToCMS(byte[] bytes) {
    return super.parseToCMS(withoutPadding(bytes));
  }

  /**
   * The ASN.1 object at the start of {@code bytes} (DER or BER with indefinite lengths, as BouncyCastle writes
   * CMS), without what follows it; unchanged when it cannot be read (the parser then reports the damage).
   */
  static byte[] withoutPadding(byte[] bytes) {
    if (bytes == null || bytes.length < 2 || bytes[0] != 0x30) {
      return bytes;
    }
    ByteArrayInputStream in = new ByteArrayInputStream(bytes);
    try (ASN1InputStream asn1 = new ASN1InputStream(in, bytes.length)) {
      if (asn1.readObject() == null) {
        return bytes;
      }
    } catch (IOException | RuntimeException e) {
      return bytes;
    }
    int used = bytes.length - in.available();
    return used <= 0 || used >= bytes.length ? bytes : Arrays.copyOf(bytes, used);
  }
}
