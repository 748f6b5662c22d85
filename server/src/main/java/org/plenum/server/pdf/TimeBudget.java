package org.plenum.server.pdf;

import java.nio.channels.ClosedByInterruptException;

/**
 * The time budget of a check. The caller interrupts the worker thread when the time is spent; every loop in this
 * package asks here at a cheap cadence. Outside PDFBox the answer is {@link PdfRejected} ("took too long"); inside
 * PDFBox call-backs, which may only throw unchecked, it is {@link Interrupted}, which {@link Rejections#unreadable}
 * words the same way. The interrupt stays set either way.
 */
final class TimeBudget {

  private TimeBudget() {}

  /** The caller has interrupted this thread: the time is spent. */
  static boolean spent() {
    return Thread.currentThread().isInterrupted();
  }

  /** Ends the check with "took too long" when the time is spent. */
  static void check() throws PdfRejected {
    if (spent()) {
      throw new PdfRejected(Rejections.TOO_LONG);
    }
  }

  /** {@link #check()} for call-backs from PDFBox, which may only throw unchecked. */
  static void checkInCallback() {
    if (spent()) {
      throw new Interrupted();
    }
  }

  /** The failure {@code e} is (or may well be) the interrupt, not a fault of the file. */
  static boolean endedBy(Throwable e) {
    return spent() || e instanceof ClosedByInterruptException || e instanceof Interrupted;
  }

  /** Thrown from inside PDFBox call-backs when the thread was interrupted. */
  static final class Interrupted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Interrupted() {
      super("interrupted", null, false, false);
    }
  }
}
