package org.plenum.server.pdf;

import static org.plenum.server.pdf.PdfInspector.MAX_DECODED_STREAM_BYTES;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;

/**
 * The zip-bomb check: every compressed stream of the PDF is unpacked within its {@link UnpackBudget}, keeping
 * nothing, twice. {@link #beforeLoading} reads the raw file ({@link RawStreamLexer}), because PDFBox unpacks object
 * streams (/ObjStm) and cross-reference streams into memory while it loads the document, before any check on the
 * loaded document can run (a 300 MB object stream is 300 KB in the file). {@link #afterLoading} reads every stream of
 * the loaded document with its exact filters and parameters, and counts the operands of content streams on the way
 * ({@link OperandCounter}).
 */
final class StreamCheck {

  private StreamCheck() {}

  /** Refuses a file over 2 GB, or one with a stream that unpacks past its cap as far as the raw bytes tell. */
  static void beforeLoading(Path file) throws PdfRejected {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size > Integer.MAX_VALUE) {
        throw new PdfRejected(Rejections.OVER_2_GB);
      }
      ByteBuffer bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
      RawStreamLexer.scan(bytes, StreamCheck::checkRaw);
    } catch (IOException e) {
      if (TimeBudget.endedBy(e)) {
        throw new PdfRejected(Rejections.TOO_LONG, e);
      }
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  private static void checkRaw(RawStreamLexer.RawStream stream) throws PdfRejected {
    List<COSName> filters = UnpackBudget.beforeImageCodec(stream.filters());
    if (filters.isEmpty()) {
      return;
    }
    long cap = MAX_DECODED_STREAM_BYTES;
    if (stream.image()) {
      long bpc = Math.min(16, Math.max(8, stream.bitsPerComponent()));
      cap = UnpackBudget.imageCap(stream.width(), stream.height(), 4, bpc);
    }
    UnpackBudget.unpack(stream::data, filters, new COSDictionary(), cap, null, stream.where());
  }

  /**
   * Refuses a loaded document with a stream that unpacks past its cap, or a content stream of one of {@code pages}
   * (or a form or tiling pattern anywhere) with more than {@link OperandCounter#MAX_OPERANDS} operands in a row.
   */
  static void afterLoading(PDDocument doc, List<PDPage> pages) throws PdfRejected {
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
      TimeBudget.check();
      if (cos.getObjectFromPool(key).getObject() instanceof COSStream stream) {
        boolean content = contents.contains(stream) || COSName.FORM.equals(stream.getCOSName(COSName.SUBTYPE))
            || stream.getInt(COSName.PATTERN_TYPE, 0) == 1;
        checkLoaded(stream, key, content);
      }
    }
  }

  private static void checkLoaded(COSStream stream, COSObjectKey key, boolean content) throws PdfRejected {
    COSName type = stream.getCOSName(COSName.TYPE);
    if (COSName.XREF.equals(type) || COSName.OBJ_STM.equals(type)) {
      return; // the parser has read these already
    }
    List<COSName> filters = UnpackBudget.beforeImageCodec(filterNames(stream.getFilters()));
    if (filters.isEmpty() && !content) {
      return; // stored as is: bounded by the file
    }
    long cap = COSName.IMAGE.equals(stream.getCOSName(COSName.SUBTYPE)) ? imageCap(stream) : MAX_DECODED_STREAM_BYTES;
    // Corrupt data, unknown filter …: PDFBox is lenient with these when it reads the object; if it is not, the text
    // extraction reports the document as damaged.
    UnpackBudget.unpack(stream::createRawInputStream, filters, stream, cap, content ? new OperandCounter() : null,
        "object " + key.getNumber());
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

  /** The cap for an image from its declared width, height, depth and colours. */
  private static long imageCap(COSStream image) {
    long w = Math.max(0, image.getInt(COSName.WIDTH, COSName.W, 0));
    long h = Math.max(0, image.getInt(COSName.HEIGHT, COSName.H, 0));
    long bpc = Math.min(16, Math.max(1, image.getInt(COSName.BITS_PER_COMPONENT, COSName.BPC, 8)));
    long components = image.getBoolean(COSName.IMAGE_MASK, COSName.IM, false)
        ? 1 : colourComponents(image.getDictionaryObject(COSName.COLORSPACE, COSName.CS));
    return UnpackBudget.imageCap(w, h, components, bpc);
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
}
