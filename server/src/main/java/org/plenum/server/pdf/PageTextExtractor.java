package org.plenum.server.pdf;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * The text of every page in one pass of PDFTextStripper over the document, its output cut at every page boundary:
 * lines separated by '\n', trimmed, in content order (position order on a rotated page). Stops with {@link
 * TimeBudget.Interrupted} at the next page, or within 1024 operators, once the time is spent.
 */
final class PageTextExtractor extends PDFTextStripper {
  private final String[] texts;
  private final StringWriter out = new StringWriter();
  private int operators;

  /** @param pages how many pages the document has */
  PageTextExtractor(int pages) {
    texts = new String[pages];
    Arrays.fill(texts, "");
    setSortByPosition(false);
    setLineSeparator("\n");
    setPageEnd("");
    setPageStart("");
  }

  void extract(PDDocument doc) throws IOException {
    writeText(doc, out);
  }

  /** The text of the page at {@code index} (0-based); empty for a page without text. */
  String text(int index) {
    return texts[index];
  }

  /** The 1-based page being read, or 0 before the first. */
  int currentPage() {
    return getCurrentPageNo();
  }

  @Override
  protected void startPage(PDPage page) throws IOException {
    TimeBudget.checkInCallback();
    out.getBuffer().setLength(0);
    // Content order reads columns correctly, but on a page with /Rotate PDFTextStripper then breaks lines
    // mid-word; position order does not.
    setSortByPosition(PageGeometry.rotation(page) != 0);
    super.startPage(page);
  }

  @Override
  protected void endPage(PDPage page) throws IOException {
    super.endPage(page);
    int index = getCurrentPageNo() - 1;
    if (index >= 0 && index < texts.length) {
      texts[index] = out.toString().strip();
    }
    out.getBuffer().setLength(0);
  }

  @Override
  protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
    if ((++operators & 0x3FF) == 0) {
      TimeBudget.checkInCallback();
    }
    super.processOperator(operator, operands);
  }
}
