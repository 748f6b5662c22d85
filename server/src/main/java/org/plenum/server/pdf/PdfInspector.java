package org.plenum.server.pdf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

/**
 * Checks an uploaded PDF before the server accepts it, and reads what the server needs from it: the pages, their
 * sizes and their text. Pure and blocking (run it on a worker thread); the caller may interrupt the thread when its
 * time budget is spent, which ends the inspection with {@link PdfRejected} ("took too long", {@link TimeBudget}).
 *
 * <p>Checks, in order: the {@code %PDF-} header in the first 1024 bytes and the {@code %%EOF} end marker in the last
 * 2048 bytes ({@link FileMarkers}); every stream in the raw file unpacks to a bounded size ({@link
 * #MAX_DECODED_STREAM_BYTES}; images to about their declared size, at most {@link #MAX_DECODED_IMAGE_BYTES}) — PDFBox
 * unpacks object streams fully into memory while loading, so a "zip bomb" must be refused before PDFBox sees the file
 * ({@link StreamCheck#beforeLoading}); loading with PDFBox with a bounded main-memory stream cache that spills to
 * temporary files; no encryption; the page count the page tree claims (refused above {@link Limits#maxPages()} before
 * any page is visited) and the page tree itself, refused as soon as it holds more than the limit ({@link PageTree});
 * the same size check on every stream of the loaded document (with PDFBox's exact filters), content streams also
 * refused when they pile up more than {@link OperandCounter#MAX_OPERANDS} operands without an operator ({@link
 * StreamCheck#afterLoading}); finally the size ({@link PageGeometry}) and text ({@link PageTextExtractor}) of every
 * page; last, what the document would run, open or send by itself ({@link ActiveContent#scan}).
 *
 * <p>Every problem with the input ends as {@link PdfRejected} ({@link Rejections} words it), including {@link
 * RuntimeException}s, {@link StackOverflowError} and {@link OutOfMemoryError} from PDFBox. Only a failure to read the
 * file at all (missing, unreadable) is thrown as {@link UncheckedIOException}: that is a server fault, not a bad
 * upload.
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
   * @param activeContent what the document would run, open or send by itself ({@link ActiveContent}; not removed here)
   */
  public record Inspection(int pageCount, List<PageInfo> pages, boolean signed, ActiveContent.Findings activeContent) {
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

  private PdfInspector() {}

  public static Inspection inspect(Path file, Limits limits) throws PdfRejected {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(limits, "limits");
    TimeBudget.check();
    FileMarkers.check(file);
    StreamCheck.beforeLoading(file);
    PageTextExtractor texts = null;
    try (RandomAccessReadBufferedFile source = new RandomAccessReadBufferedFile(file);
        PDDocument doc = load(source, limits.maxMainMemoryBytes())) {
      if (doc.isEncrypted()) {
        throw new PdfRejected(Rejections.ENCRYPTED_WITHOUT_PASSWORD);
      }
      List<PDPage> pages = PageTree.pages(doc, limits.maxPages());
      StreamCheck.afterLoading(doc, pages);
      List<float[]> sizes = new ArrayList<>(pages.size());
      for (int i = 0; i < pages.size(); i++) {
        TimeBudget.check();
        float[] size = PageGeometry.visualSize(pages.get(i));
        if (!(size[0] > 0 && size[1] > 0 && size[0] < 1e6 && size[1] < 1e6)) {
          throw Rejections.damaged("page " + (i + 1) + " has no usable size", null);
        }
        sizes.add(size);
      }
      texts = new PageTextExtractor(pages.size());
      texts.extract(doc);
      TimeBudget.check();
      List<PageInfo> infos = new ArrayList<>(pages.size());
      for (int i = 0; i < pages.size(); i++) {
        infos.add(new PageInfo(i + 1, sizes.get(i)[0], sizes.get(i)[1], texts.text(i)));
      }
      ActiveContent.Findings active = ActiveContent.scan(doc);
      return new Inspection(infos.size(), infos, isSigned(doc), active);
    } catch (PdfRejected e) {
      throw e;
    } catch (InvalidPasswordException e) {
      throw new PdfRejected(Rejections.ENCRYPTED_WITH_PASSWORD, e);
    } catch (IOException | RuntimeException | StackOverflowError | OutOfMemoryError e) {
      String where = texts != null && texts.currentPage() > 0 ? "page " + texts.currentPage() : null;
      throw Rejections.unreadable(e, where);
    }
  }

  /**
   * Loads the document with a bounded main-memory stream cache that spills to temporary files (shared with {@link
   * Thumbnailer} and {@link Watermarker}; call {@link FileMarkers#check} first; encryption and size are not checked
   * here). The caller closes the document, then {@code source}.
   */
  static PDDocument load(RandomAccessReadBufferedFile source, long maxMainMemoryBytes) throws IOException {
    return Loader.loadPDF(source, "", null, null, MemoryUsageSetting.setupMixed(maxMainMemoryBytes).streamCache);
  }

  private static boolean isSigned(PDDocument doc) {
    try {
      return !doc.getSignatureDictionaries().isEmpty();
    } catch (RuntimeException | StackOverflowError e) {
      return false; // a broken form does not make a readable document unreadable
    }
  }
}
