package org.plenum.server.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The content-stream lexer behind PD12: what counts as an operand, what ends a run of them, and where it stops. */
class OperandCounterTest {

  /** The operands pending after the pieces, written one after the other to one counter. */
  static int pending(String... pieces) {
    OperandCounter counter = new OperandCounter();
    for (String piece : pieces) {
      byte[] b = piece.getBytes(StandardCharsets.ISO_8859_1);
      counter.write(b, 0, b.length);
    }
    return counter.operands();
  }

  @Test
  @DisplayName("numbers, names, true/false/null are operands; any other keyword is an operator and resets the count")
  void operandsAndOperators() {
    assertThat(pending("1 -2 +3 .5 /Name true false null ")).isEqualTo(8);
    assertThat(pending("0 0 595 842 re ")).isZero();
    assertThat(pending("0 0 595 842 re 1 0 0 ")).isEqualTo(3);
    assertThat(pending("BT /F1 24 Tf 72 720 Td ET 9 ")).isEqualTo(1);
  }

  @Test
  @DisplayName("names end at a delimiter: '/A/B' is two operands, '/A(x)' a name and a string")
  void namesEndAtDelimiters() {
    assertThat(pending("/A/B ")).isEqualTo(2);
    assertThat(pending("/A(x)")).isEqualTo(2);
    assertThat(pending("/VeryLongNameBeyondEightBytes 1 ")).isEqualTo(2);
    assertThat(pending("1 2 averylongoperator ")).isZero();
  }

  @Test
  @DisplayName("a literal string is one operand, with nested and escaped parentheses and keywords inside it")
  void literalStrings() {
    assertThat(pending("(a (nested (twice)) string) ")).isEqualTo(1);
    assertThat(pending("(an escaped \\) paren and 1 2 3 Tj) ")).isEqualTo(1);
    assertThat(pending("(an escaped \\\\) 7 ")).isEqualTo(2); // the backslash is escaped, the ')' ends the string
    assertThat(pending("(unbalanced \\( open) 7 ")).isEqualTo(2);
  }

  @Test
  @DisplayName("a hex string is one operand, '<>' too; '<<' and '>>' only open and close a dictionary")
  void hexStringsAndDictionaries() {
    assertThat(pending("<48 65 6C 6C 6F> ")).isEqualTo(1);
    assertThat(pending("<> ")).isEqualTo(1);
    assertThat(pending("<< >> ")).isZero();
    assertThat(pending("<</A 1>> ")).isEqualTo(2);
  }

  @Test
  @DisplayName("elements of arrays and nested dictionaries count one by one; brackets and stray ')' or '>' do not")
  void nestedContainers() {
    assertThat(pending("<< /A 1 /B << /C [1 2 <00>] >> >> ")).isEqualTo(7);
    assertThat(pending("[(Hel) -20 (lo)] ")).isEqualTo(3);
    assertThat(pending("[(Hel) -20 (lo)] TJ ")).isZero();
    assertThat(pending(") > { } 5 ")).isEqualTo(1);
  }

  @Test
  @DisplayName("a comment runs to the end of the line (LF or CR) and counts nothing, even '(' or '<' inside it")
  void comments() {
    assertThat(pending("% 1 2 3 ( < \n4 ")).isEqualTo(1);
    assertThat(pending("1 % re\r2 ")).isEqualTo(2);
    assertThat(pending("1%comment right after a number\n2 ")).isEqualTo(2);
  }

  @Test
  @DisplayName("inline image data (ID … EI) counts nothing; it ends at whitespace, 'EI', whitespace or a delimiter")
  void inlineImages() {
    assertThat(pending("BI /W 4 /H 1 /BPC 8 /CS /G ID \u0000(1 2 3 <%\u00ff EI 5 6 ")).isEqualTo(2);
    assertThat(pending("BI /W 1 ID 1 2 xEI 3 4 ")).isZero(); // 'xEI' is data: still inside the image
    assertThat(pending("BI /W 1 ID 1 2 EIx 3 4 ")).isZero(); // 'EIx' likewise
    assertThat(pending("BI /W 1 ID ab\nEI/Name ")).isEqualTo(1); // ends before a delimiter as well
    assertThat(pending("BI /W 1 /H 1 ")).isEqualTo(4);
  }

  @Test
  @DisplayName("bytes may arrive in pieces: a number, a string, a comment or '<<' split between writes goes on")
  void piecesAcrossWrites() {
    assertThat(pending("12", "3 4 ")).isEqualTo(2);
    assertThat(pending("(split ", "string) 1 ")).isEqualTo(2);
    assertThat(pending("% split ", "comment 1 2\n3 ")).isEqualTo(1);
    assertThat(pending("<", "</A 1>", "> ")).isEqualTo(2);
    assertThat(pending("R", "G 1 ")).isEqualTo(1);
    String whole = "q 1 0 0 1 72 720 cm BT /F1 12 Tf (x) Tj ET 3 4 ";
    OperandCounter byteByByte = new OperandCounter();
    for (byte b : whole.getBytes(StandardCharsets.ISO_8859_1)) {
      byteByByte.write(b);
    }
    assertThat(byteByByte.operands()).isEqualTo(pending(whole)).isEqualTo(2);
  }

  @Test
  @DisplayName("truncated input (a stream ending inside a string, hex string, token or image) ends quietly")
  void truncatedInput() {
    assertThat(pending("1 2 (never closed")).isEqualTo(3);
    assertThat(pending("1 <4865")).isEqualTo(2);
    assertThat(pending("1 2")).isEqualTo(1); // the last token is not finished
    assertThat(pending("BI ID \u0001\u0002")).isZero();
  }

  @Test
  @DisplayName("PD12: exactly 50000 operands in a row pass; the next one is refused, naming the object")
  void limit() {
    OperandCounter counter = new OperandCounter();
    byte[] zeros = "0 ".repeat(OperandCounter.MAX_OPERANDS).getBytes(StandardCharsets.US_ASCII);
    counter.write(zeros, 0, zeros.length);
    assertThat(counter.operands()).isEqualTo(OperandCounter.MAX_OPERANDS);

    assertThatThrownBy(() -> counter.write('(')).isInstanceOfSatisfying(UnpackBudget.Exceeded.class, e ->
        assertThat(e.rejection("object 4").getMessage())
            .startsWith("The PDF contains drawing instructions (object 4) with more than 50000 values in a row;"));
  }
}
