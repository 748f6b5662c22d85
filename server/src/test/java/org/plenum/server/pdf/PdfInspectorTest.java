package org.plenum.server.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenum.server.pdf.PdfInspector.Inspection;
import org.plenum.server.pdf.PdfInspector.Limits;
import org.plenum.server.pdf.PdfInspector.PageInfo;
import org.plenum.server.testing.PdfCorpus;

class PdfInspectorTest {

  static {
    // PDFBox maps non-embedded fonts (Helvetica in the hand-written files) via a font cache: keep it in target/.
    if (System.getProperty("pdfbox.fontcache") == null) {
      System.setProperty("pdfbox.fontcache", Path.of("target").toAbsolutePath().toString());
    }
  }

  static final Limits LIMITS = new Limits(5000, 16L << 20);
  static final float A4_W = 595.2756f;
  static final float A4_H = 841.8898f;
  /** Every corpus file is judged within this time. */
  static final long BUDGET_MS = 5_000;

  @TempDir static Path dir;
  static Path valid;
  static final Map<String, Path> made = new ConcurrentHashMap<>();

  /** Each corpus file is generated once per run (the large ones take a second or so). */
  static Path once(String key, Check<Path> make) throws Exception {
    Path p = made.get(key);
    if (p == null) {
      p = make.run();
      made.put(key, p);
    }
    return p;
  }

  static Path bomb256() throws Exception {
    return once("bomb256", () -> PdfCorpus.zipBomb(dir, 256L << 20));
  }

  static Path bomb50() throws Exception {
    return once("bomb50", () -> PdfCorpus.zipBomb(dir, 50L << 20));
  }

  static Path flood() throws Exception {
    return once("flood", () -> PdfCorpus.operandFlood(dir, 20L << 20));
  }

  static Path objStm300() throws Exception {
    return once("objStm300", () -> PdfCorpus.hugeObjectStream(dir));
  }

  static Path big() throws Exception {
    return once("big", () -> PdfCorpus.bigPdf(dir, 20L << 20));
  }

  @BeforeAll
  static void corpus() throws IOException {
    valid = PdfCorpus.validPdf(dir, 4, PdfCorpus.VIETNAMESE);
  }

  @Test
  @DisplayName("PD1: a valid 4-page PDF gives its page count, the displayed size of each page and its text with "
      + "Vietnamese diacritics intact")
  void validPdf() throws Exception {
    Inspection inspection = timed(() -> PdfInspector.inspect(valid, LIMITS));

    assertThat(inspection.pageCount()).isEqualTo(4);
    assertThat(inspection.signed()).isFalse();
    List<PageInfo> pages = inspection.pages();
    assertThat(pages).extracting(PageInfo::number).containsExactly(1, 2, 3, 4);
    assertSize(pages.get(0), A4_W, A4_H); // portrait
    assertSize(pages.get(1), A4_H, A4_W); // landscape media box
    assertSize(pages.get(2), A4_H, A4_W); // portrait media box with /Rotate 90: displayed landscape
    assertSize(pages.get(3), A4_W, A4_H);
    for (PageInfo page : pages) {
      assertThat(page.text()).isEqualTo("Trang " + page.number() + " / Page " + page.number() + "\n"
          + "Ngh\u1ecb quy\u1ebft d\u1ef1 to\u00e1n ng\u00e2n s\u00e1ch n\u0103m 2027");
    }
  }

  @Test
  @DisplayName("PD2: a 20 MB PDF of incompressible images is accepted within the time budget")
  void bigPdf() throws Exception {
    Path big = big();
    assertThat(Files.size(big)).isGreaterThanOrEqualTo(20L << 20);

    Inspection inspection = timed(() -> PdfInspector.inspect(big, LIMITS));

    assertThat(inspection.pageCount()).isEqualTo(21);
    assertThat(inspection.pages()).allSatisfy(p -> assertThat(p.text()).startsWith("Ph\u1ee5 l\u1ee5c " + p.number()));
  }

  @Test
  @DisplayName("PD3: a PNG named .pdf is rejected as not a PDF, saying what it looks like")
  void notPdf() throws Exception {
    assertThat(rejected(PdfCorpus.notPdf(dir)))
        .startsWith("This file is not a PDF (it does not start with %PDF-)")
        .contains("looks like an image");
  }

  @Test
  @DisplayName("PD4: a PDF cut off during copying (50 % or 98 % of it) is rejected as incomplete, not repaired")
  void truncated() throws Exception {
    for (double fraction : new double[] {0.5, 0.98}) {
      assertThat(rejected(PdfCorpus.truncated(valid, fraction)))
          .startsWith("The PDF is incomplete: the file ends before its end marker \u2014 it was probably cut off "
              + "during copying.");
    }
  }

  @Test
  @DisplayName("PD5: a page tree claiming /Count 1000000 is rejected before any page is rendered, naming the one page it really holds")
  void millionPages() throws Exception {
    assertThat(rejected(PdfCorpus.millionPages(dir)))
        .startsWith("The PDF's page list claims 1000000 pages but holds 1; at most 5000 are accepted");
  }

  @Test
  @DisplayName("PD8: a page tree that lists itself among its kids (a loop) is rejected as damaged, not accepted with one page")
  void cyclicPageTree() throws Exception {
    assertThat(rejected(PdfCorpus.cyclicPageTree(dir))).startsWith("The PDF is damaged and cannot be read (its page tree loops back on itself)");
  }

  @Test
  @DisplayName("PD6: a page tree that understates its /Count is counted leaf by leaf and rejected past the limit")
  void understatedCount() throws Exception {
    Path file = PdfCorpus.understatedCount(dir, 12);

    assertThat(rejected(file, new Limits(10, 16L << 20)))
        .startsWith("The PDF has more than 10 pages; at most 10 are accepted.");
    assertThat(timed(() -> PdfInspector.inspect(file, new Limits(12, 16L << 20))).pageCount()).isEqualTo(12);
  }

  @Test
  @DisplayName("PD7: arrays nested 100000 deep are rejected as damaged (PDFBox stops at depth 500), no "
      + "StackOverflowError")
  void deeplyNested() throws Exception {
    assertThat(rejected(PdfCorpus.deeplyNested(dir, 100_000)))
        .startsWith("The PDF is damaged and cannot be read (");
  }

  @Test
  @DisplayName("PD8: a PDF that needs a password to open is rejected as password-protected")
  void encrypted() throws Exception {
    assertThat(rejected(PdfCorpus.encrypted(dir)))
        .isEqualTo("The PDF is password-protected; upload a copy without a password.");
  }

  @Test
  @DisplayName("PD9: a PDF that opens without a password but is encrypted with usage restrictions is rejected")
  void ownerPasswordOnly() throws Exception {
    assertThat(rejected(PdfCorpus.ownerPasswordOnly(dir)))
        .startsWith("The PDF is encrypted (it restricts printing, copying or editing)");
  }

  @Test
  @DisplayName("PD10: a 'zip bomb' (a content stream unpacking to 256 MB from 256 KB) is rejected without "
      + "unpacking it into memory")
  void zipBomb() throws Exception {
    Path bomb = bomb256();
    assertThat(Files.size(bomb)).isLessThan(1L << 20);

    assertThat(rejected(bomb))
        .startsWith("The PDF contains a compressed part (object 4) that unpacks to more than 64 MB;");
  }

  @Test
  @DisplayName("PD11: a content stream unpacking to 50 MB (under the 64 MB cap) is read through: accepted, the "
      + "text after it found")
  void fiftyMegabyteStream() throws Exception {
    Inspection inspection = timed(() -> PdfInspector.inspect(bomb50(), LIMITS));

    assertThat(inspection.pages()).singleElement().extracting(PageInfo::text).isEqualTo("After the bomb");
  }

  @Test
  @DisplayName("PD12: 20 MB of operands without an operator ('0 0 0 …', which PDFBox would keep in memory) are "
      + "rejected")
  void operandFlood() throws Exception {
    assertThat(rejected(flood()))
        .startsWith("The PDF contains drawing instructions (object 4) with more than 50000 values in a row;");
  }

  @Test
  @DisplayName("PD13: the 50 MB stream, the 256 MB zip bomb, the 300 MB object stream, the operand flood and the "
      + "20 MB PDF are each inspected in a JVM with a 64 MB heap")
  void smallHeap() throws Exception {
    List<Path> files = List.of(bomb50(), bomb256(), objStm300(), flood(), big());
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx64m", "-Dpdfbox.fontcache=" + System.getProperty("pdfbox.fontcache"),
        "-cp", System.getProperty("java.class.path"), SmallHeap.class.getName()));
    files.forEach(f -> command.add(f.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output;
    try (var in = process.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("zip-bomb-50mb.pdf: accepted 1 page", "zip-bomb-256mb.pdf: rejected",
        "huge-object-stream-300mb.pdf: rejected", "operand-flood-20mb.pdf: rejected", ": accepted 21 pages");
    assertThat(output).doesNotContain("OutOfMemoryError", "memory");
  }

  /** The child JVM of PD13. */
  public static final class SmallHeap {
    public static void main(String[] args) {
      for (String arg : args) {
        Path file = Path.of(arg);
        try {
          int pages = PdfInspector.inspect(file, LIMITS).pageCount();
          System.out.println(file.getFileName() + ": accepted " + pages + (pages == 1 ? " page" : " pages"));
        } catch (PdfRejected e) {
          System.out.println(file.getFileName() + ": rejected: " + e.getMessage());
        }
      }
    }
  }

  @Test
  @DisplayName("PD14: a content stream claiming /Length 999999999 is repaired by PDFBox (it finds 'endstream'): "
      + "readable, so accepted")
  void lengthBeyondFile() throws Exception {
    Inspection inspection = timed(() -> PdfInspector.inspect(PdfCorpus.lengthBeyondFile(dir), LIMITS));

    assertThat(inspection.pages()).singleElement().extracting(PageInfo::text).isEqualTo("Length lies");
  }

  @Test
  @DisplayName("PD21: an object stream (/ObjStm) unpacking to 300 MB is rejected from the raw file, before PDFBox "
      + "would unpack it into memory while loading; the same file with a small object stream is accepted")
  void hugeObjectStream() throws Exception {
    assertThat(rejected(objStm300()))
        .startsWith("The PDF contains a compressed part (object 1) that unpacks to more than 64 MB;");
    Inspection small = timed(() -> PdfInspector.inspect(PdfCorpus.hugeObjectStream(dir, 4096), LIMITS));
    assertThat(small.pageCount()).isEqualTo(1);
  }

  @Test
  @DisplayName("PD15: random bytes as a page's content (raw or claiming /FlateDecode) are skipped by PDFBox: the "
      + "page is readable with no text, so accepted")
  void garbageContent() throws Exception {
    for (Path file : List.of(PdfCorpus.garbageStream(dir), PdfCorpus.garbageFlateStream(dir))) {
      Inspection inspection = timed(() -> PdfInspector.inspect(file, LIMITS));
      assertThat(inspection.pages()).singleElement().satisfies(p -> {
        assertThat(p.text()).isEmpty();
        assertThat(p.widthPt()).isEqualTo(595f);
        assertThat(p.heightPt()).isEqualTo(842f);
      });
    }
  }

  @Test
  @DisplayName("PD16: a PDF with a signature dictionary is reported as signed")
  void signed() throws Exception {
    Inspection inspection = timed(() -> PdfInspector.inspect(PdfCorpus.signedPdf(dir), LIMITS));

    assertThat(inspection.signed()).isTrue();
    assertThat(inspection.pageCount()).isEqualTo(2);
  }

  @Test
  @DisplayName("PD17: an empty file is rejected as empty")
  void emptyFile() throws Exception {
    Path empty = Files.createFile(dir.resolve("empty.pdf"));

    assertThat(rejected(empty)).startsWith("The file is empty");
  }

  @Test
  @DisplayName("PD18: when the caller interrupts the thread (time budget spent) the inspection ends with 'took too "
      + "long' and the interrupt stays set")
  void interrupted() throws Exception {
    Thread.currentThread().interrupt();
    try {
      PdfInspector.inspect(valid, LIMITS);
      fail("expected PdfRejected");
    } catch (PdfRejected e) {
      assertThat(e.getMessage()).startsWith("The PDF took too long to check");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  @DisplayName("PD19: an interrupt arriving mid-way through a 50-page PDF ends it with 'took too long', nothing else")
  void interruptedMidway() throws Exception {
    Path fifty = PdfCorpus.validPdf(Files.createTempDirectory(dir, "fifty"), 50, PdfCorpus.VIETNAMESE);
    for (int delayMs : new int[] {0, 1, 5, 20}) {
      Object[] outcome = new Object[1];
      Thread worker = new Thread(() -> {
        try {
          outcome[0] = PdfInspector.inspect(fifty, LIMITS);
        } catch (Throwable e) {
          outcome[0] = e;
        }
      });
      worker.start();
      Thread.sleep(delayMs);
      worker.interrupt();
      worker.join(BUDGET_MS);
      assertThat(worker.isAlive()).isFalse();
      if (outcome[0] instanceof Throwable t) {
        assertThat(t).isInstanceOf(PdfRejected.class).hasMessageStartingWith("The PDF took too long to check");
      } else {
        assertThat(outcome[0]).isInstanceOf(Inspection.class); // finished before the interrupt
      }
    }
  }

  @Test
  @DisplayName("PD20: PdfRejected carries no stack trace of its own")
  void noStackTrace() {
    assertThat(new PdfRejected("x").getStackTrace()).isEmpty();
  }

  // -------------------------------------------------------------------------------------------------------------

  interface Check<T> {
    T run() throws Exception;
  }

  /** Runs the check, failing when it takes longer than the budget. */
  static <T> T timed(Check<T> check) throws Exception {
    long start = System.nanoTime();
    T result = check.run();
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertThat(ms).as("milliseconds").isLessThan(BUDGET_MS);
    return result;
  }

  static String rejected(Path file) {
    return rejected(file, LIMITS);
  }

  /** The message of the PdfRejected the file gives, within the budget; any other outcome fails. */
  static String rejected(Path file, Limits limits) {
    long start = System.nanoTime();
    try {
      Inspection inspection = PdfInspector.inspect(file, limits);
      return fail("expected PdfRejected for %s, got %s", file.getFileName(), inspection);
    } catch (PdfRejected e) {
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertThat(ms).as("milliseconds for " + file.getFileName()).isLessThan(BUDGET_MS);
      assertThat(e.getMessage()).isNotBlank().doesNotContain("Exception");
      return e.getMessage();
    } catch (Throwable e) {
      throw new AssertionError("expected PdfRejected for " + file.getFileName() + ", got " + e, e);
    }
  }

  static void assertSize(PageInfo page, float width, float height) {
    assertThat(page.widthPt()).as("width of page " + page.number()).isCloseTo(width, within(0.01f));
    assertThat(page.heightPt()).as("height of page " + page.number()).isCloseTo(height, within(0.01f));
  }
}
