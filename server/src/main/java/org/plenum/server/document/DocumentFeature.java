package org.plenum.server.document;

import io.vertx.core.Future;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.plenum.server.config.PlenumConfig.DocumentsConfig;
import org.plenum.server.core.Feature;
import org.plenum.server.core.FeatureRegistry;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.ledger.Ledger;
import org.plenum.server.meeting.Meetings;
import org.plenum.server.pdf.SignatureVerifier;

/**
 * Meeting documents (tài liệu họp): checked PDF uploads and their versions, who may read each (DA1–DA5), contents,
 * watermarked copies, thumbnails and search.
 */
public final class DocumentFeature implements Feature {
  private final Vertx vertx;
  private final DocumentsConfig config;
  private final DocumentService documents;
  private final DocumentContents contents;
  private final DocumentVersions versions;
  private final SignatureVerifier signatures;

  /**
   * Loads {@code documents.trust_store} (signature checks) at once: a bad file stops the start. The document cache's
   * figures go to {@code metrics} (DC9).
   */
  public DocumentFeature(Vertx vertx, Database db, Ledger ledger, Meetings meetings, DocumentsConfig config, Path dataDir,
                         MeterRegistry metrics) throws IOException {
    this.vertx = vertx;
    this.config = config;
    List<X509Certificate> anchors = config.trustStore().isEmpty() ? List.of() : SignatureVerifier.loadTrustStore(Path.of(config.trustStore()));
    PdfWorkers workers = new PdfWorkers(vertx, config.pdfWorkers());
    DocumentStore store = new PgDocumentStore(vertx);
    this.signatures = new SignatureVerifier(anchors, config.fetchRevocation());
    this.documents = new DocumentService(db, ledger, store, workers, config, signatures,
        org.plenum.server.core.live.AccessChanges.of(vertx));
    this.contents = new DocumentContents(vertx, db, store, workers, config, meetings, dataDir, new DocumentMeters(metrics));
    this.versions = new VersionReader(db, store, documents, contents, workers, config);
  }

  /** The one verifier of signed PDFs ({@code documents.trust_store}); the minutes report their signatures with it (MN9). */
  public SignatureVerifier signatures() {
    return signatures;
  }

  /** Document versions as other features see them (annotations). */
  public DocumentVersions api() {
    return versions;
  }

  @Override
  public String name() {
    return "document";
  }

  @Override
  public void register(FeatureRegistry r) {
    r.events(DocumentEvent.class, new DocumentProjection());
    r.snapshot("documents", (tx, m, viewer) -> documents.list(tx, viewer, m));
    r.routes(new DocumentRoutes(documents, contents, config));
  }

  /** Removes uploads that a previous run left half-written; indexes the document cache (D40) and trims it to its bound. */
  @Override
  public Future<Void> start() {
    Path tmp = contents.tmpDir();
    return vertx.executeBlocking(() -> {
      if (Files.isDirectory(tmp)) {
        try (var files = Files.list(tmp)) {
          for (var f : files.toList()) {
            Files.deleteIfExists(f);
          }
        }
      }
      contents.cache().load();
      return null;
    });
  }
}
