package org.plenum.server.core;

import org.plenum.server.core.error.PlenumException;

/**
 * TX1: text from users (titles, names, notes, any string field of a request or socket command, upload metadata) holds
 * no control characters other than tab, line feed and carriage return, and no bidirectional embedding, override or
 * isolate characters (U+202A–U+202E, U+2066–U+2069): they would let {@code invoice\u202Efdp.exe} show as
 * {@code invoiceexe.pdf}. Such text is refused with BAD_MESSAGE naming the field; file names, which browsers send
 * as they are on disk, are cleaned with {@link #strip} instead.
 */
public final class UserText {
  private UserText() {}

  /** Whether this code point may not appear in stored user text. */
  public static boolean forbidden(int cp) {
    if (cp == '\t' || cp == '\n' || cp == '\r') {
      return false;
    }
    return Character.isISOControl(cp) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
  }

  /** BAD_MESSAGE when {@code text} holds a forbidden character; {@code field} names it in the message. */
  public static String check(String field, String text) {
    if (text != null && text.codePoints().anyMatch(UserText::forbidden)) {
      int cp = text.codePoints().filter(UserText::forbidden).findFirst().orElse(0);
      throw PlenumException.badMessage((field == null ? "A text field" : "Field '" + field + "'") + " contains the invisible control "
          + "character U+" + String.format("%04X", cp) + " (control characters and text-direction overrides are not accepted).");
    }
    return text;
  }

  /** The text without forbidden characters (for file names). */
  public static String strip(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().filter(cp -> !forbidden(cp)).forEach(out::appendCodePoint);
    return out.toString();
  }
}
