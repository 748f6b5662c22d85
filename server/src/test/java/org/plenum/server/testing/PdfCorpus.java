package org.plenum.server.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceRGB;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;

/**
 * Generates PDFs for tests, good and bad, each into a file in a given directory. Every method returns the path of
 * the file it wrote. Random content is seeded, so the corpus is the same on every run.
 *
 * <p>Good: {@link #validPdf} (real text with Vietnamese diacritics in embedded DejaVu Sans, mixed page sizes and a
 * rotated page), {@link #bigPdf} (~20 MB of incompressible images), {@link #signedPdf}.
 *
 * <p>Bad: {@link #notPdf}, {@link #truncated}, {@link #garbageStream}, {@link #garbageFlateStream},
 * {@link #millionPages}, {@link #deeplyNested}, {@link #encrypted}, {@link #ownerPasswordOnly},
 * {@link #hugeObjectStream}, {@link #lengthBeyondFile}, {@link #zipBomb}, {@link #operandFlood},
 * {@link #understatedCount}.
 */
public final class PdfCorpus {

  /** Vietnamese with diacritics, as an agenda item title. */
  public static final String VIETNAMESE = "Ngh\u1ecb quy\u1ebft d\u1ef1 to\u00e1n ng\u00e2n s\u00e1ch n\u0103m 2027";
  /** A reader's name, for watermarks. */
  public static final String READER = "Nguy\u1ec5n V\u0103n An";

  private static final String FONT = "fonts/DejaVuSans.ttf";
  private static final java.util.concurrent.atomic.AtomicInteger SEQUENCE = new java.util.concurrent.atomic.AtomicInteger();

  private PdfCorpus() {}

  // -------------------------------------------------------------------------------------------------------------
  // Good files

  /**
   * {@code pages} pages, each with two lines of text: "Trang N / Page N" and {@code textPerPage}. Page 1 and every
   * page after 3 is A4 portrait (595.28 × 841.89 pt); page 2 is A4 landscape (media box 841.89 × 595.28); page 3 is
   * A4 portrait stored with /Rotate 90, so it is displayed landscape.
   */
  public static Path validPdf(Path dir, int pages, String textPerPage) throws IOException {
    Path file = dir.resolve("valid-" + pages + "p-" + SEQUENCE.incrementAndGet() + ".pdf"); // never overwrite
    try (PDDocument doc = new PDDocument()) {
      PDType0Font font = PDType0Font.load(doc, fontStream(), true);
      for (int i = 1; i <= pages; i++) {
        PDRectangle size = i == 2 ? new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth())
            : PDRectangle.A4;
        PDPage page = new PDPage(size);
        if (i == 3) {
          page.setRotation(90);
        }
        doc.addPage(page);
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
          cs.beginText();
          cs.setFont(font, 14);
          cs.newLineAtOffset(56, size.getHeight() - 72);
          cs.showText("Trang " + i + " / Page " + i);
          cs.newLineAtOffset(0, -24);
          cs.setFont(font, 12);
          cs.showText(textPerPage);
          cs.endText();
        }
      }
      doc.save(file.toFile());
    }
    return file;
  }

  /**
   * About {@code targetBytes} (at least that many): pages of ~1 MB each, every page an image of random pixels
   * (stored raw, so nothing compresses) under a line of text. Writes 20 MB in well under a second.
   */
  public static Path bigPdf(Path dir, long targetBytes) throws IOException {
    Path file = dir.resolve("big-" + (targetBytes >> 20) + "mb-" + SEQUENCE.incrementAndGet() + ".pdf");
    int w = 600;
    int h = 560;
    int imageBytes = w * h * 3;
    int pages = (int) Math.max(1, (targetBytes + imageBytes - 1) / imageBytes);
    SplittableRandom random = new SplittableRandom(20_27);
    byte[] pixels = new byte[imageBytes];
    try (PDDocument doc = new PDDocument()) {
      PDType0Font font = PDType0Font.load(doc, fontStream(), true);
      for (int i = 1; i <= pages; i++) {
        fill(random, pixels);
        PDImageXObject image = new PDImageXObject(doc, new ByteArrayInputStream(pixels), null, w, h, 8,
            PDDeviceRGB.INSTANCE);
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
          cs.drawImage(image, 56, 150, 480, 448);
          cs.beginText();
          cs.setFont(font, 12);
          cs.newLineAtOffset(56, 780);
          cs.showText("Ph\u1ee5 l\u1ee5c " + i + ": b\u1ea3n \u0111\u1ed3 / Annex " + i);
          cs.endText();
        }
      }
      doc.save(file.toFile());
    }
    return file;
  }

  /** A PDF with one signature dictionary (its /Contents is not a valid CMS signature: it is only there). */
  public static Path signedPdf(Path dir) throws IOException {
    Path unsigned = validPdf(Files.createTempDirectory(dir, "unsigned"), 2, VIETNAMESE);
    Path file = dir.resolve("signed.pdf");
    try (PDDocument doc = Loader.loadPDF(unsigned.toFile()); OutputStream out = Files.newOutputStream(file)) {
      PDSignature signature = new PDSignature();
      signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
      signature.setSubFilter(PDSignature.SUBFILTER_ADBE_PKCS7_DETACHED);
      signature.setName("Th\u01b0 k\u00fd H\u0110ND");
      signature.setReason("Test");
      signature.setSignDate(Calendar.getInstance());
      doc.addSignature(signature, content -> {
        content.readAllBytes();
        return new byte[] {0x30, 0x03, 0x02, 0x01, 0x00}; // a DER INTEGER 0 in a SEQUENCE: not a signature
      });
      doc.saveIncremental(out);
    }
    return file;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Bad files

  /** A PNG image named {@code not-a-pdf.pdf}. */
  public static Path notPdf(Path dir) throws IOException {
    BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(image, "png", png);
    Path file = dir.resolve("not-a-pdf.pdf");
    Files.write(file, png.toByteArray());
    return file;
  }

  /** The first {@code fraction} of {@code valid}'s bytes, next to it (as a copy cut off mid-transfer). */
  public static Path truncated(Path valid, double fraction) throws IOException {
    byte[] all = Files.readAllBytes(valid);
    int keep = (int) Math.max(1, Math.min(all.length - 1, Math.round(all.length * fraction)));
    String name = valid.getFileName().toString().replaceFirst("\\.pdf$", "")
        + String.format(Locale.ROOT, "-truncated-%02d.pdf", Math.round(fraction * 100));
    Path file = valid.resolveSibling(name);
    Files.write(file, java.util.Arrays.copyOf(all, keep));
    return file;
  }

  /** A well-formed PDF whose one page has a content stream of 64 KiB of random bytes (stored raw). */
  public static Path garbageStream(Path dir) throws IOException {
    byte[] junk = new byte[64 * 1024];
    fill(new SplittableRandom(7), junk);
    Hand pdf = new Hand();
    pdf.obj("<< /Type /Catalog /Pages 2 0 R >>");
    pdf.obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    pdf.obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>");
    pdf.stream("", junk, junk.length);
    return pdf.write(dir.resolve("garbage-stream.pdf"));
  }

  /** Like {@link #garbageStream} but the random bytes claim to be /FlateDecode (a corrupt compressed stream). */
  public static Path garbageFlateStream(Path dir) throws IOException {
    byte[] junk = new byte[64 * 1024];
    fill(new SplittableRandom(8), junk);
    Hand pdf = new Hand();
    pdf.obj("<< /Type /Catalog /Pages 2 0 R >>");
    pdf.obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    pdf.obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>");
    pdf.stream("/Filter /FlateDecode", junk, junk.length);
    return pdf.write(dir.resolve("garbage-flate-stream.pdf"));
  }

  /** Hand-written, with a correct xref: the page tree claims /Count 1000000 but holds one real page. */
  public static Path millionPages(Path dir) throws IOException {
    Hand pdf = new Hand();
    pdf.obj("<< /Type /Catalog /Pages 2 0 R >>");
    pdf.obj("<< /Type /Pages /Kids [3 0 R] /Count 1000000 >>");
    pdf.obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        + "/Resources << /Font << /F1 5 0 R >> >> >>");
    byte[] content = ascii("BT /F1 24 Tf 72 720 Td (One real page) Tj ET");
    pdf.stream("", content, content.length);
    pdf.obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    return pdf.write(dir.resolve("million-pages.pdf"));
  }

  /** Hand-written: the page tree lists itself among its kids (a loop), next to one real page; /Count 1. */
  public static Path cyclicPageTree(Path dir) throws IOException {
    Hand pdf = new Hand();
    pdf.obj("<< /Type /Catalog /Pages 2 0 R >>");
    pdf.obj("<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 1 >>");
    pdf.obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> >>");
    return pdf.write(dir.resolve("cyclic-page-tree.pdf"));
  }

  /** {@link #deeplyNested(Path, int)} 100000 deep. */
  public static Path deeplyNested(Path dir) throws IOException {
    return deeplyNested(dir, 100_000);
  }

  /** Hand-written: the catalog holds an array nested {@code depth} deep ({@code [[[[…]]]]}), e.g. 100000. */
  public static Path deeplyNested(Path dir, int depth) throws IOException {
    Hand pdf = new Hand();
    pdf.obj("<< /Type /Catalog /Pages 2 0 R /Nested " + "[".repeat(depth) + "]".repeat(depth) + " >>");
    pdf.obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    pdf.obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> >>");
    return pdf.write(dir.resolve("deeply-nested-" + depth + ".pdf"));
  }

  /** Opens only with the user password "user-secret" (AES-256). */
  public static Path encrypted(Path dir) throws IOException {
    return protect(dir.resolve("encrypted.pdf"), "owner-secret", "user-secret");
  }

  /** Opens without a password, but encrypted with an owner password that forbids printing and copying. */
  public static Path ownerPasswordOnly(Path dir) throws IOException {
    return protect(dir.resolve("owner-password-only.pdf"), "owner-secret", "");
  }

  /** Hand-written: the page's content stream claims /Length 999999999, far beyond the end of the file. */
  public static Path lengthBeyondFile(Path dir) throws IOException {
    Hand pdf = new Hand();
    pdf.obj("<< /Type /Catalog /Pages 2 0 R >>");
    pdf.obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    pdf.obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        + "/Resources << /Font << /F1 5 0 R >> >> >>");
    byte[] content = ascii("BT /F1 24 Tf 72 720 Td (Length lies) Tj ET");
    pdf.stream("", content, 999_999_999L);
    pdf.obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    return pdf.write(dir.resolve("length-beyond-file.pdf"));
  }

  /** {@link #hugeObjectStream(Path, long)} of 300 MB. */
  public static Path hugeObjectStream(Path dir) throws IOException {
    return hugeObjectStream(dir, 300L << 20);
  }

  /**
   * Hand-written, PDF 1.5 style (cross-reference stream): the catalog, page tree and page live in an object stream
   * (/Type /ObjStm, /FlateDecode) that unpacks to {@code decodedBytes}: the three objects, then spaces. The file is
   * ~1/1000 of that. PDFBox unpacks object streams into memory while it loads a document.
   */
  public static Path hugeObjectStream(Path dir, long decodedBytes) throws IOException {
    String[] objects = {
      "<< /Type /Catalog /Pages 3 0 R >>\n",
      "<< /Type /Pages /Kids [4 0 R] /Count 1 >>\n",
      "<< /Type /Page /Parent 3 0 R /MediaBox [0 0 595 842] /Resources << >> >>\n"};
    String header = "2 0 3 " + objects[0].length() + " 4 " + (objects[0].length() + objects[1].length()) + " ";
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    long written = 0;
    try (DeflaterOutputStream z = new DeflaterOutputStream(compressed, deflater, 1 << 16)) {
      byte[] head = ascii(header + String.join("", objects));
      z.write(head);
      written += head.length;
      byte[] spaces = new byte[1 << 20];
      java.util.Arrays.fill(spaces, (byte) ' ');
      while (written < decodedBytes) {
        int n = (int) Math.min(decodedBytes - written, spaces.length);
        z.write(spaces, 0, n);
        written += n;
      }
    } finally {
      deflater.end();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ascii("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n"));
    int objStm = out.size();
    byte[] data = compressed.toByteArray();
    out.writeBytes(ascii("1 0 obj\n<< /Type /ObjStm /N 3 /First " + header.length() + " /Filter /FlateDecode /Length "
        + data.length + " >>\nstream\n"));
    out.writeBytes(data);
    out.writeBytes(ascii("\nendstream\nendobj\n"));
    int xref = out.size();
    // /W [1 4 2]: type, offset or object-stream number, generation or index.
    long[][] rows = {{0, 0, 65535}, {1, objStm, 0}, {2, 1, 0}, {2, 1, 1}, {2, 1, 2}, {1, xref, 0}};
    ByteArrayOutputStream table = new ByteArrayOutputStream();
    for (long[] row : rows) {
      table.write((int) row[0]);
      for (int shift = 24; shift >= 0; shift -= 8) {
        table.write((int) (row[1] >>> shift));
      }
      table.write((int) (row[2] >>> 8));
      table.write((int) row[2]);
    }
    byte[] entries = table.toByteArray();
    out.writeBytes(ascii("5 0 obj\n<< /Type /XRef /W [1 4 2] /Size 6 /Root 2 0 R /Length " + entries.length
        + " >>\nstream\n"));
    out.writeBytes(entries);
    out.writeBytes(ascii("\nendstream\nendobj\nstartxref\n" + xref + "\n%%EOF\n"));
    Path file = dir.resolve("huge-object-stream-" + (decodedBytes >> 20) + "mb.pdf");
    Files.write(file, out.toByteArray());
    return file;
  }

  /**
   * Hand-written "zip bomb": the page's content stream is /FlateDecode and unpacks to {@code decodedBytes} bytes
   * (spaces, then one line of text "After the bomb"), while the file stays ~1/1000 of that.
   */
  public static Path zipBomb(Path dir, long decodedBytes) throws IOException {
    byte[] tail = ascii("\nBT /F1 24 Tf 72 720 Td (After the bomb) Tj ET\n");
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    try (DeflaterOutputStream z = new DeflaterOutputStream(compressed, deflater, 1 << 16)) {
      byte[] spaces = new byte[1 << 20];
      java.util.Arrays.fill(spaces, (byte) ' ');
      long left = Math.max(0, decodedBytes - tail.length);
      while (left > 0) {
        int n = (int) Math.min(left, spaces.length);
        z.write(spaces, 0, n);
        left -= n;
      }
      z.write(tail);
    } finally {
      deflater.end();
    }
    Hand pdf = new Hand();
    pdf.obj("<< /Type /Catalog /Pages 2 0 R >>");
    pdf.obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    pdf.obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        + "/Resources << /Font << /F1 5 0 R >> >> >>");
    byte[] data = compressed.toByteArray();
    pdf.stream("/Filter /FlateDecode", data, data.length);
    pdf.obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    return pdf.write(dir.resolve("zip-bomb-" + (decodedBytes >> 20) + "mb.pdf"));
  }

  /**
   * Hand-written: the page's content stream is /FlateDecode and unpacks to {@code decodedBytes} of "0 0 0 …" with no
   * operator: a parser that keeps operands until the next operator fills its heap.
   */
  public static Path operandFlood(Path dir, long decodedBytes) throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    try (DeflaterOutputStream z = new DeflaterOutputStream(compressed, deflater, 1 << 16)) {
      byte[] zeros = ascii("0 ".repeat(1 << 19));
      for (long left = decodedBytes; left > 0; left -= zeros.length) {
        z.write(zeros, 0, (int) Math.min(left, zeros.length));
      }
    } finally {
      deflater.end();
    }
    Hand pdf = new Hand();
    pdf.obj("<< /Type /Catalog /Pages 2 0 R >>");
    pdf.obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    pdf.obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>");
    byte[] data = compressed.toByteArray();
    pdf.stream("/Filter /FlateDecode", data, data.length);
    return pdf.write(dir.resolve("operand-flood-" + (decodedBytes >> 20) + "mb.pdf"));
  }

  /** Hand-written: a page tree with {@code pages} real pages whose root claims /Count 1. */
  public static Path understatedCount(Path dir, int pages) throws IOException {
    Hand pdf = new Hand();
    pdf.obj("<< /Type /Catalog /Pages 2 0 R >>");
    StringBuilder kids = new StringBuilder();
    for (int i = 0; i < pages; i++) {
      kids.append(i + 3).append(" 0 R ");
    }
    pdf.obj("<< /Type /Pages /Kids [" + kids + "] /Count 1 >>");
    for (int i = 0; i < pages; i++) {
      pdf.obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> >>");
    }
    return pdf.write(dir.resolve("understated-count-" + pages + ".pdf"));
  }

  // -------------------------------------------------------------------------------------------------------------

  private static Path protect(Path file, String owner, String user) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      PDType0Font font = PDType0Font.load(doc, fontStream(), true);
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        cs.beginText();
        cs.setFont(font, 12);
        cs.newLineAtOffset(56, 770);
        cs.showText(VIETNAMESE);
        cs.endText();
      }
      AccessPermission permissions = new AccessPermission();
      permissions.setCanPrint(false);
      permissions.setCanExtractContent(false);
      StandardProtectionPolicy policy = new StandardProtectionPolicy(owner, user, permissions);
      policy.setEncryptionKeyLength(256);
      doc.protect(policy);
      doc.save(file.toFile());
    }
    return file;
  }

  private static InputStream fontStream() {
    InputStream in = PdfCorpus.class.getClassLoader().getResourceAsStream(FONT);
    if (in == null) {
      throw new UncheckedIOException(new IOException("Missing font on the classpath: " + FONT));
    }
    return in;
  }

  private static void fill(SplittableRandom random, byte[] bytes) {
    for (int i = 0; i < bytes.length; i += 8) {
      long r = random.nextLong();
      for (int j = 0; j < 8 && i + j < bytes.length; j++) {
        bytes[i + j] = (byte) (r >>> (8 * j));
      }
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Writes a PDF by hand: objects numbered 1, 2, … in the order given, a classic xref table, the trailer. */
  private static final class Hand {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<Integer> offsets = new ArrayList<>();

    Hand() {
      out.writeBytes(ascii("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n"));
    }

    void obj(String body) {
      offsets.add(out.size());
      out.writeBytes(ascii((offsets.size()) + " 0 obj\n" + body + "\nendobj\n"));
    }

    void stream(String dictEntries, byte[] data, long declaredLength) {
      offsets.add(out.size());
      out.writeBytes(ascii(offsets.size() + " 0 obj\n<< " + dictEntries + " /Length " + declaredLength
          + " >>\nstream\n"));
      out.writeBytes(data);
      out.writeBytes(ascii("\nendstream\nendobj\n"));
    }

    Path write(Path file) throws IOException {
      int xref = out.size();
      StringBuilder sb = new StringBuilder();
      sb.append("xref\n0 ").append(offsets.size() + 1).append('\n');
      sb.append("0000000000 65535 f\r\n");
      for (int offset : offsets) {
        sb.append(String.format(Locale.ROOT, "%010d 00000 n\r\n", offset));
      }
      sb.append("trailer\n<< /Size ").append(offsets.size() + 1).append(" /Root 1 0 R >>\n");
      sb.append("startxref\n").append(xref).append("\n%%EOF\n");
      out.writeBytes(ascii(sb.toString()));
      Files.write(file, out.toByteArray());
      return file;
    }
  }
}
