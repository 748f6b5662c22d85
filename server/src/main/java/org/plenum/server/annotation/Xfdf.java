package org.plenum.server.annotation;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.pdmodel.fdf.FDFAnnotation;
import org.apache.pdfbox.pdmodel.fdf.FDFDocument;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationMarkup;

/**
 * XFDF (ISO 19444-1), the standard interchange format for PDF annotations (draft rule AN12): export a reader's
 * visible annotations of one version, and import annotations made in other PDF apps. The export writes the same
 * annotation dictionaries as {@link AnnotatedPdf} as XFDF elements (PDFBox writes only form fields to XFDF); the
 * import reads with PDFBox's XFDF parser ({@link Loader#loadXFDF}), so a file round-trips through an independent
 * reader. Blocking; no network access (no DTD or external entity is resolved).
 */
public final class Xfdf {
  private static final String NS = "http://ns.adobe.com/xfdf/";

  private Xfdf() {}

  /** One annotation found in an XFDF file: on {@code page} (from 1), with what it is and the name it had there. */
  public record Found(int page, Optional<String> name, Shape shape, Style style, Optional<String> text) {
    /**
     * As a create by the importing account, private, on the given document version. The id is the file's name
     * for it when that is a UUID (a Plenum export), else derived from the name (importing twice gives the same ids).
     */
    public AnnotationOp.Create toCreate(UUID by, UUID documentId, int version, Stamp stamp) {
      AnnotationId id = name.flatMap(Xfdf::uuid).map(AnnotationId::new).orElseGet(() -> new AnnotationId(
          UUID.nameUUIDFromBytes((documentId + "/" + version + "/" + page + "/" + name.orElse(shape.toString()))
              .getBytes(StandardCharsets.UTF_8))));
      return new AnnotationOp.Create(id, by, stamp, new Placement(new Anchor(documentId, version, page), shape), style,
          Visibility.PRIVATE, text);
    }
  }

  /** Writes the annotations of {@code documentId} version {@code version} that {@code reader} may see. */
  public static int write(UUID documentId, int version, Collection<Annotation> annotations, Viewer reader,
      Function<UUID, String> names, String pdfName, OutputStream out) throws IOException {
    try {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeStartElement("xfdf");
      xml.writeDefaultNamespace(NS);
      xml.writeAttribute("xml:space", "preserve");
      xml.writeEmptyElement("f");
      xml.writeAttribute("href", pdfName);
      xml.writeStartElement("annots");
      int written = 0;
      for (Annotation a : annotations) {
        Anchor at = a.anchor();
        if (a.visibleTo(reader) && at.documentId().equals(documentId) && at.version() == version) {
          element(xml, at.page() - 1, PdfAnnotations.toPdf(a, names.apply(a.author())));
          written++;
        }
      }
      xml.writeEndElement();
      xml.writeEndElement();
      xml.writeEndDocument();
      xml.close();
      return written;
    } catch (XMLStreamException e) {
      throw new IOException("writing XFDF", e);
    }
  }

  /** The annotations of an XFDF file that Plenum has kinds for, in file order; other kinds are left out. */
  public static List<Found> read(InputStream xfdf) throws IOException {
    List<Found> out = new ArrayList<>();
    try (FDFDocument fdf = Loader.loadXFDF(xfdf)) {
      List<FDFAnnotation> annotations = fdf.getCatalog().getFDF().getAnnotations();
      for (FDFAnnotation annotation : annotations == null ? List.<FDFAnnotation>of() : annotations) {
        Integer page = annotation.getPage();
        for (PdfAnnotations.Imported i : PdfAnnotations.fromPdf(annotation.getCOSObject())) {
          out.add(new Found(page == null ? 1 : page + 1, i.name(), i.shape(), i.style(), i.text()));
        }
      }
    }
    return out;
  }

  /** One PDF annotation dictionary as its XFDF element: {@code <ink>}, {@code <highlight>}, {@code <text>}, … */
  private static void element(XMLStreamWriter xml, int pageIndex, PDAnnotationMarkup m) throws XMLStreamException {
    COSDictionary d = m.getCOSObject();
    xml.writeStartElement(m.getSubtype().toLowerCase(Locale.ROOT));
    xml.writeAttribute("page", Integer.toString(pageIndex));
    xml.writeAttribute("rect", numbers(d.getCOSArray(COSName.RECT), ","));
    float[] c = m.getColor().getComponents();
    xml.writeAttribute("color", String.format(Locale.ROOT, "#%02X%02X%02X", Math.round(c[0] * 255),
        Math.round(c[1] * 255), Math.round(c[2] * 255)));
    xml.writeAttribute("name", m.getAnnotationName());
    xml.writeAttribute("title", m.getTitlePopup());
    xml.writeAttribute("date", d.getString(COSName.M));
    xml.writeAttribute("creationdate", d.getString(COSName.CREATION_DATE));
    xml.writeAttribute("flags", "print");
    if (d.containsKey(COSName.CA)) {
      xml.writeAttribute("opacity", Float.toString(m.getConstantOpacity()));
    }
    if (m.getBorderStyle() != null) {
      xml.writeAttribute("width", Float.toString(m.getBorderStyle().getWidth()));
    }
    if (d.containsKey(COSName.QUADPOINTS)) {
      xml.writeAttribute("coords", numbers(d.getCOSArray(COSName.QUADPOINTS), ","));
    }
    if (d.containsKey(COSName.RD)) {
      xml.writeAttribute("fringe", numbers(d.getCOSArray(COSName.RD), ","));
    }
    if (d.containsKey(COSName.NAME)) {
      xml.writeAttribute("icon", d.getNameAsString(COSName.NAME));
    }
    COSArray line = d.getCOSArray(COSName.L);
    if (line != null) {
      String[] xy = numbers(line, ",").split(",");
      xml.writeAttribute("start", xy[0] + "," + xy[1]);
      xml.writeAttribute("end", xy[2] + "," + xy[3]);
      COSArray ends = d.getCOSArray(COSName.LE);
      xml.writeAttribute("head", ends.getName(0));
      xml.writeAttribute("tail", ends.getName(1));
    }
    COSArray ink = d.getCOSArray(COSName.INKLIST);
    if (ink != null) {
      xml.writeStartElement("inklist");
      for (COSBase path : ink) {
        xml.writeStartElement("gesture");
        xml.writeCharacters(points((COSArray) path));
        xml.writeEndElement();
      }
      xml.writeEndElement();
    }
    if (m.getContents() != null) {
      xml.writeStartElement("contents");
      xml.writeCharacters(m.getContents());
      xml.writeEndElement();
    }
    xml.writeEndElement();
  }

  /** The numbers of a COS array as decimals, joined. */
  private static String numbers(COSArray array, String separator) {
    List<String> out = new ArrayList<>(array.size());
    for (COSBase n : array) {
      out.add(Float.toString(((COSNumber) n).floatValue()));
    }
    return String.join(separator, out);
  }

  /** x1,y1;x2,y2;… from [x1 y1 x2 y2 …]. */
  private static String points(COSArray xy) {
    String[] n = numbers(xy, ",").split(",");
    List<String> out = new ArrayList<>(n.length / 2);
    for (int i = 0; i + 1 < n.length; i += 2) {
      out.add(n[i] + "," + n[i + 1]);
    }
    return String.join(";", out);
  }

  private static Optional<UUID> uuid(String text) {
    try {
      return Optional.of(UUID.fromString(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
