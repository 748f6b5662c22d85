package org.plenum.server.pdf;

/**
 * An uploaded PDF that the server will not accept. The message is meant for the person who uploaded it (usually a
 * meeting secretary): plain English that says what is wrong and what to do, never a stack trace or parser jargon.
 * No stack trace is recorded (this is an expected outcome, not a bug); the optional cause keeps its own for the logs.
 */
public final class PdfRejected extends Exception {
  private static final long serialVersionUID = 1L;

  public PdfRejected(String messageForASecretary) {
    super(messageForASecretary, null, false, false);
  }

  /** For the server log: the cause (with its stack trace) that made the PDF unreadable. */
  public PdfRejected(String messageForASecretary, Throwable cause) {
    super(messageForASecretary, cause, false, false);
  }
}
