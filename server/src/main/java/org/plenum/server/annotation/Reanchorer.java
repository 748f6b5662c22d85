package org.plenum.server.annotation;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.ledger.Audience;
import org.plenum.server.core.ledger.Ledger;
import org.plenum.server.document.DocumentVersions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AN10: when a document gets a new version, its annotations on the previous version are carried over. The text
 * layers of both versions are read on the document feature's PDF workers (never on an event loop); each carried
 * annotation gets a server edit of its placement (AN1, AN2), each one that cannot be placed with confidence stays
 * where it is and its author gets {@code annotation.orphaned} with the reason. Nothing is dropped.
 */
final class Reanchorer {
  private static final Logger LOG = LoggerFactory.getLogger(Reanchorer.class);

  private final Database db;
  private final Ledger ledger;
  private final AnnotationStore store;
  private final AnnotationService service;
  private final DocumentVersions documents;

  Reanchorer(Database db, Ledger ledger, AnnotationStore store, AnnotationService service, DocumentVersions documents) {
    this.db = db;
    this.ledger = ledger;
    this.store = store;
    this.service = service;
    this.documents = documents;
  }

  /** Carries the annotations of version {@code version - 1} to {@code version}; completes when every result is committed. */
  Future<Void> carry(MeetingId meeting, UUID documentId, int version) {
    if (version < 2) {
      return Future.succeededFuture();
    }
    int previous = version - 1;
    return store.changedSince(db.auto(), documentId, 0).compose(all -> {
      List<Annotation> onPrevious = all.stream().flatMap(s -> s.state().view().stream()).filter(a -> a.anchor().version() == previous).toList();
      if (onPrevious.isEmpty()) {
        return Future.succeededFuture();
      }
      return documents.pdf(meeting, documentId, previous).compose(before -> documents.pdf(meeting, documentId, version)
          .compose(after -> documents.onPdfWorkers(() -> Reanchoring.carry(TextLayerReader.read(before), TextLayerReader.read(after), version,
              onPrevious), documents.pdfBudget(), "Reading the text of both versions")))
          .compose(results -> write(meeting, documentId, previous, version, onPrevious, results, 0));
    }).onFailure(err -> LOG.warn("Meeting {}: annotations of document {} were not carried to version {}: {}", meeting, documentId, version,
        err.toString()));
  }

  private Future<Void> write(MeetingId meeting, UUID documentId, int previous, int version, List<Annotation> annotations,
                             List<Reanchored> results, int i) {
    if (i == results.size()) {
      return Future.succeededFuture();
    }
    Annotation a = annotations.get(i);
    Reanchored r = results.get(i);
    Future<?> done;
    if (r instanceof Reanchored.Moved m) {
      AnnotationOp.Edit edit = new AnnotationOp.Edit(a.id(), a.author(), service.serverStamp(), Optional.of(m.placement()), Optional.empty(),
          Optional.empty(), Optional.empty());
      done = service.applyAsServer(meeting, edit).recover(err -> err instanceof PlenumException
          ? orphan(meeting, documentId, previous, version, a, Reanchored.Reason.OFF_PAGE.name(), err.getMessage())
          : Future.failedFuture(err));
    } else {
      Reanchored.Orphaned o = (Reanchored.Orphaned) r;
      done = orphan(meeting, documentId, previous, version, a, o.reason().name(), o.detail());
    }
    return done.compose(x -> write(meeting, documentId, previous, version, annotations, results, i + 1));
  }

  private Future<Long> orphan(MeetingId meeting, UUID documentId, int previous, int version, Annotation a, String reason, String detail) {
    var event = new AnnotationEvent.Orphaned(a.id().toString(), documentId.toString(), previous, version, reason, detail,
        Audience.only(false, List.of(), List.of(a.author())));
    return ledger.write(meeting, null, (tx, head) -> Future.succeededFuture(Ledger.Change.of(head.seq() + 1, event))).map(Ledger.Written::value);
  }
}
