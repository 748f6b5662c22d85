package org.plenum.server.pdf;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;

/**
 * The pages of a loaded document within the page limit: first the /Count the root of the page tree claims (refused
 * above the limit before any page is visited), then the tree itself, walked without recursion and refused as soon as
 * it holds more leaves than the limit (a tree may understate its /Count).
 */
final class PageTree {

  private PageTree() {}

  /**
   * The leaves of the page tree in order, as PDFBox's own page iterator finds them (nodes with /Kids or /Type /Pages
   * are inner nodes; an inner node seen twice — a loop — is refused as damaged, PD8).
   *
   * @throws PdfRejected more than {@code maxPages} pages, no page tree, no pages, or the time is spent
   */
  static List<PDPage> pages(PDDocument doc, int maxPages) throws PdfRejected {
    COSDictionary root = doc.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.PAGES);
    int declared = root == null ? 0 : root.getInt(COSName.COUNT, 0);
    if (root == null) {
      throw Rejections.damaged("it has no page list", null);
    }
    if (declared > maxPages) { // PD5: the claim is refused, with the count the tree really holds (walked, not rendered)
      List<PDPage> real = walk(root, maxPages);
      throw new PdfRejected("The PDF's page list claims " + declared + " pages but holds " + real.size() + "; at most " + maxPages
          + " are accepted and a false page count is not. Export or save it again and upload the new copy.");
    }
    List<PDPage> leaves = walk(root, maxPages);
    if (leaves.isEmpty()) {
      throw new PdfRejected(Rejections.NO_PAGES);
    }
    return leaves;
  }

  /** The leaves under {@code root}; PD8: an inner node met twice (a loop, or a shared subtree) is damage. */
  private static List<PDPage> walk(COSDictionary root, int maxPages) throws PdfRejected {
    List<PDPage> leaves = new ArrayList<>();
    Set<COSDictionary> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<COSDictionary> stack = new ArrayDeque<>();
    stack.push(root);
    while (!stack.isEmpty()) {
      TimeBudget.check();
      COSDictionary node = stack.pop();
      if (COSName.PAGES.equals(node.getCOSName(COSName.TYPE)) || node.containsKey(COSName.KIDS)) {
        if (!seen.add(node)) {
          throw Rejections.damaged("its page tree loops back on itself", null);
        }
        COSArray kids = node.getCOSArray(COSName.KIDS);
        if (kids == null) {
          continue;
        }
        for (int i = kids.size() - 1; i >= 0; i--) {
          if (kids.getObject(i) instanceof COSDictionary kid) {
            stack.push(kid);
          }
        }
      } else {
        if (leaves.size() == maxPages) {
          throw Rejections.tooManyPages("more than " + maxPages, maxPages);
        }
        leaves.add(new PDPage(node));
      }
    }
    return leaves;
  }
}
