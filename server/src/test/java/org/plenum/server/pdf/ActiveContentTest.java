package org.plenum.server.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.pdf.ActiveContent.Kind;
import org.plenum.server.testing.ActivePdfs;
import org.plenum.server.testing.PdfCorpus;

/** DU6: active content found in every hiding place by the inspection, and removed by {@link ActiveContent#strip}. */
class ActiveContentTest {
  static Path dir;
  static final PdfInspector.Limits LIMITS = new PdfInspector.Limits(100, 64L << 20);

  @BeforeAll
  static void dir() throws Exception {
    dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "active-");
  }

  private record Case(Path file, List<Kind> kinds) {}

  private static List<Case> cases() throws Exception {
    return List.of(
        new Case(ActivePdfs.openActionJavaScript(dir), List.of(Kind.JAVASCRIPT)),
        new Case(ActivePdfs.additionalActions(dir), List.of(Kind.JAVASCRIPT, Kind.LAUNCH)),
        new Case(ActivePdfs.namesJavaScript(dir), List.of(Kind.JAVASCRIPT)),
        new Case(ActivePdfs.launchAndLink(dir), List.of(Kind.LAUNCH, Kind.URI)),
        new Case(ActivePdfs.embeddedFiles(dir), List.of(Kind.EMBEDDED_FILES)),
        new Case(ActivePdfs.submitAndXfa(dir), List.of(Kind.SUBMIT_FORM, Kind.XFA)),
        new Case(ActivePdfs.chainedJavaScript(dir), List.of(Kind.JAVASCRIPT)));
  }

  @Test
  @DisplayName("DU6: each kind of active content, in each hiding place, is found by the inspection; a plain PDF carries none")
  void found() throws Exception {
    for (Case c : cases()) {
      assertThat(ActivePdfs.leftovers(c.file())).as("the test file itself carries active content: " + c.file()).isNotEmpty();
      var found = PdfInspector.inspect(c.file(), LIMITS).activeContent();
      assertThat(found.kinds()).as(c.file().getFileName().toString()).containsExactlyElementsOf(c.kinds());
    }
    var plain = PdfInspector.inspect(PdfCorpus.validPdf(dir, 2, "plain"), LIMITS).activeContent();
    assertThat(plain.kinds()).isEmpty();
    assertThat(plain.needsStripping(false)).isFalse();
  }

  @Test
  @DisplayName("DU6: strip removes every kind but links from anywhere in the file; pages, text, links and a harmless GoTo stay")
  void stripped() throws Exception {
    for (Case c : cases()) {
      Path out = dir.resolve("clean-" + c.file().getFileName());
      var found = ActiveContent.strip(c.file(), out, false, 64L << 20);
      assertThat(found.kinds()).containsExactlyElementsOf(c.kinds());
      assertThat(ActivePdfs.leftovers(out)).as(out.toString()).isEmpty();
      var again = PdfInspector.inspect(out, LIMITS);
      assertThat(again.pageCount()).isEqualTo(2);
      assertThat(again.activeContent().needsStripping(false)).isFalse();
      try (var doc = Loader.loadPDF(out.toFile())) {
        assertThat(new PDFTextStripper().getText(doc)).contains(ActivePdfs.TEXT);
      }
    }
    Path linked = ActivePdfs.launchAndLink(dir);
    Path out = dir.resolve("clean-linked.pdf");
    var found = ActiveContent.strip(linked, out, false, 64L << 20);
    assertThat(found.uris()).containsExactly(ActivePdfs.LINK);
    assertThat(ActivePdfs.links(out)).containsExactly(ActivePdfs.LINK);
    assertThat(PdfInspector.inspect(out, LIMITS).activeContent().kinds()).containsExactly(Kind.URI);

    Path chained = ActivePdfs.chainedJavaScript(dir);
    Path clean = dir.resolve("clean-chained.pdf");
    ActiveContent.strip(chained, clean, false, 64L << 20);
    try (var doc = Loader.loadPDF(clean.toFile())) {
      var item = doc.getDocumentCatalog().getDocumentOutline().getFirstChild();
      assertThat(item.getAction()).as("the GoTo stays, without its JavaScript /Next").isNotNull();
      assertThat(item.getAction().getCOSObject().containsKey(org.apache.pdfbox.cos.COSName.getPDFName("Next"))).isFalse();
    }
  }

  @Test
  @DisplayName("DU6: with documents.allow_embedded_files, embedded files are kept (and still reported); JavaScript is removed all the same")
  void embeddedAllowed() throws Exception {
    Path embedded = ActivePdfs.embeddedFiles(dir);
    var found = PdfInspector.inspect(embedded, LIMITS).activeContent();
    assertThat(found.needsStripping(true)).isFalse();
    assertThat(found.needsStripping(false)).isTrue();
    Path out = dir.resolve("kept-embedded.pdf");
    ActiveContent.strip(embedded, out, true, 64L << 20);
    assertThat(ActivePdfs.leftovers(out)).contains("/EF", "/EmbeddedFiles");
    try (var doc = Loader.loadPDF(out.toFile())) {
      assertThat(doc.getDocumentCatalog().getNames().getEmbeddedFiles().getNames()).containsKey("payload.exe");
    }
    Path js = ActivePdfs.openActionJavaScript(dir);
    Path cleanJs = dir.resolve("allowed-but-js.pdf");
    ActiveContent.strip(js, cleanJs, true, 64L << 20);
    assertThat(ActivePdfs.leftovers(cleanJs)).isEmpty();
  }
}
