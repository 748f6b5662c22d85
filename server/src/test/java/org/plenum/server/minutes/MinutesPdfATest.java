package org.plenum.server.minutes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.TestPki;
import org.plenum.server.testing.TestTrustServices;
import org.verapdf.core.ValidationException;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/** MN2: the minutes are PDF/A-2b by an independent validator (veraPDF), before and after signing (D36). */
class MinutesPdfATest {
  private final MinutesPdf pdf = new MinutesPdf(MinutesPdfTest.FONTS, ZoneId.of("Asia/Ho_Chi_Minh"));

  @BeforeAll
  static void veraPdf() {
    VeraGreenfieldFoundryProvider.initialise();
  }

  /** The rules veraPDF's PDF/A-2b profile finds broken, one line each ("6.2.11.4.1-1: message (location)"). */
  static List<String> failedRules(byte[] file) throws Exception {
    try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(file), PDFAFlavour.PDFA_2_B);
        PDFAValidator validator = Foundries.defaultInstance().createValidator(PDFAFlavour.PDFA_2_B, false)) {
      ValidationResult result = validator.validate(parser);
      List<String> failed = result.getTestAssertions().stream()
          .filter(a -> a.getStatus() == TestAssertion.Status.FAILED)
          .map(a -> a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber() + ": " + a.getMessage()
              + " (" + a.getLocation().getContext() + ")")
          .distinct()
          .collect(Collectors.toList());
      if (!result.isCompliant() && failed.isEmpty()) {
        failed.add("not compliant, no failed assertion reported");
      }
      return failed;
    } catch (ValidationException e) {
      return List.of("veraPDF could not validate: " + e.getMessage());
    }
  }

  @Test
  @DisplayName("MN2: the check is not vacuous: a plain PDF (no XMP identification, no output intent) fails veraPDF's PDF/A-2b profile")
  void plain_pdf_fails() throws Exception {
    java.nio.file.Path plain = java.nio.file.Files.createTempFile("plain-", ".pdf");
    try {
      TestPki.createPdf(plain, 1);
      assertThat(failedRules(java.nio.file.Files.readAllBytes(plain))).isNotEmpty().anyMatch(rule -> rule.startsWith("6.6"));
    } finally {
      java.nio.file.Files.deleteIfExists(plain);
    }
  }

  @Test
  @DisplayName("MN2: the Vietnamese draft passes veraPDF's PDF/A-2b profile")
  void vietnamese_draft_is_pdfa_2b() throws Exception {
    byte[] file = pdf.render(new MinutesPdfTest().record(), MinutesPdf.Lang.VI, MinutesPdf.Stage.DRAFT);
    assertThat(failedRules(file)).as("failed PDF/A-2b rules").isEmpty();
  }

  @Test
  @DisplayName("MN2: the English final minutes pass veraPDF's PDF/A-2b profile")
  void english_final_is_pdfa_2b() throws Exception {
    byte[] file = pdf.render(new MinutesPdfTest().record(), MinutesPdf.Lang.EN, MinutesPdf.Stage.FINAL);
    assertThat(failedRules(file)).as("failed PDF/A-2b rules").isEmpty();
  }

  @Test
  @DisplayName("MN2, MN7: signed by the secretary and the chair at PAdES-BASELINE-LT, the minutes are still PDF/A-2b")
  void signed_minutes_stay_pdfa_2b() throws Exception {
    byte[] file = pdf.render(new MinutesPdfTest().record(), MinutesPdf.Lang.VI, MinutesPdf.Stage.FINAL);
    TestPki pki = TestPki.create();
    try (TestTrustServices services = new TestTrustServices(pki)) {
      byte[][] revisions = DssPadesSigningTest.secretaryThenChair(new DssPadesSigning(services.tsaUrl(), services.ocspUrl(), ""), pki, file);
      assertThat(failedRules(revisions[0])).as("failed PDF/A-2b rules after the first signature").isEmpty();
      assertThat(failedRules(revisions[1])).as("failed PDF/A-2b rules after the second signature").isEmpty();
    }
  }
}
