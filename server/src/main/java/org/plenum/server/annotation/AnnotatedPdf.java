package org.plenum.server.annotation;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationMarkup;

/**
 * {@code GET …/documents/{id}/versions/{n}/annotated} (draft rule AN11): the version's PDF with the annotations its
 * reader may see written into it as standard PDF annotation objects with appearance streams, so they show and
 * print in any PDF reader. Filters by {@link Annotation#visibleTo} itself (a private annotation of someone else
 * never gets in, whatever the caller passes). Blocking PDFBox work: run it on a worker thread.
 */
public final class AnnotatedPdf {
  private AnnotatedPdf() {}

  /**
   * @param source the version's PDF
   * @param documentId the document, and {@code version} its version: annotations anchored elsewhere are left out
   * @param names display names of authors (for each annotation's title)
   * @return how many annotations were written
   */
  public static int write(Path source, UUID documentId, int version, Collection<Annotation> annotations,
      Viewer reader, Function<UUID, String> names, OutputStream target) throws IOException {
    try (PDDocument doc = Loader.loadPDF(source.toFile())) {
      int written = 0;
      for (Annotation a : annotations) {
        Anchor at = a.anchor();
        if (!a.visibleTo(reader) || !at.documentId().equals(documentId) || at.version() != version
            || at.page() > doc.getNumberOfPages()) {
          continue;
        }
        PDPage page = doc.getPage(at.page() - 1);
        PDAnnotationMarkup pdf = PdfAnnotations.toPdf(a, names.apply(a.author()));
        pdf.setPage(page);
        pdf.constructAppearances(doc);
        List<PDAnnotation> onPage = page.getAnnotations();
        onPage.add(pdf);
        page.setAnnotations(onPage);
        written++;
      }
      doc.save(target);
      return written;
    }
  }
}
