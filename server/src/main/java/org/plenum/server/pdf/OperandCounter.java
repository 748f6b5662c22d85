package org.plenum.server.pdf;

import java.io.OutputStream;

/**
 * A streaming lexer of content-stream syntax (page contents, forms, tiling patterns) that only counts the operands
 * since the last operator, elements of arrays and dictionaries included, and refuses the stream past {@link
 * #MAX_OPERANDS}: PDFBox keeps every operand until the next operator, so 50 MB of "0 0 0 …" would take hundreds of
 * megabytes of heap. Bytes may arrive in pieces of any size; a token, string or comment cut between two writes goes
 * on in the next. Strings may nest parentheses and escape them; comments run to the end of the line; inline image
 * data (ID … EI) is skipped as PDFBox does: up to whitespace, "EI", whitespace.
 */
final class OperandCounter extends OutputStream {

  /** At most this many operands (counting array and dictionary elements) before an operator in a content stream. */
  static final int MAX_OPERANDS = 50_000;

  private static final int NORMAL = 0;
  private static final int COMMENT = 1;
  private static final int STRING = 2;
  private static final int HEX = 3;
  private static final int TOKEN = 4;
  private static final int INLINE_DATA = 5;

  private int state = NORMAL;
  private int stringDepth;
  private boolean escape;
  private int pendingAngle; // '<' or '>' seen, waiting for the next byte
  private final byte[] token = new byte[8];
  private int tokenLength;
  private int inlineMatch; // 0: nothing, 1: whitespace, 2: whitespace E, 3: whitespace E I
  private int operands;

  /** Operands counted since the last operator (a token still being read is not counted yet). */
  int operands() {
    return operands;
  }

  @Override
  public void write(int b) {
    accept(b & 0xFF);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      accept(b[i] & 0xFF);
    }
  }

  private void accept(int c) {
    switch (state) {
      case COMMENT -> {
        if (c == '\n' || c == '\r') {
          state = NORMAL;
        }
      }
      case STRING -> {
        if (escape) {
          escape = false;
        } else if (c == '\\') {
          escape = true;
        } else if (c == '(') {
          stringDepth++;
        } else if (c == ')' && --stringDepth == 0) {
          state = NORMAL;
        }
      }
      case HEX -> {
        if (c == '>') {
          state = NORMAL;
        }
      }
      case INLINE_DATA -> inlineData(c);
      case TOKEN -> {
        if (isRegular(c)) {
          if (tokenLength < token.length) {
            token[tokenLength] = (byte) c;
          }
          tokenLength++;
        } else {
          state = NORMAL;
          endToken();
          if (state == NORMAL) {
            normal(c);
          }
        }
      }
      default -> normal(c);
    }
  }

  private void normal(int c) {
    if (pendingAngle == '<') {
      pendingAngle = 0;
      if (c == '<') {
        return; // dictionary opens
      }
      operand(); // hex string
      state = c == '>' ? NORMAL : HEX;
      return;
    }
    if (pendingAngle == '>') {
      pendingAngle = 0;
      if (c == '>') {
        return; // dictionary closes
      }
    }
    switch (c) {
      case 0, '\t', '\n', '\f', '\r', ' ', '[', ']', '{', '}', ')' -> { }
      case '%' -> state = COMMENT;
      case '(' -> {
        operand();
        state = STRING;
        stringDepth = 1;
      }
      case '<', '>' -> pendingAngle = c;
      default -> {
        state = TOKEN;
        token[0] = (byte) c;
        tokenLength = 1;
      }
    }
  }

  private void endToken() {
    int first = token[0] & 0xFF;
    if (first == '/' || (first >= '0' && first <= '9') || first == '+' || first == '-' || first == '.'
        || is("true") || is("false") || is("null")) {
      operand();
    } else {
      operands = 0; // an operator
      if (is("ID")) {
        state = INLINE_DATA;
        inlineMatch = 0;
      }
    }
  }

  private void inlineData(int c) {
    boolean space = Bytes.isWhite(c);
    if (inlineMatch == 3 && (space || !isRegular(c))) {
      state = NORMAL;
      operands = 0;
      normal(c);
      return;
    }
    if (space) {
      inlineMatch = 1;
    } else if (inlineMatch == 1 && c == 'E') {
      inlineMatch = 2;
    } else if (inlineMatch == 2 && c == 'I') {
      inlineMatch = 3;
    } else {
      inlineMatch = 0;
    }
  }

  private boolean is(String keyword) {
    if (tokenLength != keyword.length()) {
      return false;
    }
    for (int i = 0; i < tokenLength; i++) {
      if (token[i] != keyword.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private void operand() {
    if (++operands > MAX_OPERANDS) {
      throw new TooManyOperands();
    }
  }

  private static boolean isRegular(int c) {
    return switch (c) {
      case 0, '\t', '\n', '\f', '\r', ' ', '(', ')', '<', '>', '[', ']', '{', '}', '/', '%' -> false;
      default -> true;
    };
  }

  private static final class TooManyOperands extends UnpackBudget.Exceeded {
    private static final long serialVersionUID = 1L;

    @Override
    PdfRejected rejection(String where) {
      return Rejections.tooManyOperands(where, MAX_OPERANDS);
    }
  }
}
