package org.plenum.server.document;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.plenum.server.config.PlenumConfig.DocumentsConfig;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.db.Tx;

/** {@link DocumentVersions} for other features, on the document feature's store, contents and PDF workers. */
final class VersionReader implements DocumentVersions {
  private final Database db;
  private final DocumentStore store;
  private final DocumentService documents;
  private final DocumentContents contents;
  private final PdfWorkers workers;
  private final DocumentsConfig config;

  VersionReader(Database db, DocumentStore store, DocumentService documents, DocumentContents contents, PdfWorkers workers,
                DocumentsConfig config) {
    this.db = db;
    this.store = store;
    this.documents = documents;
    this.contents = contents;
    this.workers = workers;
    this.config = config;
  }

  @Override
  public Future<Info> info(Tx tx, MeetingId meeting, UUID documentId) {
    return store.get(tx, meeting, documentId).map(d -> new Info(d.id(), d.title(), d.access(), d.currentVersion()));
  }

  @Override
  public Future<List<PageSize>> pages(Tx tx, MeetingId meeting, UUID documentId, int version) {
    return store.get(tx, meeting, documentId).compose(d -> store.pageSizes(tx, d.version(version).sha256()))
        .map(pages -> pages.stream().map(p -> new PageSize(p.number(), p.width(), p.height())).toList());
  }

  @Override
  public Future<Path> pdf(MeetingId meeting, UUID documentId, int version) {
    return store.get(db.auto(), meeting, documentId).compose(d -> contents.materialize(d.version(version)));
  }

  @Override
  public <T> Future<T> onPdfWorkers(Callable<T> job, Duration budget, String what) {
    return workers.run(job, budget, what);
  }

  @Override
  public Duration pdfBudget() {
    return config.validationTimeout();
  }

  @Override
  public void onVersionAdded(VersionAdded listener) {
    documents.onVersionAdded(listener);
  }
}
