package org.plenum.server.pdf;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Searches in raw bytes (a memory-mapped file or a window of it), with no parsing. */
final class Bytes {

  private Bytes() {}

  /** The first {@code needle} starting in {@code [from, to)} and ending by {@code to}, or -1. */
  static int indexOf(ByteBuffer bytes, byte[] needle, int from, int to) {
    outer:
    for (int i = from; i + needle.length <= to; i++) {
      if (bytes.get(i) != needle[0]) {
        continue;
      }
      for (int j = 1; j < needle.length; j++) {
        if (bytes.get(i + j) != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** The last {@code needle} ending by {@code before} and starting at {@code floor} or later, or -1. */
  static int lastIndexOf(ByteBuffer bytes, byte[] needle, int before, int floor) {
    outer:
    for (int i = before - needle.length; i >= floor; i--) {
      for (int j = 0; j < needle.length; j++) {
        if (bytes.get(i + j) != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** The bytes {@code [from, to)} as text, one char per byte. */
  static String ascii(ByteBuffer bytes, int from, int to) {
    byte[] b = new byte[Math.max(0, to - from)];
    bytes.get(from, b);
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  /** PDF white space: NUL, tab, line feed, form feed, carriage return, space. */
  static boolean isWhite(int b) {
    return b == 0 || b == 9 || b == 10 || b == 12 || b == 13 || b == 32;
  }

  /** The bytes of an ASCII keyword. */
  static byte[] of(String keyword) {
    return keyword.getBytes(StandardCharsets.US_ASCII);
  }
}
