package org.plenum.server.pdf;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.InvalidAlgorithmParameterException;
import java.security.MessageDigest;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Calendar;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.security.auth.x500.X500Principal;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessable;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.Selector;

/**
 * Finds the digital signatures (ký số) of a PDF and verifies each one: the CMS signature over the signed byte
 * ranges, whether bytes were added after the signed range, and whether the signer certificate chains (PKIX,
 * no revocation check) to one of the configured trust anchors.
 *
 * <p>Pure and blocking: call it on a worker thread. Thread-safe; one instance can serve all requests.
 *
 * <p>Supported signature types: {@code adbe.pkcs7.detached} and {@code ETSI.CAdES.detached} (CMS over the byte
 * ranges), {@code adbe.pkcs7.sha1} (CMS over the SHA-1 of the byte ranges) and {@code ETSI.RFC3161} document
 * time-stamps (the time-stamp imprint must match the byte ranges; the "signer" is the time-stamp authority).
 * Anything else (e.g. {@code adbe.x509.rsa_sha1}) is reported as {@link SignatureReport.Status#INVALID} with
 * the problem "unsupported signature type ...".
 *
 * <p>What this does not do: revocation (CRL/OCSP), PAdES long-term validation, and analysis of what an
 * incremental update changed. Every byte appended after a signed range, even a later signature, counts as
 * "modified after signing" for the earlier signature.
 */
public final class SignatureVerifier {

  /** Not registered globally: used only through explicit {@code setProvider} calls. */
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();

  /** A /Contents gap larger than this is not a signature. */
  private static final long MAX_CONTENTS_GAP = 16L * 1024 * 1024;

  private static final Pattern PEM_CERT = Pattern.compile(
      "-----BEGIN (?:X509 |TRUSTED )?CERTIFICATE-----(.*?)-----END (?:X509 |TRUSTED )?CERTIFICATE-----", Pattern.DOTALL);

  private final Set<TrustAnchor> anchors;
  private final List<X509Certificate> anchorCerts;

  public SignatureVerifier(Collection<X509Certificate> trustAnchors) {
    Objects.requireNonNull(trustAnchors, "trustAnchors");
    this.anchorCerts = List.copyOf(trustAnchors);
    Set<TrustAnchor> set = new HashSet<>();
    for (X509Certificate c : anchorCerts) {
      set.add(new TrustAnchor(c, null));
    }
    this.anchors = Set.copyOf(set);
  }

  // ---------------------------------------------------------------- trust store

  /**
   * Loads trust anchors. A file: every CERTIFICATE block of a PEM bundle (a file without PEM blocks is tried as
   * one DER certificate). A directory: every {@code *.pem}, {@code *.crt} and {@code *.cer} file in it (not
   * recursive). Throws an {@link IOException} naming the file when it is missing, holds no certificate or holds
   * a certificate that cannot be parsed.
   */
  public static List<X509Certificate> loadTrustStore(Path pemFileOrDirectory) throws IOException {
    Objects.requireNonNull(pemFileOrDirectory, "pemFileOrDirectory");
    if (!Files.exists(pemFileOrDirectory)) {
      throw new NoSuchFileException(pemFileOrDirectory.toString(), null, "trust store not found");
    }
    if (Files.isDirectory(pemFileOrDirectory)) {
      List<Path> files;
      try (Stream<Path> s = Files.list(pemFileOrDirectory)) {
        files = s.filter(Files::isRegularFile).filter(p -> {
          String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
          return n.endsWith(".pem") || n.endsWith(".crt") || n.endsWith(".cer");
        }).sorted().toList();
      }
      if (files.isEmpty()) {
        throw new IOException("trust store directory " + pemFileOrDirectory + " has no *.pem, *.crt or *.cer file");
      }
      List<X509Certificate> all = new ArrayList<>();
      for (Path f : files) {
        all.addAll(loadCertificateFile(f));
      }
      return List.copyOf(all);
    }
    return loadCertificateFile(pemFileOrDirectory);
  }

  private static List<X509Certificate> loadCertificateFile(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    CertificateFactory cf;
    try {
      cf = CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new IOException("X.509 certificate support is missing", e);
    }
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    Matcher m = PEM_CERT.matcher(text);
    List<X509Certificate> out = new ArrayList<>();
    int n = 0;
    while (m.find()) {
      n++;
      byte[] der;
      try {
        der = Base64.getDecoder().decode(m.group(1).replaceAll("\\s+", ""));
      } catch (IllegalArgumentException e) {
        throw new IOException("trust store " + file + ": certificate #" + n + " is not valid Base64 (" + e.getMessage() + ")", e);
      }
      out.add(parseCertificate(cf, der, file, "certificate #" + n));
    }
    if (n == 0) {
      if (bytes.length > 0 && bytes[0] == 0x30 && !text.contains("-----BEGIN")) {
        out.add(parseCertificate(cf, bytes, file, "DER certificate"));
      } else {
        throw new IOException("trust store " + file + " contains no PEM CERTIFICATE block");
      }
    }
    return List.copyOf(out);
  }

  private static X509Certificate parseCertificate(CertificateFactory cf, byte[] der, Path file, String what) throws IOException {
    try {
      return (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | RuntimeException e) {
      throw new IOException("trust store " + file + ": " + what + " cannot be parsed (" + e.getMessage() + ")", e);
    }
  }

  // ---------------------------------------------------------------- verification

  /**
   * Verifies every signature of the PDF, in the order of the document's signature fields. An unsigned PDF gives
   * an empty list. A damaged signature gives a report with status INVALID; only a file that cannot be read or
   * parsed as a PDF throws.
   */
  public List<SignatureReport> verify(Path pdf) throws IOException {
    Objects.requireNonNull(pdf, "pdf");
    List<SignatureReport> reports = new ArrayList<>();
    try (PDDocument doc = load(pdf);
         FileChannel ch = FileChannel.open(pdf, StandardOpenOption.READ)) {
      long size = ch.size();
      List<PDSignatureField> fields;
      try {
        fields = doc.getSignatureFields();
      } catch (RuntimeException e) {
        throw new IOException("cannot read the signature fields of " + pdf.getFileName() + ": " + brief(e), e);
      }
      for (PDSignatureField field : fields) {
        PDSignature sig;
        String name;
        try {
          sig = field.getSignature();
          name = safeName(field);
        } catch (RuntimeException e) {
          reports.add(SignatureReport.invalid(null, null, null, null, false, "signature dictionary cannot be read"));
          continue;
        }
        if (sig == null) {
          continue; // an empty signature field (a place to sign), not a signature
        }
        try {
          reports.add(verifyOne(name, sig, ch, size));
        } catch (IOException e) {
          throw e; // reading the file itself failed
        } catch (Exception | StackOverflowError e) {
          reports.add(SignatureReport.invalid(name, null, null, signDate(sig), false, "signature cannot be checked: " + brief(e)));
        }
      }
    }
    return List.copyOf(reports);
  }

  private static PDDocument load(Path pdf) throws IOException {
    try {
      return Loader.loadPDF(pdf.toFile());
    } catch (RuntimeException e) {
      throw new IOException("cannot read PDF " + pdf.getFileName() + ": " + brief(e), e);
    }
  }

  private static String safeName(PDSignatureField field) {
    try {
      return field.getFullyQualifiedName();
    } catch (RuntimeException e) {
      return field.getPartialName();
    }
  }

  private SignatureReport verifyOne(String field, PDSignature sig, FileChannel ch, long size) throws IOException {
    Instant dictTime = signDate(sig);
    // 1. byte range [a b c d]: signed bytes [a, a+b) and [c, c+d), the /Contents hex string in between
    int[] br = sig.getByteRange();
    if (br == null || br.length != 4) {
      return SignatureReport.invalid(field, null, null, dictTime, false, "signature has no valid byte range");
    }
    long off1 = br[0], len1 = br[1], off2 = br[2], len2 = br[3];
    if (off1 != 0 || len1 <= 0 || len2 < 0 || off2 < off1 + len1 + 2 || off2 + len2 > size
        || off2 - (off1 + len1) > MAX_CONTENTS_GAP) {
      return SignatureReport.invalid(field, null, null, dictTime, false, "signature byte range is malformed");
    }
    // 2. the CMS blob is the hex string in the gap between the ranges (not the parsed /Contents, which a later
    //    revision could replace)
    byte[] gap = read(ch, off1 + len1, (int) (off2 - off1 - len1));
    byte[] contents = decodeHexGap(gap);
    if (contents == null) {
      return SignatureReport.invalid(field, null, null, dictTime, false, "signature byte range does not enclose the signature value");
    }
    boolean whole = coversWholeDocument(ch, off2 + len2, size);
    SignedRanges signed = new SignedRanges(ch, off1, len1, off2, len2);

    // 3. parse the CMS
    String subFilter = sig.getSubFilter();
    if ("adbe.x509.rsa_sha1".equals(subFilter)) {
      return SignatureReport.invalid(field, null, null, dictTime, whole, "unsupported signature type adbe.x509.rsa_sha1");
    }
    CMSSignedData cms;
    boolean encapsulated;
    try {
      ContentInfo ci;
      try (ASN1InputStream in = new ASN1InputStream(contents)) {
        ASN1Primitive obj = in.readObject();
        if (obj == null) {
          throw new IOException("empty");
        }
        ci = ContentInfo.getInstance(obj);
      }
      CMSSignedData parsed = new CMSSignedData(ci);
      encapsulated = parsed.getSignedContent() != null && parsed.getSignedContent().getContent() != null;
      cms = encapsulated ? parsed : new CMSSignedData(signed, ci);
    } catch (IOException | CMSException | RuntimeException e) {
      return SignatureReport.invalid(field, null, null, dictTime, whole, "signature data cannot be read");
    }
    boolean timeStamp = "ETSI.RFC3161".equals(subFilter);

    // 4. the signer and its certificate
    Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
    if (signers.isEmpty()) {
      return SignatureReport.invalid(field, null, null, dictTime, whole, "signature has no signer");
    }
    SignerInformation signer = signers.iterator().next();
    @SuppressWarnings("unchecked")
    Collection<X509CertificateHolder> matches = cms.getCertificates().getMatches((Selector<X509CertificateHolder>) signer.getSID());
    if (matches.isEmpty()) {
      return SignatureReport.invalid(field, null, null, dictTime, whole, "signer certificate is not included in the signature");
    }
    X509CertificateHolder signerHolder = matches.iterator().next();
    X509Certificate signerCert;
    List<X509Certificate> embedded = new ArrayList<>();
    try {
      JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
      signerCert = conv.getCertificate(signerHolder);
      @SuppressWarnings("unchecked")
      Collection<X509CertificateHolder> all = cms.getCertificates().getMatches(null);
      for (X509CertificateHolder h : all) {
        try {
          embedded.add(conv.getCertificate(h));
        } catch (CertificateException | RuntimeException ignored) {
          // an unreadable extra certificate only weakens chain building
        }
      }
    } catch (CertificateException | RuntimeException e) {
      return SignatureReport.invalid(field, null, null, dictTime, whole, "signer certificate cannot be read");
    }
    String subject = signerCert.getSubjectX500Principal().getName(X500Principal.RFC2253);
    String cn = commonName(signerHolder.getSubject());

    // 5. signing time: signed attribute, else /M (a document time-stamp takes its genTime below)
    Instant signingTime = signedAttributeTime(signer);
    if (signingTime == null) {
      signingTime = dictTime;
    }

    // 6. the signature math
    boolean intact;
    try {
      SignerInformationVerifier verifier = new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC).build(signerHolder);
      boolean ok = signer.verify(verifier);
      if (!ok) {
        if (signer.getSignedAttributes() == null && !encapsulated) {
          // without signed attributes the signature is over the content itself: cannot tell a changed document
          // from a bad signature value, report the document as changed
          intact = false;
        } else {
          return SignatureReport.invalid(field, subject, cn, signingTime, whole, "signature value does not match the signer certificate");
        }
      } else if (encapsulated) {
        // the signature is valid over its encapsulated content; that content must vouch for the byte ranges
        if (timeStamp) {
          TimeStampToken token = new TimeStampToken(cms);
          String alg = token.getTimeStampInfo().getMessageImprintAlgOID().getId();
          intact = MessageDigest.isEqual(token.getTimeStampInfo().getMessageImprintDigest(), signed.digest(alg));
          signingTime = token.getTimeStampInfo().getGenTime().toInstant(); // the authority's time, not the claim
        } else if ("adbe.pkcs7.sha1".equals(subFilter)) {
          Object content = cms.getSignedContent().getContent();
          byte[] claimed = content instanceof byte[] b ? b : ASN1OctetString.getInstance(content).getOctets();
          intact = MessageDigest.isEqual(claimed, signed.digest("SHA-1"));
        } else {
          return SignatureReport.invalid(field, subject, cn, signingTime, whole,
              "unsupported signature type " + (subFilter == null ? "(none)" : subFilter) + " with embedded content");
        }
      } else {
        intact = true;
      }
    } catch (FileReadFailure e) {
      throw e;
    } catch (CMSSignerDigestMismatchException e) {
      intact = false;
    } catch (CMSException e) {
      FileReadFailure io = fileFailureIn(e);
      if (io != null) {
        throw io;
      }
      return SignatureReport.invalid(field, subject, cn, signingTime, whole, "signature cannot be verified: " + brief(e));
    } catch (Exception e) {
      return SignatureReport.invalid(field, subject, cn, signingTime, whole, "signature cannot be verified: " + brief(e));
    }

    // 7. trust
    boolean trusted = chainsToAnchor(signerCert, embedded, signingTime);

    boolean modifiedAfter = !whole || !intact;
    SignatureReport.Status status;
    String problem;
    if (!intact) {
      status = SignatureReport.Status.MODIFIED;
      problem = "signed content was changed";
    } else if (modifiedAfter) {
      status = SignatureReport.Status.MODIFIED;
      problem = "changed after signing (incremental update)";
    } else if (!trusted) {
      status = SignatureReport.Status.UNTRUSTED;
      problem = "certificate does not chain to a trusted authority";
    } else {
      status = SignatureReport.Status.VALID;
      problem = null;
    }
    return new SignatureReport(field, subject, cn, signingTime, intact, whole, modifiedAfter, trusted, problem, status);
  }

  private static FileReadFailure fileFailureIn(Throwable e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof FileReadFailure f) {
        return f;
      }
    }
    return null;
  }

  private boolean chainsToAnchor(X509Certificate signer, List<X509Certificate> embedded, Instant at) {
    if (anchors.isEmpty()) {
      return false;
    }
    Date date = at == null ? null : Date.from(at);
    for (X509Certificate a : anchorCerts) {
      if (a.equals(signer)) {
        try {
          if (date == null) {
            signer.checkValidity();
          } else {
            signer.checkValidity(date);
          }
          return true;
        } catch (CertificateException e) {
          return false;
        }
      }
    }
    try {
      X509CertSelector target = new X509CertSelector();
      target.setCertificate(signer);
      PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, target);
      params.setRevocationEnabled(false);
      if (date != null) {
        params.setDate(date);
      }
      List<X509Certificate> pool = new ArrayList<>(embedded);
      pool.add(signer);
      params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool)));
      CertPathBuilder.getInstance("PKIX").build(params);
      return true;
    } catch (CertPathBuilderException | InvalidAlgorithmParameterException e) {
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  private static Instant signedAttributeTime(SignerInformation signer) {
    try {
      AttributeTable attrs = signer.getSignedAttributes();
      if (attrs == null) {
        return null;
      }
      Attribute a = attrs.get(CMSAttributes.signingTime);
      if (a == null || a.getAttrValues().size() == 0) {
        return null;
      }
      return Time.getInstance(a.getAttrValues().getObjectAt(0)).getDate().toInstant();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Instant signDate(PDSignature sig) {
    try {
      Calendar c = sig.getSignDate();
      return c == null ? null : c.toInstant();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String commonName(X500Name name) {
    RDN[] rdns = name.getRDNs(BCStyle.CN);
    if (rdns.length == 0) {
      return null;
    }
    // the most specific CN: the last one in encoding order
    ASN1Encodable v = rdns[rdns.length - 1].getFirst().getValue();
    return v instanceof ASN1String s ? s.getString() : IETFUtils.valueToString(v);
  }

  /** The file must end right after the signed range, apart from PDF whitespace (which changes nothing). */
  private static boolean coversWholeDocument(FileChannel ch, long end, long size) throws IOException {
    if (end == size) {
      return true;
    }
    if (size - end > 64) {
      return false;
    }
    for (byte b : read(ch, end, (int) (size - end))) {
      if (b != ' ' && b != '\r' && b != '\n' && b != '\t' && b != '\f' && b != 0) {
        return false;
      }
    }
    return true;
  }

  /** {@code <hex...>} exactly filling the gap; whitespace allowed; null when the gap is anything else. */
  private static byte[] decodeHexGap(byte[] gap) {
    if (gap.length < 2 || gap[0] != '<' || gap[gap.length - 1] != '>') {
      return null;
    }
    byte[] out = new byte[(gap.length - 2) / 2 + 1];
    int n = 0;
    int hi = -1;
    for (int i = 1; i < gap.length - 1; i++) {
      int c = gap[i];
      if (c == ' ' || c == '\r' || c == '\n' || c == '\t' || c == '\f' || c == 0) {
        continue;
      }
      int d = Character.digit(c, 16);
      if (d < 0) {
        return null;
      }
      if (hi < 0) {
        hi = d;
      } else {
        out[n++] = (byte) (hi << 4 | d);
        hi = -1;
      }
    }
    if (hi >= 0) {
      out[n++] = (byte) (hi << 4);
    }
    return n == 0 ? null : Arrays.copyOf(out, n);
  }

  private static byte[] read(FileChannel ch, long pos, int len) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(len);
    while (buf.hasRemaining()) {
      int r = ch.read(buf, pos + buf.position());
      if (r < 0) {
        throw new IOException("unexpected end of file");
      }
    }
    return buf.array();
  }

  private static String brief(Throwable e) {
    String m = e.getMessage();
    String s = e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    return s.length() > 200 ? s.substring(0, 200) : s;
  }

  /** An I/O failure while reading the PDF itself (as opposed to a damaged signature). */
  private static final class FileReadFailure extends IOException {
    FileReadFailure(IOException cause) {
      super(cause.getMessage(), cause);
    }
  }

  /** The two signed byte ranges of the file, streamed (the file is never held in memory as a whole). */
  private static final class SignedRanges implements CMSProcessable {
    private final FileChannel ch;
    private final long off1;
    private final long len1;
    private final long off2;
    private final long len2;

    SignedRanges(FileChannel ch, long off1, long len1, long off2, long len2) {
      this.ch = ch;
      this.off1 = off1;
      this.len1 = len1;
      this.off2 = off2;
      this.len2 = len2;
    }

    @Override
    public void write(OutputStream out) throws IOException {
      try {
        copy(off1, len1, out);
        copy(off2, len2, out);
      } catch (IOException e) {
        throw new FileReadFailure(e);
      }
    }

    private void copy(long pos, long len, OutputStream out) throws IOException {
      ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
      long done = 0;
      while (done < len) {
        buf.clear();
        buf.limit((int) Math.min(buf.capacity(), len - done));
        int r = ch.read(buf, pos + done);
        if (r < 0) {
          throw new IOException("unexpected end of file");
        }
        out.write(buf.array(), 0, r);
        done += r;
      }
    }

    byte[] digest(String algorithm) throws Exception {
      MessageDigest md;
      try {
        md = MessageDigest.getInstance(algorithm);
      } catch (java.security.NoSuchAlgorithmException e) {
        md = MessageDigest.getInstance(algorithm, BC);
      }
      MessageDigest d = md;
      write(new OutputStream() {
        @Override
        public void write(int b) {
          d.update((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
          d.update(b, off, len);
        }
      });
      return d.digest();
    }

    @Override
    public Object getContent() {
      return null;
    }
  }

  // ---------------------------------------------------------------- report

  /**
   * The result for one signature field.
   *
   * @param field the fully qualified name of the signature field
   * @param signerSubject RFC 2253 subject of the signer certificate; null when it cannot be read
   * @param signerCommonName the CN of the signer certificate; null when absent or unreadable
   * @param signingTime signed attribute signingTime, else /M of the signature dictionary; null when neither
   * @param intact CMS signature valid and message digest matches the signed byte ranges
   * @param coversWholeDocument the signed byte range ends at the end of the file
   * @param modifiedAfterSigning bytes were added after the signed range (incremental update), or !intact
   * @param trusted the signer chain validates (PKIX, no revocation, at signing time if known) to a trust anchor
   * @param problem short English reason when not VALID, else null
   * @param status the verdict
   */
  public record SignatureReport(String field, String signerSubject, String signerCommonName, Instant signingTime,
      boolean intact, boolean coversWholeDocument, boolean modifiedAfterSigning, boolean trusted,
      String problem, Status status) {

    public enum Status { VALID, MODIFIED, UNTRUSTED, INVALID }

    static SignatureReport invalid(String field, String subject, String cn, Instant time, boolean whole, String problem) {
      return new SignatureReport(field, subject, cn, time, false, whole, true, false, problem, Status.INVALID);
    }

    public JsonObject toJson() {
      return new JsonObject()
          .put("field", field)
          .put("signerSubject", signerSubject)
          .put("signerCommonName", signerCommonName)
          .put("signingTime", signingTime == null ? null : signingTime.toString())
          .put("intact", intact)
          .put("coversWholeDocument", coversWholeDocument)
          .put("modifiedAfterSigning", modifiedAfterSigning)
          .put("trusted", trusted)
          .put("problem", problem)
          .put("status", status.name());
    }
  }
}
