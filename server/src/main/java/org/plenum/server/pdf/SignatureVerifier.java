package org.plenum.server.pdf;

import eu.europa.esig.dss.diagnostic.CertificateRevocationWrapper;
import eu.europa.esig.dss.diagnostic.CertificateWrapper;
import eu.europa.esig.dss.diagnostic.DiagnosticData;
import eu.europa.esig.dss.diagnostic.SignatureWrapper;
import eu.europa.esig.dss.diagnostic.TimestampWrapper;
import eu.europa.esig.dss.diagnostic.jaxb.XmlDigestMatcher;
import eu.europa.esig.dss.enumerations.CertificateStatus;
import eu.europa.esig.dss.enumerations.DigestMatcherType;
import eu.europa.esig.dss.enumerations.TimestampType;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.validation.PDFDocumentValidator;
import eu.europa.esig.dss.service.crl.OnlineCRLSource;
import eu.europa.esig.dss.service.http.commons.CommonsDataLoader;
import eu.europa.esig.dss.service.http.commons.OCSPDataLoader;
import eu.europa.esig.dss.service.ocsp.OnlineOCSPSource;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.aia.DefaultAIASource;
import eu.europa.esig.dss.validation.reports.Reports;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Calendar;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.security.auth.x500.X500Principal;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;

/**
 * Finds the digital signatures (ký số) and document time-stamps of a PDF and validates each one with the EU's
 * Digital Signature Service (DSS 6.3, {@code dss-pades-pdfbox}): the CMS signature over the signed byte ranges,
 * what later revisions of the file added (further signatures, time-stamps and validation data are allowed; any
 * other change marks the signature MODIFIED), whether the signer's chain reaches one of the configured trust
 * anchors, and the signer certificate's status (validity period at the signing time, revocation from the OCSP
 * responses and CRLs embedded in the file; fetched over the network only when built with {@code fetchRevocation}).
 *
 * <p>The signing time is the earliest valid signature time-stamp when there is one (trusted time), else the time
 * the signer claims (signing-time attribute or /M). Every signature field of the file is reported, in field order;
 * a signature DSS cannot read at all (e.g. a truncated CMS container) is INVALID.
 *
 * <p>Pure and blocking: call it on a worker thread. Thread-safe; one instance can serve all requests.
 */
public final class SignatureVerifier {

  private static final Pattern PEM_CERT = Pattern.compile(
      "-----BEGIN (?:X509 |TRUSTED )?CERTIFICATE-----(.*?)-----END (?:X509 |TRUSTED )?CERTIFICATE-----", Pattern.DOTALL);

  private final List<X509Certificate> anchorCerts;
  private final boolean fetchRevocation;

  /** Offline: revocation only from the data embedded in the file. */
  public SignatureVerifier(Collection<X509Certificate> trustAnchors) {
    this(trustAnchors, false);
  }

  /**
   * @param fetchRevocation when true, missing revocation data and issuer certificates are fetched from the
   *     OCSP/CRL/AIA addresses in the certificates (documents.fetch_revocation)
   */
  public SignatureVerifier(Collection<X509Certificate> trustAnchors, boolean fetchRevocation) {
    Objects.requireNonNull(trustAnchors, "trustAnchors");
    this.anchorCerts = List.copyOf(trustAnchors);
    this.fetchRevocation = fetchRevocation;
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
    List<Field> fields = fields(pdf);
    if (fields.isEmpty()) {
      return List.of();
    }
    long size = Files.size(pdf);
    DiagnosticData dd;
    SimpleReport simple;
    try {
      PDFDocumentValidator validator = new PDFDocumentValidator(new FileDocument(pdf.toFile()));
      validator.setCertificateVerifier(certificateVerifier());
      Reports reports = validator.validateDocument();
      dd = reports.getDiagnosticData();
      simple = reports.getSimpleReport();
    } catch (RuntimeException | StackOverflowError e) {
      List<SignatureReport> out = new ArrayList<>();
      for (Field f : fields) {
        out.add(SignatureReport.invalid(f.name, null, null, f.dictTime, false, "signatures cannot be checked: " + brief(e)));
      }
      return List.copyOf(out);
    }
    // the revisions a signature or time-stamp closes, in file order
    List<Field> byEnd = fields.stream().filter(f -> f.end > 0).sorted(Comparator.comparingLong(f -> f.end)).toList();
    long lastEnd = byEnd.isEmpty() ? 0 : byEnd.get(byEnd.size() - 1).end;
    boolean trailingUpdate = lastEnd > 0 && !onlyWhitespaceAfter(pdf, lastEnd, size);

    List<SignatureReport> reports = new ArrayList<>();
    for (Field f : fields) {
      SignatureReport r;
      try {
        r = report(f, dd, simple, byEnd, trailingUpdate, size);
      } catch (RuntimeException e) {
        r = SignatureReport.invalid(f.name, null, null, f.dictTime, f.end == size, "signature cannot be checked: " + brief(e));
      }
      reports.add(r);
    }
    return List.copyOf(reports);
  }

  private CommonCertificateVerifier certificateVerifier() {
    CommonCertificateVerifier cv = new CommonCertificateVerifier();
    CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
    for (X509Certificate c : anchorCerts) {
      trusted.addCertificate(new CertificateToken(c));
    }
    cv.setTrustedCertSources(trusted);
    if (fetchRevocation) {
      cv.setAIASource(new DefaultAIASource(new CommonsDataLoader()));
      cv.setOcspSource(new OnlineOCSPSource(new OCSPDataLoader()));
      cv.setCrlSource(new OnlineCRLSource(new CommonsDataLoader()));
    } else {
      cv.setAIASource(null);
      cv.setOcspSource(null);
      cv.setCrlSource(null);
    }
    return cv;
  }

  /** One signature field with a signature value, as PDFBox reads it. */
  private record Field(String name, String subFilter, long[] byteRange, long end, Instant dictTime) {}

  private static List<Field> fields(Path pdf) throws IOException {
    List<Field> out = new ArrayList<>();
    try (PDDocument doc = load(pdf)) {
      List<PDSignatureField> sigFields;
      try {
        sigFields = doc.getSignatureFields();
      } catch (RuntimeException e) {
        throw new IOException("cannot read the signature fields of " + pdf.getFileName() + ": " + brief(e), e);
      }
      for (PDSignatureField field : sigFields) {
        try {
          PDSignature sig = field.getSignature();
          if (sig == null) {
            continue; // an empty signature field (a place to sign), not a signature
          }
          int[] br = sig.getByteRange();
          long[] range = br == null || br.length != 4 ? null : new long[] {br[0], br[1], br[2], br[3]};
          long end = range == null ? 0 : range[2] + range[3];
          out.add(new Field(safeName(field), sig.getSubFilter(), range, end, signDate(sig)));
        } catch (RuntimeException e) {
          out.add(new Field(safeName(field), null, null, 0, null));
        }
      }
    }
    return out;
  }

  private SignatureReport report(Field f, DiagnosticData dd, SimpleReport simple, List<Field> byEnd,
      boolean trailingUpdate, long size) {
    if (f.byteRange == null) {
      return SignatureReport.invalid(f.name, null, null, f.dictTime, false, "signature has no valid byte range");
    }
    long[] br = f.byteRange;
    if (br[0] != 0 || br[1] <= 0 || br[3] < 0 || br[2] < br[0] + br[1] + 2 || br[2] + br[3] > size) {
      return SignatureReport.invalid(f.name, null, null, f.dictTime, false, "signature byte range is malformed");
    }
    boolean whole = f.end == size || (!trailingUpdate && f.end == byEnd.get(byEnd.size() - 1).end);
    int revision = byEnd.indexOf(f) + 1;
    JsonArray later = new JsonArray();
    for (Field o : byEnd) {
      if (o.end > f.end) {
        later.add(new JsonObject().put("revision", byEnd.indexOf(o) + 1).put("field", o.name)
            .put("kind", "ETSI.RFC3161".equals(o.subFilter) ? "TIMESTAMP" : "SIGNATURE"));
      }
    }
    if (trailingUpdate) {
      later.add(new JsonObject().put("revision", byEnd.size() + 1).put("kind", "UPDATE"));
    }
    Coverage coverage = new Coverage(revision, later);
    if ("ETSI.RFC3161".equals(f.subFilter)) {
      TimestampWrapper ts = dd.getTimestampList().stream()
          .filter(t -> t.getType() == TimestampType.DOCUMENT_TIMESTAMP && sameRange(t.getSignatureByteRange(), f.byteRange))
          .findFirst().orElse(null);
      if (ts == null) {
        return SignatureReport.invalid(f.name, null, null, f.dictTime, whole, "time-stamp data cannot be read").with(coverage);
      }
      boolean intact = ts.isMessageImprintDataIntact();
      return verdict(f, ts.getSigningCertificate(), ts.isSignatureIntact(), intact, ts.isTrustedChain(), whole,
          ts.arePdfModificationsDetected() && !ts.getPdfUndefinedChanges().isEmpty() || undefinedVisual(ts),
          ts.getProductionTime().toInstant(), "TIMESTAMP", null, coverage);
    }
    SignatureWrapper sig = dd.getSignatures().stream()
        .filter(s -> sameRange(s.getSignatureByteRange(), f.byteRange)).findFirst().orElse(null);
    if (sig == null || (sig.getSigningCertificate() == null && !sig.isSigningCertificateIdentified()
        && sig.getCertificateChain().isEmpty() && sig.foundCertificates().getRelatedCertificates().isEmpty())) {
      return SignatureReport.invalid(f.name, null, null, f.dictTime, whole, "signature data cannot be read").with(coverage);
    }
    boolean dataIntact = true;
    for (XmlDigestMatcher m : sig.getDigestMatchers()) {
      if (m.getType() == DigestMatcherType.MESSAGE_DIGEST && !m.isDataIntact()) {
        dataIntact = false;
      }
    }
    // trusted time: the earliest valid signature time-stamp, else what the signer claims
    Instant time = null;
    String timeSource = "CLAIMED";
    for (TimestampWrapper t : sig.getTimestampList()) {
      if (t.getType() == TimestampType.SIGNATURE_TIMESTAMP && t.isSignatureValid() && t.isMessageImprintDataIntact()) {
        Instant pt = t.getProductionTime().toInstant();
        if (time == null || pt.isBefore(time)) {
          time = pt;
          timeSource = "TIMESTAMP";
        }
      }
    }
    if (time == null) {
      time = sig.getClaimedSigningTime() == null ? f.dictTime : sig.getClaimedSigningTime().toInstant();
    }
    boolean changedLater = !sig.getPdfUndefinedChanges().isEmpty() || undefinedVisual(sig);
    String level = sig.getSignatureFormat() == null ? null : sig.getSignatureFormat().toString();
    String indication = simple.getIndication(sig.getId()) == null ? null : simple.getIndication(sig.getId()).name();
    return verdict(f, sig.getSigningCertificate(), sig.isSignatureIntact(), dataIntact, sig.isTrustedChain(), whole,
        changedLater, time, timeSource, level, coverage).withIndication(indication,
        simple.getSubIndication(sig.getId()) == null ? null : simple.getSubIndication(sig.getId()).name());
  }

  /** Page content or visual differences found by DSS between the signed revision and the final one. */
  private static boolean undefinedVisual(eu.europa.esig.dss.diagnostic.AbstractSignatureWrapper w) {
    return !w.getPdfPageDifferenceConcernedPages().isEmpty() || !w.getPdfVisualDifferenceConcernedPages().isEmpty();
  }

  private static SignatureReport verdict(Field f, CertificateWrapper cert, boolean signatureIntact, boolean dataIntact,
      boolean trustedChain, boolean whole, boolean changedLater, Instant time, String timeSource, String level,
      Coverage coverage) {
    String subject = cert == null ? null : rfc2253(cert);
    String cn = cert == null ? null : cert.getCommonName();
    CertStatus certStatus = certStatus(cert, time);
    boolean intact = dataIntact && signatureIntact;
    SignatureReport.Status status;
    String problem;
    if (!dataIntact) {
      status = SignatureReport.Status.MODIFIED;
      problem = "signed content was changed";
    } else if (!signatureIntact) {
      status = SignatureReport.Status.INVALID;
      problem = "signature value does not match the signer certificate";
    } else if (changedLater) {
      status = SignatureReport.Status.MODIFIED;
      problem = "changed after signing (incremental update)";
    } else if (certStatus.status == CertificateState.REVOKED) {
      status = SignatureReport.Status.INVALID;
      problem = "signer certificate was revoked" + (certStatus.at == null ? "" : " on " + certStatus.at);
    } else if (certStatus.status == CertificateState.EXPIRED || certStatus.status == CertificateState.NOT_YET_VALID) {
      status = SignatureReport.Status.INVALID;
      problem = certStatus.status == CertificateState.EXPIRED
          ? "signer certificate had expired at the signing time" : "signer certificate was not yet valid at the signing time";
    } else if (!trustedChain) {
      status = SignatureReport.Status.UNTRUSTED;
      problem = "certificate does not chain to a trusted authority";
    } else {
      status = SignatureReport.Status.VALID;
      problem = null;
    }
    boolean modifiedAfter = !intact || changedLater;
    return new SignatureReport(f.name, subject, cn, time, intact, whole, modifiedAfter, trustedChain, problem, status,
        timeSource, certStatus.status.name(), level, coverage, null, null);
  }

  public enum CertificateState { GOOD, REVOKED, EXPIRED, NOT_YET_VALID, UNKNOWN }

  private record CertStatus(CertificateState status, Instant at) {}

  /** Validity at the signing time, then the embedded (or fetched) revocation data; UNKNOWN without any. */
  private static CertStatus certStatus(CertificateWrapper cert, Instant time) {
    if (cert == null) {
      return new CertStatus(CertificateState.UNKNOWN, null);
    }
    Date at = time == null ? new Date() : Date.from(time);
    if (cert.getNotAfter() != null && at.after(cert.getNotAfter())) {
      return new CertStatus(CertificateState.EXPIRED, cert.getNotAfter().toInstant());
    }
    if (cert.getNotBefore() != null && at.before(cert.getNotBefore())) {
      return new CertStatus(CertificateState.NOT_YET_VALID, cert.getNotBefore().toInstant());
    }
    boolean good = false;
    for (CertificateRevocationWrapper r : cert.getCertificateRevocationData()) {
      if (!r.isSignatureValid()) {
        continue; // revocation data not signed by its issuer proves nothing
      }
      if (r.getStatus() == CertificateStatus.REVOKED) {
        return new CertStatus(CertificateState.REVOKED, r.getRevocationDate() == null ? null : r.getRevocationDate().toInstant());
      }
      if (r.getStatus() == CertificateStatus.GOOD) {
        good = true;
      }
    }
    return new CertStatus(good ? CertificateState.GOOD : CertificateState.UNKNOWN, null);
  }

  private static String rfc2253(CertificateWrapper cert) {
    try {
      return new X500Principal(cert.getCertificateDN()).getName(X500Principal.RFC2253);
    } catch (RuntimeException e) {
      return cert.getCertificateDN();
    }
  }

  private static boolean sameRange(List<BigInteger> dss, long[] range) {
    if (dss == null || dss.size() != 4) {
      return false;
    }
    for (int i = 0; i < 4; i++) {
      if (dss.get(i).longValue() != range[i]) {
        return false;
      }
    }
    return true;
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

  private static Instant signDate(PDSignature sig) {
    try {
      Calendar c = sig.getSignDate();
      return c == null ? null : c.toInstant();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Nothing but PDF whitespace (which changes nothing) after {@code end}. */
  private static boolean onlyWhitespaceAfter(Path pdf, long end, long size) throws IOException {
    if (end >= size) {
      return true;
    }
    if (size - end > 64) {
      return false;
    }
    try (FileChannel ch = FileChannel.open(pdf, StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.allocate((int) (size - end));
      while (buf.hasRemaining() && ch.read(buf, end + buf.position()) >= 0) {
        // read all
      }
      for (byte b : buf.array()) {
        if (b != ' ' && b != '\r' && b != '\n' && b != '\t' && b != '\f' && b != 0) {
          return false;
        }
      }
    }
    return true;
  }

  private static String brief(Throwable e) {
    String m = e.getMessage();
    String s = e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    return s.length() > 200 ? s.substring(0, 200) : s;
  }

  /** Which revision a signature closes (1 = the first signed revision) and what later revisions added. */
  public record Coverage(int revision, JsonArray laterRevisions) {}

  // ---------------------------------------------------------------- report

  /**
   * The result for one signature field.
   *
   * @param field the fully qualified name of the signature field
   * @param signerSubject RFC 2253 subject of the signer certificate; null when it cannot be read
   * @param signerCommonName the CN of the signer certificate; null when absent or unreadable
   * @param signingTime the earliest valid signature time-stamp, else the claimed time (signing-time attribute or
   *     /M); for a document time-stamp the authority's time; null when none
   * @param intact CMS signature valid and message digest matches the signed byte ranges
   * @param coversWholeDocument the signed revision is the whole file (nothing but whitespace after it)
   * @param modifiedAfterSigning a later revision changed more than signatures, time-stamps and validation data,
   *     or !intact
   * @param trusted the signer chain reaches a trust anchor
   * @param problem short English reason when not VALID, else null
   * @param status the verdict
   * @param signingTimeSource TIMESTAMP (an authority's time) or CLAIMED (the signer's own claim)
   * @param certificateStatus GOOD, REVOKED, EXPIRED, NOT_YET_VALID (at the signing time) or UNKNOWN (no revocation data)
   * @param level the format DSS recognises, e.g. PAdES-BASELINE-LT; null for time-stamps
   * @param coverage the revision this signature closes and what later revisions added
   * @param indication DSS's verdict under its default policy (TOTAL_PASSED, INDETERMINATE, TOTAL_FAILED)
   * @param subIndication DSS's reason, e.g. TRY_LATER when no revocation data is available
   */
  public record SignatureReport(String field, String signerSubject, String signerCommonName, Instant signingTime,
      boolean intact, boolean coversWholeDocument, boolean modifiedAfterSigning, boolean trusted,
      String problem, Status status, String signingTimeSource, String certificateStatus, String level,
      Coverage coverage, String indication, String subIndication) {

    public enum Status { VALID, MODIFIED, UNTRUSTED, INVALID }

    static SignatureReport invalid(String field, String subject, String cn, Instant time, boolean whole, String problem) {
      return new SignatureReport(field, subject, cn, time, false, whole, true, false, problem, Status.INVALID,
          "CLAIMED", CertificateState.UNKNOWN.name(), null, null, null, null);
    }

    SignatureReport with(Coverage c) {
      return new SignatureReport(field, signerSubject, signerCommonName, signingTime, intact, coversWholeDocument,
          modifiedAfterSigning, trusted, problem, status, signingTimeSource, certificateStatus, level, c, indication,
          subIndication);
    }

    SignatureReport withIndication(String ind, String sub) {
      return new SignatureReport(field, signerSubject, signerCommonName, signingTime, intact, coversWholeDocument,
          modifiedAfterSigning, trusted, problem, status, signingTimeSource, certificateStatus, level, coverage, ind, sub);
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
          .put("status", status.name())
          .put("signingTimeSource", signingTimeSource)
          .put("certificateStatus", certificateStatus)
          .put("level", level)
          .put("revision", coverage == null ? null : coverage.revision())
          .put("laterRevisions", coverage == null ? new JsonArray() : coverage.laterRevisions().copy())
          .put("indication", indication)
          .put("subIndication", subIndication);
    }
  }
}
