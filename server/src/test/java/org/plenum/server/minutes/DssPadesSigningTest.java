package org.plenum.server.minutes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.pdf.SignatureVerifier;
import org.plenum.server.pdf.SignatureVerifier.SignatureReport;
import org.plenum.server.testing.TestPki;
import org.plenum.server.testing.TestTrustServices;

/** MN8: the minutes signed PAdES-BASELINE-LT through DSS, with a TSA and an OCSP responder of the test's own. */
class DssPadesSigningTest {

  @TempDir
  Path dir;

  static Signer signer(TestPki.Identity id) {
    return new Signer() {
      @Override
      public List<X509Certificate> chain() {
        return Arrays.asList(id.chain());
      }

      @Override
      public String algorithm() {
        return "SHA256withRSA";
      }

      @Override
      public byte[] sign(byte[] toBeSigned) throws GeneralSecurityException {
        Signature s = Signature.getInstance("SHA256withRSA");
        PrivateKey k = id.key();
        s.initSign(k);
        s.update(toBeSigned);
        return s.sign();
      }
    };
  }

  @Test
  @DisplayName("MN7, MN8: secretary then chair sign LT (TSA time, chain and OCSP embedded); offline DSS validation says both VALID at PAdES-BASELINE-LT, the first not modified by the second")
  void two_lt_signatures_validate_offline() throws Exception {
    TestPki pki = TestPki.create();
    try (TestTrustServices services = new TestTrustServices(pki)) {
      Path unsigned = dir.resolve("minutes.pdf");
      TestPki.createPdf(unsigned, 2);
      DssPadesSigning lt = new DssPadesSigning(services.tsaUrl(), services.ocspUrl(), "");

      byte[] once = lt.sign(Files.readAllBytes(unsigned), signer(pki.issue("Thư Ký", false)), "Thư Ký", "Thư ký ký biên bản", "Demo");
      byte[] twice = lt.sign(once, signer(pki.issue("Chủ Trì", false)), "Chủ Trì", "Chủ trì ký biên bản", "Demo");
      assertThat(Arrays.equals(twice, 0, once.length, once, 0, once.length)).as("incremental: the first revision is a prefix").isTrue();
      assertThat(services.tsaRequests.get()).isGreaterThanOrEqualTo(2);
      assertThat(services.ocspRequests.get()).isPositive();
      Path signed = dir.resolve("signed.pdf");
      Files.write(signed, twice);

      // the services are gone: validation uses only what the file carries
      services.close();
      List<SignatureReport> reports = new SignatureVerifier(List.of(pki.root())).verify(signed);

      assertThat(reports).hasSize(2);
      assertThat(reports).extracting(SignatureReport::signerCommonName).containsExactly("Thư Ký", "Chủ Trì");
      for (SignatureReport r : reports) {
        assertThat(r.status()).as(r.toString()).isEqualTo(SignatureReport.Status.VALID);
        assertThat(r.level()).isEqualTo("PAdES-BASELINE-LT");
        assertThat(r.signingTimeSource()).isEqualTo("TIMESTAMP");
        assertThat(r.certificateStatus()).isEqualTo("GOOD");
        assertThat(r.modifiedAfterSigning()).isFalse();
      }
      assertThat(reports.get(0).coversWholeDocument()).isFalse();
      assertThat(reports.get(0).coverage().laterRevisions().stream().map(o -> ((io.vertx.core.json.JsonObject) o).getString("kind")))
          .contains("SIGNATURE");

      // poppler and qpdf agree (independent of DSS)
      Path nss = dir.resolve("nss");
      Files.createDirectories(nss);
      MinutesIT.run("certutil", "-N", "-d", "sql:" + nss, "--empty-password");
      Path ca = pki.writeRootPem(dir.resolve("root.pem"));
      MinutesIT.run("certutil", "-A", "-d", "sql:" + nss, "-n", "plenum-test-root", "-t", "CT,C,C", "-a", "-i", ca.toString());
      String pdfsig = MinutesIT.run("pdfsig", "-nssdir", "sql:" + nss, signed.toString());
      assertThat(pdfsig).contains("Signature #1", "Signature #2", "Thư Ký", "Chủ Trì");
      assertThat(pdfsig.split("Signature is Valid", -1)).as(pdfsig).hasSize(3);
      assertThat(MinutesIT.run("qpdf", "--check", signed.toString())).contains("No syntax or stream encoding errors");

      // one changed byte inside the first signed range: both signatures report the change
      byte[] bad = twice.clone();
      String text = new String(bad, java.nio.charset.StandardCharsets.ISO_8859_1);
      int tj = text.indexOf("> Tj");
      bad[tj - 1] = (byte) (bad[tj - 1] == '0' ? '1' : '0');
      Path tampered = dir.resolve("tampered.pdf");
      Files.write(tampered, bad);
      assertThat(new SignatureVerifier(List.of(pki.root())).verify(tampered))
          .allSatisfy(r -> assertThat(r.status()).isEqualTo(SignatureReport.Status.MODIFIED));
    }
  }

  /** A one-page PDF to sign. */
  byte[] onePage() throws java.io.IOException {
    Path unsigned = dir.resolve("one-page.pdf");
    TestPki.createPdf(unsigned, 1);
    return Files.readAllBytes(unsigned);
  }

  /** The secretary's signature, then the chair's, each under a new identity of {@code pki}: both revisions. */
  static byte[][] secretaryThenChair(DssPadesSigning signing, TestPki pki, byte[] pdf) {
    byte[] once = signing.sign(pdf, signer(pki.issue("Thư Ký", false)), "Thư Ký", "Thư ký ký biên bản", "Demo");
    byte[] twice = signing.sign(once, signer(pki.issue("Chủ Trì", false)), "Chủ Trì", "Chủ trì ký biên bản", "Demo");
    return new byte[][] {once, twice};
  }

  @Test
  @DisplayName("MN10: with minutes.signature_level LTA each signature is followed by the TSA's document time-stamp; offline DSS validation says both signatures VALID at PAdES-BASELINE-LTA")
  void lta_adds_document_time_stamps() throws Exception {
    TestPki pki = TestPki.create();
    try (TestTrustServices services = new TestTrustServices(pki)) {
      byte[] twice = secretaryThenChair(new DssPadesSigning(services.tsaUrl(), services.ocspUrl(), "", true), pki, onePage())[1];
      assertThat(services.tsaRequests.get()).as("a signature time-stamp and a document time-stamp per signature").isGreaterThanOrEqualTo(4);
      Path signed = dir.resolve("signed-lta.pdf");
      Files.write(signed, twice);
      services.close();

      List<SignatureReport> reports = new SignatureVerifier(List.of(pki.root())).verify(signed);
      List<SignatureReport> signatures = reports.stream().filter(r -> r.level() != null).toList();
      assertThat(signatures).extracting(SignatureReport::signerCommonName).containsExactly("Thư Ký", "Chủ Trì");
      assertThat(signatures).allSatisfy(r -> {
        assertThat(r.status()).as(r.toString()).isEqualTo(SignatureReport.Status.VALID);
        assertThat(r.level()).isEqualTo("PAdES-BASELINE-LTA");
        assertThat(r.signingTimeSource()).isEqualTo("TIMESTAMP");
      });
      assertThat(reports).as("the document time-stamps are reported too, and intact").hasSizeGreaterThan(2)
          .allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(SignatureReport.Status.VALID));
      assertThat(MinutesIT.run("qpdf", "--check", signed.toString())).contains("No syntax or stream encoding errors");
    }
  }

  @Test
  @DisplayName("MN7: a time-stamp authority that does not answer is UNAVAILABLE and gives no signed bytes")
  void tsa_down_is_unavailable() throws Exception {
    TestPki pki = TestPki.create();
    Path unsigned = dir.resolve("minutes.pdf");
    TestPki.createPdf(unsigned, 1);
    DssPadesSigning lt = new DssPadesSigning("http://127.0.0.1:9/tsa", "http://127.0.0.1:9/ocsp", "");
    assertThatThrownBy(() -> lt.sign(Files.readAllBytes(unsigned), signer(pki.issue("Thư Ký", false)), "Thư Ký", "r", "Demo"))
        .isInstanceOfSatisfying(PlenumException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
  }
}
