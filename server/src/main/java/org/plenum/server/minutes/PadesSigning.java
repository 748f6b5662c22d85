package org.plenum.server.minutes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Calendar;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * PAdES baseline B-B signing with PDFBox and BouncyCastle (D23): ETSI.CAdES.detached, SHA-256, signed attributes
 * content-type, message-digest and signing-certificate-v2 (no signing-time: the time is the dictionary's /M), the
 * signer's chain embedded, saved as an incremental update so earlier revisions and their signatures stay intact.
 * The private operation goes through {@link Signer}, so a remote key signs the same way as a local one.
 */
final class PadesSigning {
  private static final int RESERVED = 32_768;

  private PadesSigning() {}

  static byte[] sign(byte[] pdf, Signer signer, String name, String reason, String location) {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      PDSignature sig = new PDSignature();
      sig.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
      sig.setSubFilter(PDSignature.SUBFILTER_ETSI_CADES_DETACHED);
      sig.setName(name);
      sig.setReason(reason);
      sig.setLocation(location);
      sig.setSignDate(Calendar.getInstance());
      SignatureOptions options = new SignatureOptions();
      options.setPreferredSignatureSize(RESERVED);
      doc.addSignature(sig, content -> cms(content, signer), options);
      ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 2 * RESERVED);
      doc.saveIncremental(out);
      options.close();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] cms(InputStream content, Signer signer) throws IOException {
    try {
      X509Certificate cert = signer.chain().get(0);
      AlgorithmIdentifier sigAlg = new DefaultSignatureAlgorithmIdentifierFinder().find(signer.algorithm());
      ContentSigner contentSigner = new ContentSigner() {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
          return sigAlg;
        }

        @Override
        public OutputStream getOutputStream() {
          return buffer;
        }

        @Override
        public byte[] getSignature() {
          try {
            return signer.sign(buffer.toByteArray());
          } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The signing key refused to sign: " + e.getMessage(), e);
          }
        }
      };
      byte[] certHash = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
      IssuerSerial issuerSerial = new IssuerSerial(new GeneralNames(new GeneralName(X500Name.getInstance(cert.getIssuerX500Principal().getEncoded()))),
          cert.getSerialNumber());
      SigningCertificateV2 signingCertificate = new SigningCertificateV2(new ESSCertIDv2[] {
          new ESSCertIDv2(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256), certHash, issuerSerial)});
      ASN1EncodableVector v = new ASN1EncodableVector();
      v.add(new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2, new DERSet(signingCertificate)));
      CMSAttributeTableGenerator base = new DefaultSignedAttributeTableGenerator(new AttributeTable(v));
      JcaSignerInfoGeneratorBuilder sib = new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build());
      sib.setSignedAttributeGenerator(params -> base.getAttributes(params).remove(CMSAttributes.signingTime));
      CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
      gen.addSignerInfoGenerator(sib.build(contentSigner, cert));
      gen.addCertificates(new JcaCertStore(signer.chain()));
      return gen.generate(new CMSProcessableByteArray(content.readAllBytes()), false).getEncoded();
    } catch (GeneralSecurityException | OperatorCreationException | CMSException e) {
      throw new IOException("CMS signing failed: " + e.getMessage(), e);
    }
  }

  static String pem(X509Certificate cert) {
    try {
      return "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(cert.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
