package org.plenum.server.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.cms.CMSSignedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenum.server.pdf.SignatureVerifier.SignatureReport;
import org.plenum.server.pdf.SignatureVerifier.SignatureReport.Status;
import org.plenum.server.testing.TestPki;

class SignatureVerifierTest {

  private static TestPki pki;
  private static SignatureVerifier verifier;

  @TempDir
  Path dir;

  @BeforeAll
  static void pki(@TempDir Path tmp) throws IOException {
    pki = TestPki.create();
    verifier = new SignatureVerifier(SignatureVerifier.loadTrustStore(pki.writeRootPem(tmp.resolve("root.pem"))));
  }

  private Path unsigned() throws IOException {
    Path p = dir.resolve("unsigned.pdf");
    if (!Files.exists(p)) {
      TestPki.createPdf(p, 3);
    }
    return p;
  }

  private Path signedBy(TestPki who, String name) throws IOException {
    Path out = dir.resolve(name);
    who.sign(unsigned(), out, "Phê duyệt nghị quyết");
    return out;
  }

  private static int[] byteRange(Path pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      return doc.getLastSignatureDictionary().getByteRange();
    }
  }

  @Test
  @DisplayName("DS1: a PDF signed by the trusted CA's signer verifies VALID with signer subject, CN and signing time")
  void valid() throws IOException {
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Path signed = signedBy(pki, "signed.pdf");
    Instant after = Instant.now().plusSeconds(1);

    List<SignatureReport> reports = verifier.verify(signed);

    assertThat(reports).hasSize(1);
    SignatureReport r = reports.get(0);
    assertThat(r.status()).isEqualTo(Status.VALID);
    assertThat(r.problem()).isNull();
    assertThat(r.intact()).isTrue();
    assertThat(r.coversWholeDocument()).isTrue();
    assertThat(r.modifiedAfterSigning()).isFalse();
    assertThat(r.trusted()).isTrue();
    assertThat(r.signerCommonName()).isEqualTo("Nguyễn Văn An");
    assertThat(r.signerSubject()).isEqualTo("CN=Nguyễn Văn An,O=UBND tỉnh Demo,C=VN");
    assertThat(r.signingTime()).isBetween(before, after);
    assertThat(r.field()).isNotBlank();
  }

  @Test
  @DisplayName("DS2: one byte of page text changed inside the signed range gives MODIFIED with intact=false")
  void one_byte_changed() throws IOException {
    Path signed = signedBy(pki, "signed.pdf");
    byte[] bytes = Files.readAllBytes(signed);
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int tj = text.indexOf("> Tj");
    assertThat(tj).as("an uncompressed text operator").isPositive().isLessThan(byteRange(signed)[1]);
    int digit = tj - 1; // last hex digit of the glyph string: changes which glyph is shown
    bytes[digit] = (byte) (bytes[digit] == '0' ? '1' : '0');
    Path tampered = dir.resolve("tampered.pdf");
    Files.write(tampered, bytes);

    SignatureReport r = verifier.verify(tampered).get(0);

    assertThat(r.status()).isEqualTo(Status.MODIFIED);
    assertThat(r.intact()).isFalse();
    assertThat(r.modifiedAfterSigning()).isTrue();
    assertThat(r.coversWholeDocument()).isTrue();
    assertThat(r.problem()).isEqualTo("signed content was changed");
    assertThat(r.signerCommonName()).isEqualTo("Nguyễn Văn An");
  }

  @Test
  @DisplayName("DS3: an incremental update appended after signing gives MODIFIED, modifiedAfterSigning=true, coversWholeDocument=false")
  void incremental_update() throws IOException {
    Path signed = signedBy(pki, "signed.pdf");
    Path updated = dir.resolve("updated.pdf");
    try (PDDocument doc = Loader.loadPDF(signed.toFile()); OutputStream os = Files.newOutputStream(updated)) {
      PDPage page = doc.getPage(0);
      page.setRotation(90);
      doc.saveIncremental(os, Set.of(page.getCOSObject()));
    }
    assertThat(Files.size(updated)).isGreaterThan(Files.size(signed));
    try (PDDocument doc = Loader.loadPDF(updated.toFile())) {
      assertThat(doc.getPage(0).getCOSObject().getInt(COSName.ROTATE)).isEqualTo(90);
    }

    SignatureReport r = verifier.verify(updated).get(0);

    assertThat(r.status()).isEqualTo(Status.MODIFIED);
    assertThat(r.intact()).isTrue();
    assertThat(r.modifiedAfterSigning()).isTrue();
    assertThat(r.coversWholeDocument()).isFalse();
    assertThat(r.trusted()).isTrue();
    assertThat(r.problem()).isEqualTo("changed after signing (incremental update)");
  }

  @Test
  @DisplayName("DS4: a PDF signed under a CA that is not in the trust store gives UNTRUSTED (intact, whole, not trusted)")
  void untrusted() throws IOException {
    TestPki stranger = TestPki.create(TestPki.KeyType.RSA, false, "Stranger Root CA", "Trần Thị Bình");
    SignatureReport r = verifier.verify(signedBy(stranger, "stranger.pdf")).get(0);

    assertThat(r.status()).isEqualTo(Status.UNTRUSTED);
    assertThat(r.intact()).isTrue();
    assertThat(r.coversWholeDocument()).isTrue();
    assertThat(r.trusted()).isFalse();
    assertThat(r.signerCommonName()).isEqualTo("Trần Thị Bình");
    assertThat(r.problem()).isEqualTo("certificate does not chain to a trusted authority");
    // and with no trust anchors at all nothing is trusted
    assertThat(new SignatureVerifier(List.of()).verify(signedBy(pki, "signed.pdf")).get(0).status())
        .isEqualTo(Status.UNTRUSTED);
  }

  @Test
  @DisplayName("DS5: an unsigned PDF gives an empty list")
  void unsigned_pdf() throws IOException {
    assertThat(verifier.verify(unsigned())).isEmpty();
  }

  @Test
  @DisplayName("DS6: garbage in /Contents (unparseable CMS, a flipped signature value, non-hex bytes) gives INVALID, never an exception")
  void garbage_contents() throws IOException {
    Path signed = signedBy(pki, "signed.pdf");
    int[] br = byteRange(signed);
    int hexStart = br[1] + 1; // after '<'

    // a) the CMS structure cannot be parsed
    byte[] a = Files.readAllBytes(signed);
    byte[] junk = "DEADBEEFCAFEBABE0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(junk, 0, a, hexStart, junk.length);
    Path pa = dir.resolve("garbage-a.pdf");
    Files.write(pa, a);
    SignatureReport ra = verifier.verify(pa).get(0);
    assertThat(ra.status()).isEqualTo(Status.INVALID);
    assertThat(ra.intact()).isFalse();
    assertThat(ra.problem()).isEqualTo("signature data cannot be read");

    // b) the CMS parses but the signature value no longer matches
    byte[] b = Files.readAllBytes(signed);
    byte[] sigValue;
    try (PDDocument doc = Loader.loadPDF(signed.toFile())) {
      PDSignature sig = doc.getLastSignatureDictionary();
      sigValue = cms(sig.getContents()).getSignerInfos().getSigners().iterator().next().getSignature();
    }
    String fileText = new String(b, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    int at = fileText.indexOf(HexFormat.of().formatHex(sigValue));
    assertThat(at).isGreaterThan(br[1]).isLessThan(br[2]);
    int mid = at + sigValue.length; // a hex digit in the middle of the signature value
    b[mid] = (byte) (b[mid] == '0' ? '1' : '0');
    Path pb = dir.resolve("garbage-b.pdf");
    Files.write(pb, b);
    SignatureReport rb = verifier.verify(pb).get(0);
    assertThat(rb.status()).isEqualTo(Status.INVALID);
    assertThat(rb.intact()).isFalse();
    assertThat(rb.signerCommonName()).isEqualTo("Nguyễn Văn An");
    assertThat(rb.problem()).contains("signature value");

    // c) bytes that are not hex at all inside the /Contents string
    byte[] c = Files.readAllBytes(signed);
    for (int i = 0; i < 16; i++) {
      c[hexStart + 40 + i] = 'Z';
    }
    Path pc = dir.resolve("garbage-c.pdf");
    Files.write(pc, c);
    List<SignatureReport> rc = verifier.verify(pc);
    assertThat(rc).hasSize(1);
    assertThat(rc.get(0).status()).isEqualTo(Status.INVALID);

    // d) a byte range that points past the end of the file (same number of digits, so offsets stay put)
    String text = new String(Files.readAllBytes(signed), StandardCharsets.ISO_8859_1);
    String range = br[2] + " " + br[3] + "]";
    int r = text.indexOf(range);
    assertThat(r).as(range).isPositive();
    String tail = String.valueOf(br[3]);
    String bigger = "9".repeat(tail.length());
    String patched = text.substring(0, r) + br[2] + " " + bigger + "]" + text.substring(r + range.length());
    Path pd = dir.resolve("garbage-d.pdf");
    Files.write(pd, patched.getBytes(StandardCharsets.ISO_8859_1));
    assertThat(verifier.verify(pd)).singleElement().satisfies(rd -> {
      assertThat(rd.status()).isEqualTo(Status.INVALID);
      assertThat(rd.problem()).isEqualTo("signature byte range is malformed");
    });
  }

  private static CMSSignedData cms(byte[] contents) {
    try {
      return new CMSSignedData(org.bouncycastle.asn1.cms.ContentInfo.getInstance(
          new org.bouncycastle.asn1.ASN1InputStream(contents).readObject()));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  @DisplayName("DS7: loadTrustStore on a missing, empty, non-PEM or broken PEM file throws an IOException naming the problem")
  void bad_trust_store() throws IOException {
    assertThatThrownBy(() -> SignatureVerifier.loadTrustStore(dir.resolve("nope.pem")))
        .isInstanceOf(NoSuchFileException.class).hasMessageContaining("nope.pem").hasMessageContaining("trust store not found");

    Path text = Files.writeString(dir.resolve("notes.pem"), "this is not a certificate\n");
    assertThatThrownBy(() -> SignatureVerifier.loadTrustStore(text))
        .isInstanceOf(IOException.class).hasMessageContaining("notes.pem").hasMessageContaining("no PEM CERTIFICATE block");

    Path broken = Files.writeString(dir.resolve("broken.pem"),
        "-----BEGIN CERTIFICATE-----\nTUlJQnJva2VuQ2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
    assertThatThrownBy(() -> SignatureVerifier.loadTrustStore(broken))
        .isInstanceOf(IOException.class).hasMessageContaining("broken.pem").hasMessageContaining("certificate #1 cannot be parsed");

    Path badBase64 = Files.writeString(dir.resolve("b64.pem"),
        TestPki.toPem(pki.root()) + "-----BEGIN CERTIFICATE-----\n@@@!!!\n-----END CERTIFICATE-----\n");
    assertThatThrownBy(() -> SignatureVerifier.loadTrustStore(badBase64))
        .isInstanceOf(IOException.class).hasMessageContaining("certificate #2 is not valid Base64");

    Path empty = Files.createDirectory(dir.resolve("empty"));
    assertThatThrownBy(() -> SignatureVerifier.loadTrustStore(empty))
        .isInstanceOf(IOException.class).hasMessageContaining("has no *.pem");

    // the good cases: a bundle with text around the blocks, a directory of .pem/.crt (PEM or DER)
    TestPki other = TestPki.create(TestPki.KeyType.EC, true);
    Path bundle = Files.writeString(dir.resolve("bundle.pem"),
        "# Plenum trust bundle\n" + TestPki.toPem(pki.root()) + "comment\n" + TestPki.toPem(other.root(), other.intermediate()));
    assertThat(SignatureVerifier.loadTrustStore(bundle)).containsExactly(pki.root(), other.root(), other.intermediate());
    Path trustDir = Files.createDirectory(dir.resolve("trust"));
    Files.writeString(trustDir.resolve("a.pem"), TestPki.toPem(pki.root()));
    Files.write(trustDir.resolve("b.crt"), derOf(other.root()));
    Files.writeString(trustDir.resolve("readme.txt"), "ignored");
    assertThat(SignatureVerifier.loadTrustStore(trustDir)).containsExactly(pki.root(), other.root());
  }

  private static byte[] derOf(X509Certificate c) {
    try {
      return c.getEncoded();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  @DisplayName("DS8: a signer under an intermediate CA (embedded in the signature) verifies VALID when only the root is trusted")
  void intermediate_chain() throws IOException {
    TestPki tiered = TestPki.create(TestPki.KeyType.RSA, true);
    SignatureVerifier rootOnly = new SignatureVerifier(List.of(tiered.root()));

    SignatureReport r = rootOnly.verify(signedBy(tiered, "tiered.pdf")).get(0);

    assertThat(r.status()).isEqualTo(Status.VALID);
    assertThat(r.trusted()).isTrue();
    // without the intermediate in the signature the chain cannot be built
    Path noIntermediate = dir.resolve("no-intermediate.pdf");
    TestPki.sign(unsigned(), noIntermediate, tiered.signerKey(), new X509Certificate[] {tiered.signerCertificate()}, "x");
    assertThat(rootOnly.verify(noIntermediate).get(0).status()).isEqualTo(Status.UNTRUSTED);
    // trusting the intermediate alone is enough
    assertThat(new SignatureVerifier(List.of(tiered.intermediate())).verify(noIntermediate).get(0).status())
        .isEqualTo(Status.VALID);
  }

  @Test
  @DisplayName("DS9: an EC P-256 signature without the signingTime attribute is VALID and takes its time from /M")
  void ec_and_dictionary_time() throws IOException {
    TestPki ec = TestPki.create(TestPki.KeyType.EC, false);
    Path out = dir.resolve("ec.pdf");
    TestPki.sign(unsigned(), out, ec.signerKey(), ec.chain(), "Ký duyệt", false);
    Instant m;
    try (PDDocument doc = Loader.loadPDF(out.toFile())) {
      m = doc.getLastSignatureDictionary().getSignDate().toInstant();
    }

    SignatureReport r = new SignatureVerifier(List.of(ec.root())).verify(out).get(0);

    assertThat(r.status()).isEqualTo(Status.VALID);
    assertThat(r.signingTime()).isEqualTo(m);
  }

  @Test
  @DisplayName("DS10: a second signature is an incremental update: both VALID; the first closes revision 1 and names the later signature")
  void two_signatures() throws IOException {
    Path once = signedBy(pki, "once.pdf");
    TestPki second = TestPki.create(TestPki.KeyType.EC, true, "Plenum Test Root CA 2", "Lê Văn Cường");
    Path twice = dir.resolve("twice.pdf");
    second.sign(once, twice, "Đồng ý");
    SignatureVerifier both = new SignatureVerifier(List.of(pki.root(), second.root()));

    List<SignatureReport> reports = both.verify(twice);

    assertThat(reports).hasSize(2);
    assertThat(reports).extracting(SignatureReport::signerCommonName).containsExactly("Nguyễn Văn An", "Lê Văn Cường");
    // the hand-written verifier reported the first MODIFIED here; DSS sees that the update only added a signature
    assertThat(reports.get(0).status()).isEqualTo(Status.VALID);
    assertThat(reports.get(0).intact()).isTrue();
    assertThat(reports.get(0).modifiedAfterSigning()).isFalse();
    assertThat(reports.get(0).coversWholeDocument()).isFalse();
    assertThat(reports.get(1).status()).isEqualTo(Status.VALID);
    assertThat(reports.get(1).coversWholeDocument()).isTrue();
    assertThat(reports.get(0).field()).isNotEqualTo(reports.get(1).field());
    JsonObject first = reports.get(0).toJson();
    assertThat(first.getInteger("revision")).isEqualTo(1);
    assertThat(first.getJsonArray("laterRevisions").getList()).hasSize(1);
    assertThat(first.getJsonArray("laterRevisions").getJsonObject(0).getString("kind")).isEqualTo("SIGNATURE");
    assertThat(first.getJsonArray("laterRevisions").getJsonObject(0).getString("field")).isEqualTo(reports.get(1).field());
    assertThat(reports.get(1).toJson().getInteger("revision")).isEqualTo(2);
    assertThat(reports.get(1).toJson().getJsonArray("laterRevisions").getList()).isEmpty();
    assertThat(first.getString("signingTimeSource")).isEqualTo("CLAIMED");
  }

  @Test
  @DisplayName("DS12: a document time-stamp (ETSI.RFC3161) by a TSA of the trusted CA is VALID with the time-stamp's genTime")
  void document_timestamp() throws IOException {
    Path signed = signedBy(pki, "signed.pdf");
    Path stamped = dir.resolve("stamped.pdf");
    TestPki.timestamp(signed, stamped, pki.issue("Plenum Test TSA", true));
    Instant genTime;
    try (PDDocument doc = Loader.loadPDF(stamped.toFile())) {
      genTime = new org.bouncycastle.tsp.TimeStampToken(cms(doc.getLastSignatureDictionary().getContents()))
          .getTimeStampInfo().getGenTime().toInstant();
    } catch (org.bouncycastle.tsp.TSPException e) {
      throw new AssertionError(e);
    }

    List<SignatureReport> reports = verifier.verify(stamped);

    assertThat(reports).hasSize(2);
    assertThat(reports.get(0).status()).isEqualTo(Status.VALID); // a document time-stamp after signing changes nothing
    assertThat(reports.get(0).coverage().laterRevisions().getJsonObject(0).getString("kind")).isEqualTo("TIMESTAMP");
    SignatureReport ts = reports.get(1);
    assertThat(ts.status()).isEqualTo(Status.VALID);
    assertThat(ts.signerCommonName()).isEqualTo("Plenum Test TSA");
    assertThat(ts.signingTime()).isEqualTo(genTime);

    // a time-stamp whose imprint no longer matches: one byte changed inside its range
    byte[] b = Files.readAllBytes(stamped);
    int[] br = byteRange(stamped);
    // a padding space after the /ByteRange array (second signed range): harmless to the syntax
    int at = new String(b, StandardCharsets.ISO_8859_1).indexOf("]", br[2]) + 2;
    assertThat(b[at]).isEqualTo((byte) ' ');
    b[at] = '\n';
    Path bad = dir.resolve("stamped-bad.pdf");
    Files.write(bad, b);
    SignatureReport r = verifier.verify(bad).get(1);
    assertThat(r.status()).isEqualTo(Status.MODIFIED);
    assertThat(r.intact()).isFalse();
  }

  @Test
  @DisplayName("DS13: an adbe.pkcs7.sha1 signature (encapsulated SHA-1 of the ranges) is VALID, and MODIFIED when a signed byte changes")
  void sha1_subfilter() throws IOException {
    Path out = dir.resolve("sha1.pdf");
    TestPki.signSha1(unsigned(), out, pki.signerKey(), pki.chain(), "Ký");
    SignatureReport ok = verifier.verify(out).get(0);
    assertThat(ok.status()).isEqualTo(Status.VALID);
    assertThat(ok.signerCommonName()).isEqualTo("Nguyễn Văn An");

    byte[] b = Files.readAllBytes(out);
    b[7] = (byte) (b[7] == '4' ? '5' : '4'); // the header's minor version: %PDF-1.x
    Path bad = dir.resolve("sha1-bad.pdf");
    Files.write(bad, b);
    SignatureReport r = verifier.verify(bad).get(0);
    assertThat(r.status()).isEqualTo(Status.MODIFIED);
    assertThat(r.problem()).isEqualTo("signed content was changed");
  }

  @Test
  @DisplayName("DS11: toJson carries every field, signingTime as an ISO string (or null) and the status name")
  void json() throws IOException {
    JsonObject j = verifier.verify(signedBy(pki, "signed.pdf")).get(0).toJson();
    assertThat(j.fieldNames()).containsExactlyInAnyOrder("field", "signerSubject", "signerCommonName", "signingTime",
        "intact", "coversWholeDocument", "modifiedAfterSigning", "trusted", "problem", "status", "signingTimeSource",
        "certificateStatus", "level", "revision", "laterRevisions", "indication", "subIndication");
    assertThat(j.getString("status")).isEqualTo("VALID");
    assertThat(Instant.parse(j.getString("signingTime"))).isBefore(Instant.now().plusSeconds(1));
    assertThat(j.getString("signerCommonName")).isEqualTo("Nguyễn Văn An");
    assertThat(j.getValue("problem")).isNull();
    JsonObject invalid = new SignatureReport("f", null, null, null, false, false, true, false, "x", Status.INVALID,
        "CLAIMED", "UNKNOWN", null, null, null, null).toJson();
    assertThat(invalid.containsKey("signingTime")).isTrue();
    assertThat(invalid.getValue("signingTime")).isNull();
  }

  @Test
  @DisplayName("DS14: a signer certificate that had expired when the signature was made gives INVALID, certificateStatus EXPIRED")
  void expired_signer() throws IOException {
    Instant now = Instant.now();
    TestPki.Identity old = pki.issue("Phạm Hết Hạn", now.minus(java.time.Duration.ofDays(400)), now.minus(java.time.Duration.ofDays(1)));
    Path out = dir.resolve("expired.pdf");
    TestPki.sign(unsigned(), out, old.key(), old.chain(), "Ký");

    SignatureReport r = verifier.verify(out).get(0);

    assertThat(r.status()).isEqualTo(Status.INVALID);
    assertThat(r.intact()).isTrue();
    assertThat(r.certificateStatus()).isEqualTo("EXPIRED");
    assertThat(r.problem()).isEqualTo("signer certificate had expired at the signing time");
    assertThat(r.signerCommonName()).isEqualTo("Phạm Hết Hạn");
  }

  @Test
  @DisplayName("DS15: a CRL embedded in the signature that lists the signer gives INVALID, certificateStatus REVOKED; a CRL without it gives GOOD")
  void revoked_signer() throws IOException {
    TestPki.Identity revoked = pki.issue("Đỗ Bị Thu Hồi", false);
    Path bad = dir.resolve("revoked.pdf");
    TestPki.signWithCrl(unsigned(), bad, revoked.key(), revoked.chain(), pki.crl(revoked.chain()[0]));

    SignatureReport r = verifier.verify(bad).get(0);

    assertThat(r.status()).isEqualTo(Status.INVALID);
    assertThat(r.intact()).isTrue();
    assertThat(r.certificateStatus()).isEqualTo("REVOKED");
    assertThat(r.problem()).startsWith("signer certificate was revoked");

    Path good = dir.resolve("crl-good.pdf");
    TestPki.signWithCrl(unsigned(), good, pki.signerKey(), pki.chain(), pki.crl(revoked.chain()[0]));
    SignatureReport g = verifier.verify(good).get(0);
    assertThat(g.status()).isEqualTo(Status.VALID);
    assertThat(g.certificateStatus()).isEqualTo("GOOD");
    // without any revocation data the status is VALID and the certificate's status UNKNOWN (nothing fetched)
    assertThat(verifier.verify(signedBy(pki, "signed.pdf")).get(0).certificateStatus()).isEqualTo("UNKNOWN");
  }

  @Test
  @DisplayName("DS16: a truncated CMS container (the second half of /Contents zeroed) gives INVALID 'signature data cannot be read'")
  void truncated_cms() throws IOException {
    Path signed = signedBy(pki, "signed.pdf");
    int[] br = byteRange(signed);
    byte[] b = Files.readAllBytes(signed);
    int hexStart = br[1] + 1;
    int cmsHex;
    try (PDDocument doc = Loader.loadPDF(signed.toFile())) {
      cmsHex = 2 * cms(doc.getLastSignatureDictionary().getContents()).getEncoded().length;
    }
    for (int i = hexStart + cmsHex / 2; i < hexStart + cmsHex; i++) {
      b[i] = '0';
    }
    Path cut = dir.resolve("truncated.pdf");
    Files.write(cut, b);

    assertThat(verifier.verify(cut)).singleElement().satisfies(r -> {
      assertThat(r.status()).isEqualTo(Status.INVALID);
      assertThat(r.intact()).isFalse();
      assertThat(r.problem()).isEqualTo("signature data cannot be read");
    });
  }
}
