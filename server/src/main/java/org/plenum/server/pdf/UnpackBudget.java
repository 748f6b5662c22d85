package org.plenum.server.pdf;

import static org.plenum.server.pdf.PdfInspector.MAX_DECODED_IMAGE_BYTES;
import static org.plenum.server.pdf.PdfInspector.MAX_DECODED_STREAM_BYTES;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.filter.Filter;
import org.apache.pdfbox.filter.FilterFactory;

/**
 * The memory budget of unpacking one stream: its data goes through its filters (PDFBox's own) into a counter that
 * keeps nothing and refuses the stream as soon as it unpacks to more than its cap — {@link
 * PdfInspector#MAX_DECODED_STREAM_BYTES}, or for an image about its declared raster size, at most {@link
 * PdfInspector#MAX_DECODED_IMAGE_BYTES}. A sink may watch the unpacked bytes on the way and end the unpacking with an
 * {@link Exceeded} of its own ({@link OperandCounter}). Corrupt data and unknown filters are left to PDFBox, which is
 * lenient with them when it reads the object.
 */
final class UnpackBudget {

  /** Image codecs decode to rasters of the declared size, not to bytes: unpacking stops before them. */
  private static final Set<COSName> IMAGE_CODECS = Set.of(COSName.DCT_DECODE, COSName.DCT_DECODE_ABBREVIATION,
      COSName.JPX_DECODE, COSName.JBIG2_DECODE, COSName.CCITTFAX_DECODE, COSName.CCITTFAX_DECODE_ABBREVIATION);

  private UnpackBudget() {}

  /** A limit passed while unpacking; unchecked, because PDFBox's filters catch and log {@link IOException}s. */
  abstract static class Exceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Exceeded() {
      super(null, null, false, false);
    }

    /** The rejection for the stream at {@code where} ("object 4"). */
    abstract PdfRejected rejection(String where);
  }

  /** Opens a stream's packed data. */
  interface Source {
    InputStream open() throws IOException;
  }

  /** The filters up to the first image codec. */
  static List<COSName> beforeImageCodec(List<COSName> filters) {
    for (int i = 0; i < filters.size(); i++) {
      if (IMAGE_CODECS.contains(filters.get(i))) {
        return filters.subList(0, i);
      }
    }
    return filters;
  }

  /**
   * The cap for an image from its declared size: a generous bound of its raster (a PNG predictor tag byte per row,
   * 1/16 and 64 KB more), at least {@link PdfInspector#MAX_DECODED_STREAM_BYTES} and at most {@link
   * PdfInspector#MAX_DECODED_IMAGE_BYTES}.
   */
  static long imageCap(long width, long height, long components, long bitsPerComponent) {
    long rowBytes = (width * components * bitsPerComponent + 7) / 8 + 1;
    long bound = rowBytes * height;
    return Math.min(MAX_DECODED_IMAGE_BYTES, Math.max(MAX_DECODED_STREAM_BYTES, bound + bound / 16 + (1 << 16)));
  }

  /**
   * Unpacks the data through {@code filters} (none: the data as is) into a counter, and into {@code sink} if given.
   *
   * @param parameters the stream's dictionary, for the filters' /DecodeParms
   * @param where names the stream in a rejection ("object 4")
   * @throws PdfRejected past {@code cap}, when the sink refuses the data, or when the time is spent
   */
  static void unpack(Source source, List<COSName> filters, COSDictionary parameters, long cap, OutputStream sink,
      String where) throws PdfRejected {
    try (InputStream raw = source.open()) {
      InputStream in = raw;
      if (filters.isEmpty()) {
        in.transferTo(new CappedOutput(cap, sink));
      }
      for (int i = 0; i < filters.size(); i++) {
        Filter filter = FilterFactory.INSTANCE.getFilter(filters.get(i));
        if (i == filters.size() - 1) {
          filter.decode(in, new CappedOutput(cap, sink), parameters, i);
        } else {
          ByteArrayOutputStream buffer = new ByteArrayOutputStream();
          filter.decode(in, new CappedOutput(cap, buffer), parameters, i);
          in = new ByteArrayInputStream(buffer.toByteArray());
        }
      }
    } catch (Exceeded e) {
      throw e.rejection(where);
    } catch (IOException | RuntimeException e) {
      TimeBudget.check(); // corrupt or unknown: left to PDFBox
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
        throw new TooBig(cap);
      }
      if ((count & ~0xFFFFL) != ((count - n) & ~0xFFFFL)) {
        TimeBudget.checkInCallback(); // every 64 KB
      }
    }
  }

  private static final class TooBig extends Exceeded {
    private static final long serialVersionUID = 1L;
    private final long cap;

    TooBig(long cap) {
      this.cap = cap;
    }

    @Override
    PdfRejected rejection(String where) {
      return Rejections.tooBig(where, cap);
    }
  }
}
