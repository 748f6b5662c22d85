package org.plenum.server.pdf;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.filter.Filter;
import org.apache.pdfbox.filter.FilterFactory;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Checks an uploaded PDF before the server accepts it, and reads what the server needs from it: the pages, their
 * sizes and their text. Pure and blocking (run it on a worker thread); the caller may interrupt the thread when its
 * time budget is spent, which ends the inspection with {@link PdfRejected} ("took too long").
 *
 * <p>Checks, in order: the {@code %PDF-} header in the first 1024 bytes; the {@code %%EOF} end marker in the last
 * 2048 bytes (a file cut off while copying is refused rather than "repaired"); every stream in the raw file unpacks
 * to a bounded size ({@link #MAX_DECODED_STREAM_BYTES}; images to about their declared size, at most {@link
 * #MAX_DECODED_IMAGE_BYTES}) — PDFBox unpacks object streams fully into memory while loading, so a "zip bomb" must be
 * refused before PDFBox sees the file; loading with PDFBox with a bounded main-memory stream cache that spills to
 * temporary files; no encryption; the page count the page tree claims (refused above {@link Limits#maxPages()}
 * before any page is visited); the page tree itself (walked without recursion, refused as soon as it holds more than
 * the limit); the same size check on every stream of the loaded document (with PDFBox's exact filters), content
 * streams also refused when they pile up more than {@link #MAX_OPERANDS} operands without an operator; finally the
 * size and text of every page.
 *
 * <p>Every problem with the input ends as {@link PdfRejected}, including {@link RuntimeException}s, {@link
 * StackOverflowError} and {@link OutOfMemoryError} from PDFBox. Only a failure to read the file at all (missing,
 * unreadable) is thrown as {@link UncheckedIOException}: that is a server fault, not a bad upload.
 */
public final class PdfInspector {

  /**
   * @param maxPages a document with more pages is refused
   * @param maxMainMemoryBytes main memory PDFBox may use for its stream cache before spilling to temporary files
   */
  public record Limits(int maxPages, long maxMainMemoryBytes) {
    public Limits {
      if (maxPages < 1) {
        throw new IllegalArgumentException("maxPages must be at least 1: " + maxPages);
      }
      if (maxMainMemoryBytes < 1) {
        throw new IllegalArgumentException("maxMainMemoryBytes must be positive: " + maxMainMemoryBytes);
      }
    }
  }

  /**
   * One page as a viewer shows it.
   *
   * @param number 1-based
   * @param widthPt width in PDF points (1/72 inch) of the visible area (crop box, which defaults to the media box),
   *     after the page's /Rotate: a landscape page stored as a rotated portrait reports its landscape width
   * @param heightPt height, likewise
   * @param text the page's text in content order, lines separated by '\n', trimmed; empty for a scanned page
   */
  public record PageInfo(int number, float widthPt, float heightPt, String text) {}

  /**
   * @param pageCount the number of pages (leaves of the page tree)
   * @param pages one entry per page, in order
   * @param signed the document carries at least one signature dictionary (a digital signature; not verified here)
   */
  public record Inspection(int pageCount, List<PageInfo> pages, boolean signed) {
    public Inspection {
      pages = List.copyOf(pages);
    }
  }

  /** The largest size a compressed non-image object (page contents, form, font, CMap …) may unpack to. */
  public static final long MAX_DECODED_STREAM_BYTES = 64L << 20;
  /**
   * The largest size a compressed image may unpack to (if its declared size needs that much): 256 MB, e.g. an A4
   * page scanned at 600 dpi in colour takes 104 MB.
   */
  public static final long MAX_DECODED_IMAGE_BYTES = 256L << 20;

  static final int HEADER_WINDOW = 1024;
  static final int TRAILER_WINDOW = 2048;

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

  private PdfInspector() {}

  public static Inspection inspect(Path file, Limits limits) throws PdfRejected {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(limits, "limits");
    checkInterrupted();
    checkMarkers(file);
    checkRawStreams(file);
    PageTexts texts = null;
    try (RandomAccessReadBufferedFile source = new RandomAccessReadBufferedFile(file);
        PDDocument doc = load(source, limits.maxMainMemoryBytes())) {
      if (doc.isEncrypted()) {
        throw new PdfRejected(ENCRYPTED_WITHOUT_PASSWORD);
      }
      int declared = declaredPageCount(doc);
      if (declared > limits.maxPages()) {
        throw tooManyPages(Integer.toString(declared), limits.maxPages());
      }
      List<PDPage> pages = pages(doc, limits.maxPages());
      if (pages.isEmpty()) {
        throw new PdfRejected(NO_PAGES);
      }
      checkStreams(doc, pages);
      List<float[]> sizes = new ArrayList<>(pages.size());
      for (int i = 0; i < pages.size(); i++) {
        checkInterrupted();
        float[] size = visualSize(pages.get(i));
        if (!(size[0] > 0 && size[1] > 0 && size[0] < 1e6 && size[1] < 1e6)) {
          throw damaged("page " + (i + 1) + " has no usable size", null);
        }
        sizes.add(size);
      }
      texts = new PageTexts(pages.size());
      texts.extract(doc);
      checkInterrupted();
      List<PageInfo> infos = new ArrayList<>(pages.size());
      for (int i = 0; i < pages.size(); i++) {
        infos.add(new PageInfo(i + 1, sizes.get(i)[0], sizes.get(i)[1], texts.text(i)));
      }
      return new Inspection(infos.size(), infos, isSigned(doc));
    } catch (PdfRejected e) {
      throw e;
    } catch (InvalidPasswordException e) {
      throw new PdfRejected(ENCRYPTED_WITH_PASSWORD, e);
    } catch (IOException | RuntimeException | StackOverflowError | OutOfMemoryError e) {
      String where = texts != null && texts.currentPage() > 0 ? "page " + texts.currentPage() : null;
      throw unreadable(e, where);
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Shared with Thumbnailer and Watermarker.

  /**
   * Loads the document with a bounded main-memory stream cache that spills to temporary files (call {@link
   * #checkMarkers} first; encryption and size are not checked here). The caller closes the document, then {@code
   * source}.
   */
  static PDDocument load(RandomAccessReadBufferedFile source, long maxMainMemoryBytes) throws IOException {
    return Loader.loadPDF(source, "", null, null, MemoryUsageSetting.setupMixed(maxMainMemoryBytes).streamCache);
  }

  /** The {@code %PDF-} header in the first 1024 bytes and {@code %%EOF} in the last 2048. */
  static void checkMarkers(Path file) throws PdfRejected {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long length = raf.length();
      if (length == 0) {
        throw new PdfRejected(EMPTY);
      }
      byte[] head = new byte[(int) Math.min(length, HEADER_WINDOW)];
      raf.readFully(head);
      if (indexOf(head, "%PDF-") < 0) {
        throw new PdfRejected(notPdfMessage(head));
      }
      byte[] tail = new byte[(int) Math.min(length, TRAILER_WINDOW)];
      raf.seek(length - tail.length);
      raf.readFully(tail);
      if (indexOf(tail, "%%EOF") < 0) {
        throw new PdfRejected(TRUNCATED);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /** 0, 90, 180 or 270: the page's /Rotate, normalised (anything not a multiple of 90 counts as 0, as in viewers). */
  static int rotation(PDPage page) {
    int r = page.getRotation() % 360;
    if (r < 0) {
      r += 360;
    }
    return r % 90 == 0 ? r : 0;
  }

  /** Width and height in points of the visible area as displayed (crop box, after rotation). */
  static float[] visualSize(PDPage page) {
    PDRectangle box = page.getCropBox();
    float w = box.getWidth();
    float h = box.getHeight();
    int r = rotation(page);
    return r == 90 || r == 270 ? new float[] {h, w} : new float[] {w, h};
  }

  static void checkInterrupted() throws PdfRejected {
    if (Thread.currentThread().isInterrupted()) {
      throw new PdfRejected(TOO_LONG);
    }
  }

  /** Any failure while reading a loaded document, as the rejection a secretary sees. */
  static PdfRejected unreadable(Throwable e, String where) {
    if (Thread.currentThread().isInterrupted() || e instanceof ClosedByInterruptException
        || e instanceof Interrupted) {
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

  // ---------------------------------------------------------------------------------------------------------------

  private static PdfRejected tooManyPages(String count, int max) {
    return new PdfRejected("The PDF has " + count + " pages; at most " + max
        + " are accepted. Split it into smaller files.");
  }

  /** The /Count the root of the page tree claims (0 when absent), read without visiting any page. */
  private static int declaredPageCount(PDDocument doc) {
    COSDictionary pages = doc.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.PAGES);
    return pages == null ? 0 : pages.getInt(COSName.COUNT, 0);
  }

  /**
   * The leaves of the page tree in order, as PDFBox's own page iterator finds them (nodes with /Kids or /Type
   * /Pages are inner nodes; an inner node seen twice is skipped), but without recursion and stopping as soon as
   * there are more than {@code maxPages}.
   */
  private static List<PDPage> pages(PDDocument doc, int maxPages) throws PdfRejected {
    COSDictionary root = doc.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.PAGES);
    if (root == null) {
      throw damaged("it has no page list", null);
    }
    List<PDPage> leaves = new ArrayList<>();
    Set<COSDictionary> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<COSDictionary> stack = new ArrayDeque<>();
    stack.push(root);
    while (!stack.isEmpty()) {
      checkInterrupted();
      COSDictionary node = stack.pop();
      if (COSName.PAGES.equals(node.getCOSName(COSName.TYPE)) || node.containsKey(COSName.KIDS)) {
        if (!seen.add(node)) {
          continue;
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
          throw tooManyPages("more than " + maxPages, maxPages);
        }
        leaves.add(new PDPage(node));
      }
    }
    return leaves;
  }

  private static boolean isSigned(PDDocument doc) {
    try {
      return !doc.getSignatureDictionaries().isEmpty();
    } catch (RuntimeException | StackOverflowError e) {
      return false; // a broken form does not make a readable document unreadable
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Before PDFBox: the same size check on the raw file. PDFBox unpacks object streams (/ObjStm) and cross-reference
  // streams into memory while it loads the document, before any check on the loaded document can run; a 300 MB
  // object stream is 300 KB in the file. Every stream in a PDF is at the top level of the file ("N 0 obj << … >>
  // stream … endstream"), so this scan finds them all without parsing the document: for each, the filters and length
  // are read from its dictionary text and the data is unpacked into a counter.

  private static final Pattern FILTER = Pattern.compile("/Filter\\s*(\\[[^\\]]*\\]|/[^\\s/\\[\\]<>()%{}]+)");
  private static final Pattern NAME = Pattern.compile("/([^\\s/\\[\\]<>()%{}]+)");
  private static final Pattern DIRECT_LENGTH = Pattern.compile("/Length\\s+(\\d{1,12})(?!\\s+\\d+\\s+R)");
  private static final Pattern IMAGE = Pattern.compile("/Subtype\\s*/Image\\b");
  private static final Pattern WIDTH = Pattern.compile("/Width\\s+(\\d{1,9})");
  private static final Pattern HEIGHT = Pattern.compile("/Height\\s+(\\d{1,9})");
  private static final Pattern OBJECT_NUMBER = Pattern.compile("(\\d{1,10})\\s+\\d{1,5}\\s*$");
  private static final Pattern BPC = Pattern.compile("/BitsPerComponent\\s+(\\d{1,2})");
  private static final byte[] STREAM = "stream".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ENDSTREAM = "endstream".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] OBJ = "obj".getBytes(StandardCharsets.US_ASCII);

  static void checkRawStreams(Path file) throws PdfRejected {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size > Integer.MAX_VALUE) {
        throw new PdfRejected("The PDF is larger than 2 GB; split it into smaller files.");
      }
      ByteBuffer bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
      int n = (int) size;
      int at = 0;
      while (true) {
        int keyword = indexOf(bytes, STREAM, at, n);
        if (keyword < 0) {
          return;
        }
        at = keyword + STREAM.length;
        if ((keyword & 0xFFF) < STREAM.length) {
          checkInterrupted();
        }
        int dataStart = dataStart(bytes, keyword, n);
        if (dataStart < 0) {
          continue; // "endstream", or "stream" inside some other token
        }
        int dictEnd = keyword - 1;
        while (dictEnd > 0 && isWhite(bytes.get(dictEnd))) {
          dictEnd--;
        }
        if (dictEnd < 1 || bytes.get(dictEnd) != '>' || bytes.get(dictEnd - 1) != '>') {
          continue; // a stream keyword follows a dictionary
        }
        int objEnd = lastIndexOf(bytes, OBJ, dictEnd, Math.max(0, dictEnd - (1 << 16)));
        String dict = ascii(bytes, objEnd < 0 ? Math.max(0, dictEnd - (1 << 16)) : objEnd + OBJ.length,
            dictEnd + 1);
        Matcher length = DIRECT_LENGTH.matcher(dict);
        int dataEnd = -1;
        if (length.find()) {
          long declared = Long.parseLong(length.group(1));
          if (dataStart + declared <= n) {
            dataEnd = (int) (dataStart + declared);
          }
        }
        if (dataEnd < 0) {
          int end = indexOf(bytes, ENDSTREAM, dataStart, n);
          dataEnd = end < 0 ? n : end;
        }
        String where = "at byte " + keyword;
        if (objEnd > 0) {
          Matcher number = OBJECT_NUMBER.matcher(ascii(bytes, Math.max(0, objEnd - 24), objEnd));
          if (number.find()) {
            where = "object " + number.group(1);
          }
        }
        checkRawStream(bytes, dataStart, dataEnd, dict, where);
        at = Math.max(at, dataEnd);
      }
    } catch (PdfRejected e) {
      throw e;
    } catch (IOException e) {
      if (Thread.currentThread().isInterrupted() || e instanceof ClosedByInterruptException) {
        throw new PdfRejected(TOO_LONG, e);
      }
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  private static void checkRawStream(ByteBuffer bytes, int start, int end, String dict, String where)
      throws PdfRejected {
    List<COSName> filters = new ArrayList<>();
    Matcher filter = FILTER.matcher(dict);
    if (filter.find()) {
      Matcher name = NAME.matcher(filter.group(1));
      while (name.find()) {
        filters.add(COSName.getPDFName(unescapeName(name.group(1))));
      }
    } else if (dict.contains("/Filter") && end - start >= 2) {
      int cmf = bytes.get(start) & 0xFF;
      int flg = bytes.get(start + 1) & 0xFF;
      if ((cmf & 0x0F) == 8 && ((cmf << 8) | flg) % 31 == 0) {
        filters.add(COSName.FLATE_DECODE); // an indirect /Filter, and the data looks like zlib
      }
    }
    for (int i = 0; i < filters.size(); i++) {
      if (IMAGE_CODECS.contains(filters.get(i))) {
        filters = filters.subList(0, i);
        break;
      }
    }
    if (filters.isEmpty()) {
      return;
    }
    long cap = MAX_DECODED_STREAM_BYTES;
    if (IMAGE.matcher(dict).find()) {
      long w = group(WIDTH, dict);
      long h = group(HEIGHT, dict);
      long bpc = Math.min(16, Math.max(8, group(BPC, dict)));
      long bound = ((w * 4 * bpc + 7) / 8 + 1) * h;
      cap = imageCap(bound + bound / 16 + (1 << 16));
    }
    try {
      InputStream in = new BufferInputStream(bytes, start, end);
      COSDictionary noParameters = new COSDictionary();
      for (int i = 0; i < filters.size(); i++) {
        Filter f = FilterFactory.INSTANCE.getFilter(filters.get(i));
        if (i == filters.size() - 1) {
          f.decode(in, new CappedOutput(cap, null), noParameters, i);
        } else {
          ByteArrayOutputStream buffer = new ByteArrayOutputStream();
          f.decode(in, new CappedOutput(cap, buffer), noParameters, i);
          in = new ByteArrayInputStream(buffer.toByteArray());
        }
      }
    } catch (TooBig e) {
      throw tooBig(where, cap);
    } catch (IOException | RuntimeException e) {
      checkInterrupted(); // corrupt or unknown: left to PDFBox
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

  private static long group(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  private static String unescapeName(String name) {
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

  private static boolean isWhite(byte b) {
    return b == 0 || b == 9 || b == 10 || b == 12 || b == 13 || b == 32;
  }

  private static int indexOf(ByteBuffer bytes, byte[] needle, int from, int to) {
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

  private static int lastIndexOf(ByteBuffer bytes, byte[] needle, int before, int floor) {
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

  private static String ascii(ByteBuffer bytes, int from, int to) {
    byte[] b = new byte[Math.max(0, to - from)];
    bytes.get(from, b);
    return new String(b, StandardCharsets.ISO_8859_1);
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

  // ---------------------------------------------------------------------------------------------------------------
  // Zip-bomb check: unpack every compressed object into a counter, without keeping the bytes. Content streams (page
  // contents, forms, tiling patterns) are also tokenised on the way, to refuse endless operand lists: PDFBox keeps
  // every operand until the next operator, so 50 MB of "0 0 0 …" would take hundreds of megabytes of heap.

  /** At most this many operands (counting array and dictionary elements) before an operator in a content stream. */
  static final int MAX_OPERANDS = 50_000;

  private static final Set<COSName> IMAGE_CODECS = Set.of(COSName.DCT_DECODE, COSName.DCT_DECODE_ABBREVIATION,
      COSName.JPX_DECODE, COSName.JBIG2_DECODE, COSName.CCITTFAX_DECODE, COSName.CCITTFAX_DECODE_ABBREVIATION);

  private static void checkStreams(PDDocument doc, List<PDPage> pages) throws PdfRejected {
    Set<COSStream> contents = Collections.newSetFromMap(new IdentityHashMap<>());
    for (PDPage page : pages) {
      COSBase c = page.getCOSObject().getDictionaryObject(COSName.CONTENTS);
      if (c instanceof COSStream stream) {
        contents.add(stream);
      } else if (c instanceof COSArray array) {
        for (int i = 0; i < array.size(); i++) {
          if (array.getObject(i) instanceof COSStream stream) {
            contents.add(stream);
          }
        }
      }
    }
    COSDocument cos = doc.getDocument();
    for (COSObjectKey key : new ArrayList<>(cos.getXrefTable().keySet())) {
      checkInterrupted();
      if (cos.getObjectFromPool(key).getObject() instanceof COSStream stream) {
        boolean content = contents.contains(stream) || COSName.FORM.equals(stream.getCOSName(COSName.SUBTYPE))
            || stream.getInt(COSName.PATTERN_TYPE, 0) == 1;
        checkStream(stream, key, content);
      }
    }
  }

  private static void checkStream(COSStream stream, COSObjectKey key, boolean content) throws PdfRejected {
    COSName type = stream.getCOSName(COSName.TYPE);
    if (COSName.XREF.equals(type) || COSName.OBJ_STM.equals(type)) {
      return; // the parser has read these already
    }
    List<COSName> filters = filterNames(stream.getFilters());
    for (int i = 0; i < filters.size(); i++) {
      if (IMAGE_CODECS.contains(filters.get(i))) {
        filters = filters.subList(0, i); // image codecs decode to rasters of the declared size, not to bytes
        break;
      }
    }
    if (filters.isEmpty() && !content) {
      return; // stored as is: bounded by the file
    }
    boolean image = COSName.IMAGE.equals(stream.getCOSName(COSName.SUBTYPE));
    long cap = image ? imageCap(imageBytesBound(stream)) : MAX_DECODED_STREAM_BYTES;
    OutputStream sink = content ? new OperandCounter() : null;
    try (InputStream raw = stream.createRawInputStream()) {
      InputStream in = raw;
      if (filters.isEmpty()) {
        in.transferTo(new CappedOutput(cap, sink));
      }
      for (int i = 0; i < filters.size(); i++) {
        Filter filter = FilterFactory.INSTANCE.getFilter(filters.get(i));
        if (i == filters.size() - 1) {
          filter.decode(in, new CappedOutput(cap, sink), stream, i);
        } else {
          ByteArrayOutputStream buffer = new ByteArrayOutputStream();
          filter.decode(in, new CappedOutput(cap, buffer), stream, i);
          in = new ByteArrayInputStream(buffer.toByteArray());
        }
      }
    } catch (TooBig e) {
      throw tooBig("object " + key.getNumber(), cap);
    } catch (TooManyOperands e) {
      throw new PdfRejected("The PDF contains drawing instructions (object " + key.getNumber() + ") with more "
          + "than " + MAX_OPERANDS + " values in a row; the file is damaged or deliberately oversized. Export it "
          + "again, or ask its author for a normal copy.");
    } catch (IOException | RuntimeException e) {
      // Corrupt data, unknown filter …: PDFBox is lenient with these when it reads the object; if it is not, the
      // text extraction below reports the document as damaged.
      checkInterrupted();
    }
  }

  private static List<COSName> filterNames(COSBase filters) {
    if (filters instanceof COSName name) {
      return List.of(name);
    }
    List<COSName> names = new ArrayList<>();
    if (filters instanceof COSArray array) {
      for (int i = 0; i < array.size(); i++) {
        if (array.getObject(i) instanceof COSName name) {
          names.add(name);
        }
      }
    }
    return names;
  }

  private static PdfRejected tooBig(String where, long cap) {
    return new PdfRejected("The PDF contains a compressed part (" + where + ") that unpacks to more than "
        + (cap >> 20) + " MB; the file is damaged or deliberately oversized. Export it again, or ask its author for "
        + "a normal copy.");
  }

  /** The cap for an image whose declared size needs {@code bound} bytes. */
  private static long imageCap(long bound) {
    return Math.min(MAX_DECODED_IMAGE_BYTES, Math.max(MAX_DECODED_STREAM_BYTES, bound));
  }

  /** Generous upper bound of an image's unpacked size from its declared width, height, depth and colours. */
  private static long imageBytesBound(COSStream image) {
    long w = Math.max(0, image.getInt(COSName.WIDTH, COSName.W, 0));
    long h = Math.max(0, image.getInt(COSName.HEIGHT, COSName.H, 0));
    long bpc = Math.min(16, Math.max(1, image.getInt(COSName.BITS_PER_COMPONENT, COSName.BPC, 8)));
    long components = image.getBoolean(COSName.IMAGE_MASK, COSName.IM, false)
        ? 1 : colourComponents(image.getDictionaryObject(COSName.COLORSPACE, COSName.CS));
    long rowBytes = (w * components * bpc + 7) / 8 + 1; // +1: PNG predictor tag byte per row
    long bound = rowBytes * h;
    return bound + bound / 16 + (1 << 16);
  }

  private static int colourComponents(COSBase cs) {
    COSName name = cs instanceof COSName n ? n
        : cs instanceof COSArray a && a.size() > 0 && a.getObject(0) instanceof COSName n ? n : null;
    if (name == null) {
      return 4;
    }
    switch (name.getName()) {
      case "DeviceGray": case "G": case "CalGray": case "Indexed": case "I": case "Separation":
        return 1;
      case "DeviceRGB": case "RGB": case "CalRGB": case "Lab":
        return 3;
      case "ICCBased":
        if (cs instanceof COSArray a && a.size() > 1 && a.getObject(1) instanceof COSStream icc) {
          return Math.min(32, Math.max(1, icc.getInt(COSName.N, 4)));
        }
        return 4;
      case "DeviceN":
        if (cs instanceof COSArray a && a.size() > 1 && a.getObject(1) instanceof COSArray names) {
          return Math.min(32, Math.max(1, names.size()));
        }
        return 4;
      default:
        return 4;
    }
  }

  /** Counts (and optionally keeps) unpacked bytes; throws {@link TooBig} past the cap. */
  private static final class CappedOutput extends OutputStream {
    private final long cap;
    private final OutputStream keep;
    private long count;

    CappedOutput(long cap, OutputStream keep) {
      this.cap = cap;
      this.keep = keep;
    }

    @Override
    public void write(int b) throws IOException {
      add(1);
      if (keep != null) {
        keep.write(b);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      add(len);
      if (keep != null) {
        keep.write(b, off, len);
      }
    }

    private void add(int n) {
      count += n;
      if (count > cap) {
        throw new TooBig(); // unchecked: filters catch and log IOExceptions
      }
      if ((count & ~0xFFFFL) != ((count - n) & ~0xFFFFL) && Thread.currentThread().isInterrupted()) {
        throw new Interrupted();
      }
    }
  }

  private static final class TooBig extends RuntimeException {
    TooBig() {
      super(null, null, false, false);
    }
  }

  private static final class TooManyOperands extends RuntimeException {
    TooManyOperands() {
      super(null, null, false, false);
    }
  }

  /**
   * A streaming tokeniser of content-stream syntax that only counts operands since the last operator (elements of
   * arrays and dictionaries count too), and throws {@link TooManyOperands} past {@link #MAX_OPERANDS}. Inline image
   * data (ID … EI) is skipped as PDFBox does: up to whitespace, "EI", whitespace.
   */
  static final class OperandCounter extends OutputStream {
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
      boolean space = c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
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
  }

  /** Thrown from inside PDFBox call-backs when the thread was interrupted. */
  static final class Interrupted extends RuntimeException {
    Interrupted() {
      super("interrupted", null, false, false);
    }
  }

  // ---------------------------------------------------------------------------------------------------------------

  /** One pass of PDFTextStripper over the document, its output cut at every page boundary. */
  private static final class PageTexts extends PDFTextStripper {
    private final String[] texts;
    private final StringWriter out = new StringWriter();
    private int operators;

    PageTexts(int pages) {
      texts = new String[pages];
      Arrays.fill(texts, "");
      setSortByPosition(false);
      setLineSeparator("\n");
      setPageEnd("");
      setPageStart("");
    }

    void extract(PDDocument doc) throws IOException {
      writeText(doc, out);
    }

    String text(int index) {
      return texts[index];
    }

    int currentPage() {
      return getCurrentPageNo();
    }

    @Override
    protected void startPage(PDPage page) throws IOException {
      if (Thread.currentThread().isInterrupted()) {
        throw new Interrupted();
      }
      out.getBuffer().setLength(0);
      // Content order reads columns correctly, but on a page with /Rotate PDFTextStripper then breaks lines
      // mid-word; position order does not.
      setSortByPosition(rotation(page) != 0);
      super.startPage(page);
    }

    @Override
    protected void endPage(PDPage page) throws IOException {
      super.endPage(page);
      int index = getCurrentPageNo() - 1;
      if (index >= 0 && index < texts.length) {
        texts[index] = out.toString().strip();
      }
      out.getBuffer().setLength(0);
    }

    @Override
    protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
      if ((++operators & 0x3FF) == 0 && Thread.currentThread().isInterrupted()) {
        throw new Interrupted();
      }
      super.processOperator(operator, operands);
    }
  }

  // ---------------------------------------------------------------------------------------------------------------

  private static int indexOf(byte[] haystack, String needle) {
    byte[] n = needle.getBytes(StandardCharsets.US_ASCII);
    outer:
    for (int i = 0; i + n.length <= haystack.length; i++) {
      for (int j = 0; j < n.length; j++) {
        if (haystack[i + j] != n[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static String notPdfMessage(byte[] head) {
    String base = "This file is not a PDF (it does not start with %PDF-)";
    String kind = sniff(head);
    return kind == null
        ? base + ". Open it in the program that made it and use \u201cSave as PDF\u201d or \u201cExport to PDF\u201d."
        : base + "; it looks like " + kind + ". Open it and use \u201cSave as PDF\u201d or \u201cExport to PDF\u201d.";
  }

  private static String sniff(byte[] b) {
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
