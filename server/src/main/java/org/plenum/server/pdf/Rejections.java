package org.plenum.server.pdf;

import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

/**
 * Every refusal of an upload in the words a meeting secretary reads: what is wrong and what to do, never parser
 * jargon. The checks decide; this class only words their verdicts.
 */
final class Rejections {

  static final String TOO_LONG = "The PDF took too long to check: it is unusually complex or damaged. "
      + "Try exporting it again (for example with \u201cSave as PDF\u201d), or split it into smaller files.";
  static final String ENCRYPTED_WITH_PASSWORD =
      "The PDF is password-protected; upload a copy without a password.";
  static final String ENCRYPTED_WITHOUT_PASSWORD = "The PDF is encrypted (it restricts printing, copying or "
      + "editing); upload a copy without protection \u2014 for example print it to a new PDF.";
  static final String TRUNCATED = "The PDF is incomplete: the file ends before its end marker \u2014 it was "
      + "probably cut off during copying. Copy or download it again and upload the complete file.";
  static final String EMPTY = "The file is empty (0 bytes); upload the PDF again.";
  static final String NO_PAGES = "The PDF has no pages.";
  static final String OVER_2_GB = "The PDF is larger than 2 GB; split it into smaller files.";

  private static final String EXPORT_AGAIN = "Export it again, or ask its author for a normal copy.";

  private Rejections() {}

  /**
   * A file without the {@code %PDF-} header.
   *
   * @param looksLike what the file seems to be instead ("an image"), or null when that is not clear
   */
  static PdfRejected notPdf(String looksLike) {
    String base = "This file is not a PDF (it does not start with %PDF-)";
    return new PdfRejected(looksLike == null
        ? base + ". Open it in the program that made it and use \u201cSave as PDF\u201d or \u201cExport to PDF\u201d."
        : base + "; it looks like " + looksLike + ". Open it and use \u201cSave as PDF\u201d or \u201cExport to PDF\u201d.");
  }

  /** @param count how many pages the document has, as far as it was counted ("1000000", "more than 10") */
  static PdfRejected tooManyPages(String count, int max) {
    return new PdfRejected("The PDF has " + count + " pages; at most " + max
        + " are accepted. Split it into smaller files.");
  }

  /** A compressed part at {@code where} ("object 4", "at byte 123") unpacks to more than {@code cap} bytes. */
  static PdfRejected tooBig(String where, long cap) {
    return new PdfRejected("The PDF contains a compressed part (" + where + ") that unpacks to more than "
        + (cap >> 20) + " MB; the file is damaged or deliberately oversized. " + EXPORT_AGAIN);
  }

  /** A content stream at {@code where} piles up more than {@code max} operands without an operator. */
  static PdfRejected tooManyOperands(String where, int max) {
    return new PdfRejected("The PDF contains drawing instructions (" + where + ") with more than " + max
        + " values in a row; the file is damaged or deliberately oversized. " + EXPORT_AGAIN);
  }

  /** Any failure while reading a loaded document, as the rejection a secretary sees. */
  static PdfRejected unreadable(Throwable e, String where) {
    if (TimeBudget.endedBy(e)) {
      return new PdfRejected(TOO_LONG, e);
    }
    if (e instanceof InvalidPasswordException) {
      return new PdfRejected(ENCRYPTED_WITH_PASSWORD, e);
    }
    String reason;
    if (e instanceof StackOverflowError) {
      reason = "its internal structure is nested too deeply";
    } else if (e instanceof OutOfMemoryError) {
      reason = "reading it needs more memory than allowed";
    } else {
      String m = e.getMessage();
      reason = m == null || m.isBlank() ? "its internal structure is invalid" : m.strip();
      reason = reason.replaceAll("\\s+", " ").replaceAll("[.\\s]+$", "");
      if (reason.length() > 160) {
        reason = reason.substring(0, 157) + "...";
      }
    }
    return damaged(where == null ? reason : where + ": " + reason, e);
  }

  static PdfRejected damaged(String shortReason, Throwable cause) {
    return new PdfRejected("The PDF is damaged and cannot be read (" + shortReason + "). "
        + "Export or download it again and upload the new copy.", cause);
  }
}
