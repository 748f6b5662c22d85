package org.plenum.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureInterface;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * A throw-away PKI for tests: a root CA, optionally an intermediate CA, and a signer certificate
 * (CN "Nguyễn Văn An", O "UBND tỉnh Demo", C "VN" by default), plus PDF helpers: create a small multi-page PDF with
 * Vietnamese text and sign a PDF the way signing tools do (adbe.pkcs7.detached CMS, incremental save).
 */
public final class TestPki {

  public enum KeyType { RSA, EC }

  private static final BouncyCastleProvider BC = new BouncyCastleProvider();
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
  public static final String SIGNER_CN = "Nguyễn Văn An";
  public static final String SIGNER_ORG = "UBND tỉnh Demo";

  private final KeyType keyType;
  private final KeyPair rootKeys;
  private final X509Certificate root;
  private final KeyPair intermediateKeys;
  private final X509Certificate intermediate;
  private final KeyPair signerKeys;
  private final X509Certificate signer;

  private TestPki(KeyType keyType, KeyPair rootKeys, X509Certificate root, KeyPair intermediateKeys,
      X509Certificate intermediate, KeyPair signerKeys, X509Certificate signer) {
    this.keyType = keyType;
    this.rootKeys = rootKeys;
    this.root = root;
    this.intermediateKeys = intermediateKeys;
    this.intermediate = intermediate;
    this.signerKeys = signerKeys;
    this.signer = signer;
  }

  /** RSA 2048, root signs the signer directly, default signer name. */
  public static TestPki create() {
    return create(KeyType.RSA, false);
  }

  public static TestPki create(KeyType type, boolean withIntermediate) {
    return create(type, withIntermediate, "Plenum Test Root CA", SIGNER_CN);
  }

  public static TestPki create(KeyType type, boolean withIntermediate, String rootName, String signerCn) {
    try {
      Instant now = Instant.now();
      KeyPair rootKeys = keyPair(type);
      X500Name rootDn = name(rootName, "Plenum Test PKI");
      X509Certificate root = certificate(rootDn, rootKeys.getPublic(), rootDn, rootKeys, type, true,
          now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)), null);
      KeyPair interKeys = null;
      X509Certificate inter = null;
      KeyPair issuerKeys = rootKeys;
      X509Certificate issuer = root;
      if (withIntermediate) {
        interKeys = keyPair(type);
        inter = certificate(name(rootName + " - Intermediate", "Plenum Test PKI"), interKeys.getPublic(),
            rootDn, rootKeys, type, true, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1825)), root);
        issuerKeys = interKeys;
        issuer = inter;
      }
      KeyPair signerKeys = keyPair(type);
      X509Certificate signer = certificate(name(signerCn, SIGNER_ORG), signerKeys.getPublic(),
          X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), issuerKeys, type, false,
          now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)), issuer);
      return new TestPki(type, rootKeys, root, interKeys, inter, signerKeys, signer);
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("test PKI generation failed", e);
    }
  }

  public KeyType keyType() {
    return keyType;
  }

  public X509Certificate root() {
    return root;
  }

  /** Null when created without an intermediate. */
  public X509Certificate intermediate() {
    return intermediate;
  }

  public X509Certificate signerCertificate() {
    return signer;
  }

  public PrivateKey signerKey() {
    return signerKeys.getPrivate();
  }

  /** Signer first, then the intermediate (if any), then the root: what a signing tool embeds. */
  public X509Certificate[] chain() {
    return intermediate == null ? new X509Certificate[] {signer, root} : new X509Certificate[] {signer, intermediate, root};
  }

  /** Writes the root CA certificate as PEM; returns {@code file}. */
  public Path writeRootPem(Path file) throws IOException {
    Files.writeString(file, toPem(root));
    return file;
  }

  /** A private key and its chain (leaf first). */
  public record Identity(PrivateKey key, X509Certificate[] chain) {}

  /**
   * Issues another leaf certificate under this PKI's issuing CA (the intermediate if any, else the root). With
   * {@code timeStamping} it carries the critical extended key usage id-kp-timeStamping that a TSA needs.
   */
  public Identity issue(String cn, boolean timeStamping) {
    try {
      KeyPair issuerKeys = intermediate == null ? rootKeys : intermediateKeys;
      X509Certificate issuer = intermediate == null ? root : intermediate;
      KeyPair keys = keyPair(keyType);
      Instant now = Instant.now();
      X509Certificate leaf = certificate(name(cn, SIGNER_ORG), keys.getPublic(),
          X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), issuerKeys, keyType, false,
          now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)), issuer, timeStamping);
      X509Certificate[] chain = intermediate == null ? new X509Certificate[] {leaf, root}
          : new X509Certificate[] {leaf, intermediate, root};
      return new Identity(keys.getPrivate(), chain);
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("test certificate generation failed", e);
    }
  }

  /** The issuing CA's key (the intermediate's if any, else the root's): signs CRLs and OCSP responses in tests. */
  public PrivateKey issuerKey() {
    return intermediate == null ? rootKeys.getPrivate() : intermediateKeys.getPrivate();
  }

  /** The issuing CA's certificate. */
  public X509Certificate issuerCertificate() {
    return intermediate == null ? root : intermediate;
  }

  /** A leaf under the issuing CA with the given validity period (e.g. already expired). */
  public Identity issue(String cn, Instant notBefore, Instant notAfter) {
    try {
      KeyPair issuerKeys = intermediate == null ? rootKeys : intermediateKeys;
      X509Certificate issuer = intermediate == null ? root : intermediate;
      KeyPair keys = keyPair(keyType);
      X509Certificate leaf = certificate(name(cn, SIGNER_ORG), keys.getPublic(),
          X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), issuerKeys, keyType, false,
          notBefore, notAfter, issuer, false);
      X509Certificate[] chain = intermediate == null ? new X509Certificate[] {leaf, root}
          : new X509Certificate[] {leaf, intermediate, root};
      return new Identity(keys.getPrivate(), chain);
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("test certificate generation failed", e);
    }
  }

  /** A DER CRL of the issuing CA listing {@code revoked} as revoked an hour ago (this update an hour ago, next in a week). */
  public byte[] crl(X509Certificate... revoked) {
    try {
      KeyPair issuerKeys = intermediate == null ? rootKeys : intermediateKeys;
      X509Certificate issuer = intermediate == null ? root : intermediate;
      Instant now = Instant.now();
      org.bouncycastle.cert.X509v2CRLBuilder b = new org.bouncycastle.cert.X509v2CRLBuilder(
          X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), Date.from(now.minus(Duration.ofHours(1))));
      b.setNextUpdate(Date.from(now.plus(Duration.ofDays(7))));
      for (X509Certificate c : revoked) {
        b.addCRLEntry(c.getSerialNumber(), Date.from(now.minus(Duration.ofHours(1))), org.bouncycastle.asn1.x509.CRLReason.keyCompromise);
      }
      b.addExtension(Extension.authorityKeyIdentifier, false, new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer));
      b.addExtension(Extension.cRLNumber, false, new org.bouncycastle.asn1.x509.CRLNumber(BigInteger.valueOf(SERIAL.incrementAndGet())));
      String alg = keyType == KeyType.RSA ? "SHA256withRSA" : "SHA256withECDSA";
      return b.build(new JcaContentSignerBuilder(alg).setProvider(BC).build(issuerKeys.getPrivate())).getEncoded();
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("test CRL generation failed", e);
    }
  }

  /** As {@link #sign(Path, Path, PrivateKey, X509Certificate[], String)} with {@code crl} embedded in the CMS's CRL set. */
  public static void signWithCrl(Path in, Path out, PrivateKey key, X509Certificate[] chain, byte[] crl) throws IOException {
    try (PDDocument doc = Loader.loadPDF(in.toFile()); OutputStream os = Files.newOutputStream(out)) {
      PDSignature sig = new PDSignature();
      sig.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
      sig.setSubFilter(PDSignature.SUBFILTER_ADBE_PKCS7_DETACHED);
      sig.setName(commonName(chain[0]));
      sig.setSignDate(Calendar.getInstance());
      doc.addSignature(sig, content -> {
        try {
          CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
          ContentSigner signer = new JcaContentSignerBuilder(algorithm(key)).setProvider(BC).build(key);
          // Adobe's revocation archive (adbe-revocationInfoArchival, 1.2.840.113583.1.1.8), a signed attribute:
          // SEQUENCE { crl [0] EXPLICIT SEQUENCE OF CertificateList }
          org.bouncycastle.asn1.ASN1Sequence archive = new org.bouncycastle.asn1.DERSequence(
              new org.bouncycastle.asn1.DERTaggedObject(true, 0, new org.bouncycastle.asn1.DERSequence(
                  org.bouncycastle.asn1.ASN1Primitive.fromByteArray(crl))));
          org.bouncycastle.asn1.ASN1EncodableVector attrs = new org.bouncycastle.asn1.ASN1EncodableVector();
          attrs.add(new org.bouncycastle.asn1.cms.Attribute(new ASN1ObjectIdentifier("1.2.840.113583.1.1.8"),
              new org.bouncycastle.asn1.DERSet(archive)));
          JcaSignerInfoGeneratorBuilder sib = new JcaSignerInfoGeneratorBuilder(
              new JcaDigestCalculatorProviderBuilder().setProvider(BC).build());
          sib.setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(attrs)));
          gen.addSignerInfoGenerator(sib.build(signer, chain[0]));
          gen.addCertificates(new JcaCertStore(Arrays.asList(chain)));
          return gen.generate(new CMSProcessableByteArray(content.readAllBytes()), false).getEncoded();
        } catch (GeneralSecurityException | OperatorCreationException | CMSException e) {
          throw new IOException("CMS signing failed", e);
        }
      });
      doc.saveIncremental(os);
    }
  }

  /** Signs {@code in} into {@code out} with this PKI's signer. */
  public void sign(Path in, Path out, String reason) throws IOException {
    sign(in, out, signerKey(), chain(), reason);
  }

  // ------------------------------------------------------------------ static helpers

  public static String toPem(X509Certificate... certs) throws IOException {
    StringWriter sw = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
      for (X509Certificate c : certs) {
        w.writeObject(c);
      }
    }
    return sw.toString();
  }

  /**
   * Signs a PDF with PDFBox + BouncyCastle: adbe.pkcs7.detached, SHA-256, signed attributes with signingTime,
   * all of {@code chain} embedded, /M set to now, saved as an incremental update.
   */
  public static void sign(Path in, Path out, PrivateKey key, X509Certificate[] chain, String reason) throws IOException {
    sign(in, out, key, chain, reason, true);
  }

  /** As {@link #sign(Path, Path, PrivateKey, X509Certificate[], String)}; optionally without the signingTime attribute (PAdES style). */
  public static void sign(Path in, Path out, PrivateKey key, X509Certificate[] chain, String reason,
      boolean signingTimeAttribute) throws IOException {
    try (PDDocument doc = Loader.loadPDF(in.toFile()); OutputStream os = Files.newOutputStream(out)) {
      PDSignature sig = new PDSignature();
      sig.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
      sig.setSubFilter(PDSignature.SUBFILTER_ADBE_PKCS7_DETACHED);
      sig.setName(commonName(chain[0]));
      sig.setReason(reason);
      sig.setLocation("Demo");
      sig.setSignDate(Calendar.getInstance());
      SignatureInterface signatureInterface = content -> cmsDetached(content, key, chain, signingTimeAttribute);
      doc.addSignature(sig, signatureInterface);
      doc.saveIncremental(os);
    }
  }

  /**
   * Signs the older way some tools still do: adbe.pkcs7.sha1, the CMS encapsulates the SHA-1 digest of the signed
   * byte ranges and the signer uses SHA-1 too (as iText does; poppler's pdfsig rejects the variant with SHA-256).
   */
  public static void signSha1(Path in, Path out, PrivateKey key, X509Certificate[] chain, String reason) throws IOException {
    try (PDDocument doc = Loader.loadPDF(in.toFile()); OutputStream os = Files.newOutputStream(out)) {
      PDSignature sig = new PDSignature();
      sig.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
      sig.setSubFilter(PDSignature.SUBFILTER_ADBE_PKCS7_SHA1);
      sig.setName(commonName(chain[0]));
      sig.setReason(reason);
      sig.setSignDate(Calendar.getInstance());
      doc.addSignature(sig, content -> {
        try {
          byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(content.readAllBytes());
          CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
          ContentSigner signer = new JcaContentSignerBuilder(algorithm(key).replace("SHA256", "SHA1")).setProvider(BC).build(key);
          gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
              new JcaDigestCalculatorProviderBuilder().setProvider(BC).build()).build(signer, chain[0]));
          gen.addCertificates(new JcaCertStore(Arrays.asList(chain)));
          return gen.generate(new CMSProcessableByteArray(sha1), true).getEncoded();
        } catch (GeneralSecurityException | OperatorCreationException | CMSException e) {
          throw new IOException("CMS signing failed", e);
        }
      });
      doc.saveIncremental(os);
    }
  }

  /**
   * Adds a document time-stamp (ETSI.RFC3161, /Type /DocTimeStamp) issued by {@code tsa}, whose certificate
   * must carry id-kp-timeStamping (see {@link #issue(String, boolean)}); SHA-256 imprint of the byte ranges.
   */
  public static void timestamp(Path in, Path out, Identity tsa) throws IOException {
    try (PDDocument doc = Loader.loadPDF(in.toFile()); OutputStream os = Files.newOutputStream(out)) {
      PDSignature sig = new PDSignature();
      sig.setType(COSName.DOC_TIME_STAMP);
      sig.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
      sig.setSubFilter(COSName.getPDFName("ETSI.RFC3161"));
      doc.addSignature(sig, content -> {
        try {
          byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.readAllBytes());
          TimeStampRequestGenerator reqGen = new TimeStampRequestGenerator();
          reqGen.setCertReq(true);
          TimeStampRequest req = reqGen.generate(TSPAlgorithms.SHA256, digest);
          DigestCalculator sha1 = new JcaDigestCalculatorProviderBuilder().setProvider(BC).build()
              .get(new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1));
          TimeStampTokenGenerator gen = new TimeStampTokenGenerator(
              new JcaSimpleSignerInfoGeneratorBuilder().setProvider(BC).build(algorithm(tsa.key()), tsa.key(), tsa.chain()[0]),
              sha1, new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"));
          gen.addCertificates(new JcaCertStore(Arrays.asList(tsa.chain())));
          return gen.generate(req, BigInteger.valueOf(SERIAL.incrementAndGet()), new Date()).getEncoded();
        } catch (GeneralSecurityException | OperatorCreationException | TSPException e) {
          throw new IOException("time-stamp failed", e);
        }
      });
      doc.saveIncremental(os);
    }
  }

  private static byte[] cmsDetached(InputStream content, PrivateKey key, X509Certificate[] chain, boolean signingTime)
      throws IOException {
    try {
      CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
      ContentSigner signer = new JcaContentSignerBuilder(algorithm(key)).setProvider(BC).build(key);
      JcaSignerInfoGeneratorBuilder sib = new JcaSignerInfoGeneratorBuilder(
          new JcaDigestCalculatorProviderBuilder().setProvider(BC).build());
      if (!signingTime) {
        CMSAttributeTableGenerator base = new DefaultSignedAttributeTableGenerator();
        sib.setSignedAttributeGenerator(params -> {
          AttributeTable t = base.getAttributes(params);
          return t.remove(CMSAttributes.signingTime);
        });
      }
      gen.addSignerInfoGenerator(sib.build(signer, chain[0]));
      gen.addCertificates(new JcaCertStore(Arrays.asList(chain)));
      return gen.generate(new CMSProcessableByteArray(content.readAllBytes()), false).getEncoded();
    } catch (GeneralSecurityException | OperatorCreationException | CMSException e) {
      throw new IOException("CMS signing failed", e);
    }
  }

  /**
   * A small A4 PDF with {@code pages} pages of Vietnamese text in DejaVu Sans (embedded subset). Content streams
   * are left uncompressed, so tests can find and alter the text bytes.
   */
  public static void createPdf(Path out, int pages) throws IOException {
    try (PDDocument doc = new PDDocument();
         InputStream fontIn = TestPki.class.getResourceAsStream("/fonts/DejaVuSans.ttf")) {
      if (fontIn == null) {
        throw new IOException("fonts/DejaVuSans.ttf is not on the classpath");
      }
      PDType0Font font = PDType0Font.load(doc, fontIn);
      for (int i = 1; i <= pages; i++) {
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        try (PDPageContentStream cs = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.OVERWRITE, false)) {
          cs.beginText();
          cs.setFont(font, 14);
          cs.newLineAtOffset(60, 770);
          cs.showText("Nghị quyết số 12/NQ-HĐND — Trang " + i + "/" + pages);
          cs.newLineAtOffset(0, -24);
          cs.setFont(font, 11);
          cs.showText("Hội đồng nhân dân tỉnh Demo thông qua dự thảo kế hoạch đầu tư công.");
          cs.endText();
        }
      }
      doc.getDocumentInformation().setTitle("Nghị quyết kỳ họp thứ 5");
      doc.save(out.toFile());
    }
  }

  // ------------------------------------------------------------------ internals

  private static KeyPair keyPair(KeyType type) throws GeneralSecurityException {
    if (type == KeyType.RSA) {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048, new SecureRandom());
      return g.generateKeyPair();
    }
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
    return g.generateKeyPair();
  }

  private static String algorithm(PrivateKey key) {
    return "RSA".equals(key.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
  }

  private static X500Name name(String cn, String org) {
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.C, "VN")
        .addRDN(BCStyle.O, org)
        .addRDN(BCStyle.CN, cn)
        .build();
  }

  private static X509Certificate certificate(X500Name subject, PublicKey publicKey, X500Name issuer, KeyPair issuerKeys,
      KeyType type, boolean ca, Instant from, Instant to, X509Certificate issuerCert)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    return certificate(subject, publicKey, issuer, issuerKeys, type, ca, from, to, issuerCert, false);
  }

  private static X509Certificate certificate(X500Name subject, PublicKey publicKey, X500Name issuer, KeyPair issuerKeys,
      KeyType type, boolean ca, Instant from, Instant to, X509Certificate issuerCert, boolean timeStamping)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
        Date.from(from), Date.from(to), subject, publicKey);
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    b.addExtension(Extension.basicConstraints, true, ca ? new BasicConstraints(true) : new BasicConstraints(false));
    b.addExtension(Extension.keyUsage, true, ca
        ? new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
        : new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
    if (timeStamping) {
      b.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
    }
    b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(publicKey));
    if (issuerCert != null) {
      b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuerCert));
    } else {
      b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(publicKey));
    }
    String alg = type == KeyType.RSA ? "SHA256withRSA" : "SHA256withECDSA";
    ContentSigner s = new JcaContentSignerBuilder(alg).setProvider(BC).build(issuerKeys.getPrivate());
    return new JcaX509CertificateConverter().getCertificate(b.build(s));
  }

  private static String commonName(X509Certificate c) {
    X500Name n = X500Name.getInstance(c.getSubjectX500Principal().getEncoded());
    return n.getRDNs(BCStyle.CN).length == 0 ? null
        : ((org.bouncycastle.asn1.ASN1String) n.getRDNs(BCStyle.CN)[0].getFirst().getValue()).getString();
  }
}
