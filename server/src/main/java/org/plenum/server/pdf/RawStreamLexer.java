package org.plenum.server.pdf;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.cos.COSName;

/**
 * Finds the streams in a PDF's raw bytes without parsing the document. Every stream in a PDF is at the top level of
 * the file ("N 0 obj &lt;&lt; … &gt;&gt; stream … endstream"), so a scan for the {@code stream} keyword after a
 * dictionary finds them all, including the object streams and cross-reference streams that PDFBox unpacks while it
 * loads. For each, the dictionary is kept as text (at most 64 KB back to the {@code obj} keyword) and the data ends
 * where a direct {@code /Length} says, or else at {@code endstream}, or else at the end of the file.
 */
final class RawStreamLexer {

  private static final Pattern FILTER = Pattern.compile("/Filter\\s*(\\[[^\\]]*\\]|/[^\\s/\\[\\]<>()%{}]+)");
  private static final Pattern NAME = Pattern.compile("/([^\\s/\\[\\]<>()%{}]+)");
  private static final Pattern DIRECT_LENGTH = Pattern.compile("/Length\\s+(\\d{1,12})(?!\\s+\\d+\\s+R)");
  private static final Pattern IMAGE = Pattern.compile("/Subtype\\s*/Image\\b");
  private static final Pattern WIDTH = Pattern.compile("/Width\\s+(\\d{1,9})");
  private static final Pattern HEIGHT = Pattern.compile("/Height\\s+(\\d{1,9})");
  private static final Pattern BPC = Pattern.compile("/BitsPerComponent\\s+(\\d{1,2})");
  private static final Pattern OBJECT_NUMBER = Pattern.compile("(\\d{1,10})\\s+\\d{1,5}\\s*$");
  private static final byte[] STREAM = Bytes.of("stream");
  private static final byte[] ENDSTREAM = Bytes.of("endstream");
  private static final byte[] OBJ = Bytes.of("obj");
  /** How far back from a stream keyword its dictionary is looked for. */
  private static final int DICTIONARY_WINDOW = 1 << 16;

  private RawStreamLexer() {}

  /**
   * One stream as the raw bytes show it.
   *
   * @param file the whole file
   * @param dataStart where its data starts, after the keyword and its end of line
   * @param dataEnd where its data ends (exclusive)
   * @param dictionary its dictionary as text, from after {@code obj} to the closing {@code >>}
   * @param where "object N", or "at byte K" when no object number precedes it
   */
  record RawStream(ByteBuffer file, int dataStart, int dataEnd, String dictionary, String where) {

    /** The data as stored (still packed). */
    InputStream data() {
      return new BufferInputStream(file, dataStart, dataEnd);
    }

    /**
     * The filters its dictionary names directly, in order; when {@code /Filter} is an indirect reference and the data
     * looks like zlib, just FlateDecode.
     */
    List<COSName> filters() {
      List<COSName> filters = new ArrayList<>();
      Matcher filter = FILTER.matcher(dictionary);
      if (filter.find()) {
        Matcher name = NAME.matcher(filter.group(1));
        while (name.find()) {
          filters.add(COSName.getPDFName(unescapeName(name.group(1))));
        }
      } else if (dictionary.contains("/Filter") && dataEnd - dataStart >= 2) {
        int cmf = file.get(dataStart) & 0xFF;
        int flg = file.get(dataStart + 1) & 0xFF;
        if ((cmf & 0x0F) == 8 && ((cmf << 8) | flg) % 31 == 0) {
          filters.add(COSName.FLATE_DECODE);
        }
      }
      return filters;
    }

    boolean image() {
      return IMAGE.matcher(dictionary).find();
    }

    /** The direct /Width, or 0. */
    long width() {
      return number(WIDTH);
    }

    /** The direct /Height, or 0. */
    long height() {
      return number(HEIGHT);
    }

    /** The direct /BitsPerComponent, or 0. */
    long bitsPerComponent() {
      return number(BPC);
    }

    private long number(Pattern pattern) {
      Matcher m = pattern.matcher(dictionary);
      return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
  }

  /** Receives each stream as it is found; may end the scan by throwing. */
  interface Visitor {
    void visit(RawStream stream) throws PdfRejected;
  }

  /**
   * Hands every stream in {@code file} (its whole content, from 0 to its limit) to {@code visitor}, in file order.
   * The next stream is looked for after the data of the one before. Checks the time budget every 4 KB.
   */
  static void scan(ByteBuffer file, Visitor visitor) throws PdfRejected {
    int n = file.limit();
    int at = 0;
    while (true) {
      int keyword = Bytes.indexOf(file, STREAM, at, n);
      if (keyword < 0) {
        return;
      }
      at = keyword + STREAM.length;
      if ((keyword & 0xFFF) < STREAM.length) {
        TimeBudget.check();
      }
      int dataStart = dataStart(file, keyword, n);
      if (dataStart < 0) {
        continue; // "endstream", or "stream" inside some other token
      }
      int dictEnd = keyword - 1;
      while (dictEnd > 0 && Bytes.isWhite(file.get(dictEnd))) {
        dictEnd--;
      }
      if (dictEnd < 1 || file.get(dictEnd) != '>' || file.get(dictEnd - 1) != '>') {
        continue; // a stream keyword follows a dictionary
      }
      int floor = Math.max(0, dictEnd - DICTIONARY_WINDOW);
      int objEnd = Bytes.lastIndexOf(file, OBJ, dictEnd, floor);
      String dict = Bytes.ascii(file, objEnd < 0 ? floor : objEnd + OBJ.length, dictEnd + 1);
      int dataEnd = dataEnd(file, dataStart, dict, n);
      String where = "at byte " + keyword;
      if (objEnd > 0) {
        Matcher number = OBJECT_NUMBER.matcher(Bytes.ascii(file, Math.max(0, objEnd - 24), objEnd));
        if (number.find()) {
          where = "object " + number.group(1);
        }
      }
      visitor.visit(new RawStream(file, dataStart, dataEnd, dict, where));
      at = Math.max(at, dataEnd);
    }
  }

  /** Where the data of a stream starts after its keyword, or -1 when this is no stream keyword. */
  private static int dataStart(ByteBuffer bytes, int keyword, int n) {
    if (keyword >= 3 && bytes.get(keyword - 3) == 'e' && bytes.get(keyword - 2) == 'n'
        && bytes.get(keyword - 1) == 'd') {
      return -1;
    }
    int i = keyword + STREAM.length;
    if (i < n && bytes.get(i) == '\r') {
      i++;
    }
    if (i < n && bytes.get(i) == '\n') {
      return i + 1;
    }
    return i > keyword + STREAM.length ? i : -1; // a lone CR (not conforming, but PDFBox accepts it)
  }

  /** A direct /Length that fits in the file, else the next {@code endstream}, else the end of the file. */
  private static int dataEnd(ByteBuffer bytes, int dataStart, String dict, int n) {
    Matcher length = DIRECT_LENGTH.matcher(dict);
    if (length.find()) {
      long declared = Long.parseLong(length.group(1));
      if (dataStart + declared <= n) {
        return (int) (dataStart + declared);
      }
    }
    int end = Bytes.indexOf(bytes, ENDSTREAM, dataStart, n);
    return end < 0 ? n : end;
  }

  /** A name with its {@code #xx} escapes replaced; a '#' not followed by two hex digits stays. */
  static String unescapeName(String name) {
    if (name.indexOf('#') < 0) {
      return name;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '#' && i + 2 < name.length()) {
        try {
          sb.append((char) Integer.parseInt(name.substring(i + 1, i + 3), 16));
          i += 2;
          continue;
        } catch (NumberFormatException e) {
          // keep the '#'
        }
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /** Reads a range of a (memory-mapped) buffer. */
  private static final class BufferInputStream extends InputStream {
    private final ByteBuffer bytes;
    private int position;
    private final int end;

    BufferInputStream(ByteBuffer bytes, int start, int end) {
      this.bytes = bytes;
      this.position = start;
      this.end = end;
    }

    @Override
    public int read() {
      return position < end ? bytes.get(position++) & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (position >= end) {
        return -1;
      }
      int n = Math.min(len, end - position);
      bytes.get(position, b, off, n);
      position += n;
      return n;
    }
  }
}
