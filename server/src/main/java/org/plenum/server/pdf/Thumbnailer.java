package org.plenum.server.pdf;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Objects;
import java.util.Set;
import javax.imageio.ImageIO;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.rendering.RenderDestination;

/**
 * Renders one page of a PDF as a PNG thumbnail of an exact width (RGB, white background; the height follows the
 * page's proportions, capped at four times the width for extremely tall pages, which are cut at the bottom). Pure
 * and blocking: run it on a worker thread; meant for PDFs {@link PdfInspector} has accepted.
 *
 * <p>Memory: PDFBox unpacks each image it draws, so a page holding an image of more than {@link #MAX_IMAGE_PIXELS}
 * pixels is refused rather than drawn (images are subsampled while drawing, but unpacked in full first).
 */
public final class Thumbnailer {

  public static final int MIN_WIDTH_PX = 16;
  public static final int MAX_WIDTH_PX = 1024;
  /** Largest image (width × height, as declared) on a page that is drawn; 50 megapixels ≈ an A4 scan at 600 dpi. */
  public static final long MAX_IMAGE_PIXELS = 50_000_000L;

  static final long MAIN_MEMORY_BYTES = 32L << 20;

  private Thumbnailer() {}

  /**
   * @param pdf the PDF
   * @param pageNumber 1-based; outside the document is an {@link IllegalArgumentException}
   * @param widthPx {@value #MIN_WIDTH_PX}..{@value #MAX_WIDTH_PX}
   * @return PNG bytes of an image exactly {@code widthPx} wide
   * @throws PdfRejected the PDF (or this page) cannot be read or drawn
   * @throws IOException the file cannot be read
   */
  public static byte[] png(Path pdf, int pageNumber, int widthPx) throws IOException, PdfRejected {
    Objects.requireNonNull(pdf, "pdf");
    if (widthPx < MIN_WIDTH_PX || widthPx > MAX_WIDTH_PX) {
      throw new IllegalArgumentException(
          "Thumbnail width must be " + MIN_WIDTH_PX + ".." + MAX_WIDTH_PX + " pixels, not " + widthPx);
    }
    if (pageNumber < 1) {
      throw new IllegalArgumentException("Page numbers start at 1, not " + pageNumber);
    }
    TimeBudget.check();
    FileMarkers.check(pdf);
    try (RandomAccessReadBufferedFile source = new RandomAccessReadBufferedFile(pdf);
        PDDocument doc = PdfInspector.load(source, MAIN_MEMORY_BYTES)) {
      if (doc.isEncrypted()) {
        throw new PdfRejected(Rejections.ENCRYPTED_WITHOUT_PASSWORD);
      }
      int pages = doc.getNumberOfPages();
      if (pageNumber > pages) {
        throw new NoSuchPage("Page " + pageNumber + " does not exist: the PDF has " + pages
            + (pages == 1 ? " page" : " pages"));
      }
      PDPage page = doc.getPage(pageNumber - 1);
      checkImages(page, pageNumber);
      float[] size = PageGeometry.visualSize(page);
      if (!(size[0] > 0 && size[1] > 0)) {
        throw Rejections.damaged("page " + pageNumber + " has no usable size", null);
      }
      float scale = widthPx / size[0];
      int heightPx = (int) Math.max(1, Math.min(4L * widthPx, Math.round(size[1] * scale)));
      BufferedImage image = new BufferedImage(widthPx, heightPx, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = image.createGraphics();
      try {
        g.setBackground(Color.WHITE); // PDFRenderer clears the page area with the background colour
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, widthPx, heightPx);
        PDFRenderer renderer = new PDFRenderer(doc);
        renderer.setSubsamplingAllowed(true);
        renderer.renderPageToGraphics(pageNumber - 1, g, scale, scale, RenderDestination.VIEW);
      } finally {
        g.dispose();
      }
      TimeBudget.check();
      ByteArrayOutputStream png = new ByteArrayOutputStream(64 * 1024);
      if (!ImageIO.write(image, "png", png)) {
        throw new IllegalStateException("No PNG writer in this JVM");
      }
      return png.toByteArray();
    } catch (PdfRejected | NoSuchPage e) {
      throw e;
    } catch (IOException | RuntimeException | StackOverflowError | OutOfMemoryError e) {
      throw Rejections.unreadable(e, "page " + pageNumber);
    }
  }

  /** A page number past the end of the document (an {@link IllegalArgumentException}, as documented). */
  private static final class NoSuchPage extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    NoSuchPage(String message) {
      super(message);
    }
  }

  /** Refuses a page with an image (directly or inside forms it draws) larger than {@link #MAX_IMAGE_PIXELS}. */
  private static void checkImages(PDPage page, int pageNumber) throws PdfRejected {
    COSDictionary resources = page.getCOSObject().getCOSDictionary(COSName.RESOURCES);
    if (resources == null && page.getResources() != null) {
      resources = page.getResources().getCOSObject(); // inherited
    }
    Set<COSDictionary> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<COSDictionary> todo = new ArrayDeque<>();
    if (resources != null) {
      todo.push(resources);
    }
    while (!todo.isEmpty()) {
      COSDictionary res = todo.pop();
      if (!seen.add(res) || seen.size() > 10_000) {
        continue;
      }
      COSDictionary xobjects = res.getCOSDictionary(COSName.XOBJECT);
      if (xobjects == null) {
        continue;
      }
      for (COSName name : xobjects.keySet()) {
        COSBase x = xobjects.getDictionaryObject(name);
        if (!(x instanceof COSStream stream)) {
          continue;
        }
        COSName subtype = stream.getCOSName(COSName.SUBTYPE);
        if (COSName.IMAGE.equals(subtype)) {
          long w = stream.getInt(COSName.WIDTH, COSName.W, 0);
          long h = stream.getInt(COSName.HEIGHT, COSName.H, 0);
          if (w * h > MAX_IMAGE_PIXELS) {
            throw new PdfRejected("Page " + pageNumber + " holds an image of " + w + " \u00d7 " + h
                + " pixels, too large to preview (at most " + MAX_IMAGE_PIXELS / 1_000_000 + " megapixels).");
          }
        } else if (COSName.FORM.equals(subtype)) {
          COSDictionary formResources = stream.getCOSDictionary(COSName.RESOURCES);
          if (formResources != null) {
            todo.push(formResources);
          }
        }
      }
    }
  }
}
