package org.plenum.server.minutes;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.DSSException;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.service.crl.OnlineCRLSource;
import eu.europa.esig.dss.service.http.commons.CommonsDataLoader;
import eu.europa.esig.dss.service.http.commons.OCSPDataLoader;
import eu.europa.esig.dss.service.http.commons.TimestampDataLoader;
import eu.europa.esig.dss.service.ocsp.OnlineOCSPSource;
import eu.europa.esig.dss.service.tsp.OnlineTSPSource;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.aia.DefaultAIASource;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;

/**
 * PAdES baseline LT signing with the EU's Digital Signature Service (D31): DSS builds the signed attributes
 * ({@code getDataToSign}), the person's {@link Signer} (PKCS#12 or a CSC service) signs them, DSS assembles the CMS
 * ({@code signDocument}), asks the time-stamp authority ({@code minutes.tsa_url}, RFC 3161) for the signature
 * time-stamp (B-T) and embeds the chain with OCSP responses or CRLs for every certificate, the TSA's included, in the
 * document security store (B-LT), each as an incremental update, so the minutes validate offline years later.
 * Revocation comes from {@code minutes.ocsp_url} / {@code minutes.crl_url} when set, else from the addresses in the
 * certificates (AIA, CRL distribution points). With {@code archive} (minutes.signature_level LTA, D36) DSS then adds a
 * document time-stamp from the same TSA over the file and its validation data: PAdES-BASELINE-LTA.
 */
final class DssPadesSigning {
  private static final int RESERVED = 32_768;

  private final String tsaUrl;
  private final String ocspUrl;
  private final String crlUrl;
  private final boolean archive;

  DssPadesSigning(String tsaUrl, String ocspUrl, String crlUrl) {
    this(tsaUrl, ocspUrl, crlUrl, false);
  }

  DssPadesSigning(String tsaUrl, String ocspUrl, String crlUrl, boolean archive) {
    this.archive = archive;
    this.tsaUrl = tsaUrl;
    this.ocspUrl = ocspUrl == null ? "" : ocspUrl;
    this.crlUrl = crlUrl == null ? "" : crlUrl;
  }

  byte[] sign(byte[] pdf, Signer signer, String name, String reason, String location) {
    List<X509Certificate> chain = signer.chain();
    PAdESService service = new PAdESService(verifier(chain));
    service.setTspSource(new OnlineTSPSource(tsaUrl, new TimestampDataLoader()));
    PAdESSignatureParameters p = new PAdESSignatureParameters();
    p.setSignatureLevel(archive ? SignatureLevel.PAdES_BASELINE_LTA : SignatureLevel.PAdES_BASELINE_LT);
    p.setDigestAlgorithm(DigestAlgorithm.SHA256);
    p.setSigningCertificate(new CertificateToken(chain.get(0)));
    p.setCertificateChain(chain.stream().map(CertificateToken::new).toList());
    p.setSignerName(name);
    p.setReason(reason);
    p.setLocation(location);
    p.setContentSize(RESERVED);
    p.bLevel().setSigningDate(new Date());
    DSSDocument doc = new InMemoryDocument(pdf);
    try {
      ToBeSigned tbs = service.getDataToSign(doc, p);
      byte[] value;
      try {
        value = signer.sign(tbs.getBytes());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("The signing key refused to sign: " + e.getMessage(), e);
      }
      DSSDocument signed = service.signDocument(doc, p, new SignatureValue(SignatureAlgorithm.forJAVA(signer.algorithm()), value));
      return DSSUtils.toByteArray(signed);
    } catch (DSSException e) {
      // the time-stamp authority or a revocation service did not answer usefully: nothing is stored
      throw new PlenumException(ErrorCode.UNAVAILABLE, "Long-term signing failed (time-stamp or revocation service): " + brief(e));
    }
  }

  private CommonCertificateVerifier verifier(List<X509Certificate> chain) {
    CommonCertificateVerifier cv = new CommonCertificateVerifier();
    // the chain's own root ends the path DSS collects validation data for; it is no verdict on trust
    CommonTrustedCertificateSource anchors = new CommonTrustedCertificateSource();
    anchors.addCertificate(new CertificateToken(chain.get(chain.size() - 1)));
    cv.setTrustedCertSources(anchors);
    cv.setCheckRevocationForUntrustedChains(true);
    cv.setAIASource(new DefaultAIASource(new CommonsDataLoader()));
    String ocsp = ocspUrl;
    cv.setOcspSource(ocsp.isEmpty() ? new OnlineOCSPSource(new OCSPDataLoader()) : new OnlineOCSPSource(new OCSPDataLoader()) {
      @Override
      protected List<String> getOCSPAccessURLs(CertificateToken certificateToken, List<String> alternativeUrls) {
        return List.of(ocsp);
      }
    });
    if (!crlUrl.isEmpty()) {
      String crl = crlUrl;
      cv.setCrlSource(new OnlineCRLSource(new CommonsDataLoader()) {
        @Override
        protected List<String> getCRLAccessURLs(CertificateToken certificateToken, List<String> alternativeUrls) {
          return List.of(crl);
        }
      });
    } else {
      cv.setCrlSource(new OnlineCRLSource(new CommonsDataLoader()));
    }
    return cv;
  }

  private static String brief(Throwable e) {
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m.length() > 200 ? m.substring(0, 200) : m;
  }
}
