package org.plenum.server.pdf;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The first look at an upload, before anything parses it: the {@code %PDF-} header in the first 1024 bytes and the
 * {@code %%EOF} end marker in the last 2048 (a file cut off while copying is refused rather than "repaired"). When the
 * header is missing, the rejection says what the file looks like instead.
 */
final class FileMarkers {

  static final int HEADER_WINDOW = 1024;
  static final int TRAILER_WINDOW = 2048;

  private static final byte[] HEADER = Bytes.of("%PDF-");
  private static final byte[] END_MARKER = Bytes.of("%%EOF");

  private FileMarkers() {}

  /** Refuses an empty file, a file without the header and a file without the end marker. */
  static void check(Path file) throws PdfRejected {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long length = raf.length();
      if (length == 0) {
        throw new PdfRejected(Rejections.EMPTY);
      }
      byte[] head = new byte[(int) Math.min(length, HEADER_WINDOW)];
      raf.readFully(head);
      if (!contains(head, HEADER)) {
        throw Rejections.notPdf(looksLike(head));
      }
      byte[] tail = new byte[(int) Math.min(length, TRAILER_WINDOW)];
      raf.seek(length - tail.length);
      raf.readFully(tail);
      if (!contains(tail, END_MARKER)) {
        throw new PdfRejected(Rejections.TRUNCATED);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /** What a file that is not a PDF seems to be, from its first bytes, or null when that is not clear. */
  static String looksLike(byte[] b) {
    if (startsWith(b, 0x50, 0x4B, 0x03, 0x04)) {
      return "a Word, Excel or PowerPoint document (or a ZIP archive)";
    }
    if (startsWith(b, 0xD0, 0xCF, 0x11, 0xE0)) {
      return "an older Word, Excel or PowerPoint document";
    }
    if (startsWith(b, 0x89, 'P', 'N', 'G') || startsWith(b, 0xFF, 0xD8, 0xFF) || startsWith(b, 'G', 'I', 'F', '8')) {
      return "an image";
    }
    if (startsWith(b, '{', '\\', 'r', 't', 'f')) {
      return "an RTF document";
    }
    String text = new String(b, 0, Math.min(b.length, 64), StandardCharsets.ISO_8859_1).strip()
        .toLowerCase(Locale.ROOT);
    if (text.startsWith("<!doctype html") || text.startsWith("<html") || text.startsWith("<?xml")) {
      return "a web page or XML file";
    }
    return null;
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    return Bytes.indexOf(ByteBuffer.wrap(haystack), needle, 0, haystack.length) >= 0;
  }

  private static boolean startsWith(byte[] b, int... prefix) {
    if (b.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((b[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
