package org.plenum.server.annotation;

import io.vertx.core.Future;
import org.plenum.server.config.AnnotationsConfig;
import org.plenum.server.core.Feature;
import org.plenum.server.core.FeatureRegistry;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.ledger.Ledger;
import org.plenum.server.document.DocumentVersions;
import org.plenum.server.meeting.Meetings;
import org.plenum.server.presentation.Presentations;

/**
 * Annotations on meeting documents (ghi chú trên tài liệu, docs/protocol.md §14): operations pushed over the socket
 * and merged (D19), per-document sync for offline tablets, live strokes as signals, carrying to new versions, PDF
 * and XFDF export, XFDF import and search. No snapshot part: a meeting's annotations can be many, so a tablet asks
 * for each document's with {@code annotation.sync} and its cursor (D21).
 */
public final class AnnotationFeature implements Feature {
  private final AnnotationService service;
  private final AnnotationReads reads;
  private final AnnotationCommands commands;
  private final Strokes strokes;
  private final Reanchorer reanchorer;
  private final AnnotationRoutes routes;
  private final DocumentVersions documents;

  public AnnotationFeature(Database db, Ledger ledger, DocumentVersions documents, Presentations presentations, Meetings meetings,
                           AnnotationsConfig config) {
    AnnotationStore store = new PgAnnotationStore();
    AnnotationRules rules = new AnnotationRules(limits(config));
    this.documents = documents;
    this.service = new AnnotationService(db, ledger, store, documents, presentations, rules);
    this.reads = new AnnotationReads(db, ledger, store, service, presentations);
    this.commands = new AnnotationCommands(service, reads, config.maxOpsPerPush());
    this.strokes = new Strokes(db, service, reads, rules, config.strokeFramesPerSecond());
    this.reanchorer = new Reanchorer(db, ledger, store, service, documents);
    this.routes = new AnnotationRoutes(db, service, reads, documents, meetings);
  }

  static AnnotationLimits limits(AnnotationsConfig c) {
    return new AnnotationLimits(c.maxPointsPerStroke(), c.maxQuadsPerHighlight(), c.maxQuoteChars(), c.maxNoteChars(), c.maxPeople(),
        c.maxPerPage(), c.maxPerPerson(), c.maxStrokeWidth(), c.offPageMargin(), c.maxClockAhead(), c.maxReplaces());
  }

  @Override
  public String name() {
    return "annotation";
  }

  @Override
  public void register(FeatureRegistry r) {
    r.command("annotation.push", AnnotationCommands.Push.class, commands::push);
    r.command("annotation.sync", AnnotationCommands.Sync.class, commands::sync);
    r.command("annotation.stroke", Strokes.Stroke.class, strokes::relay);
    r.events(AnnotationEvent.class, new AnnotationProjection());
    r.signals(Strokes.Signal.class, new Strokes.StrokeProjection());
    r.routes(routes);
  }

  /** AN10: carry annotations to each new version once it is committed. */
  @Override
  public Future<Void> start() {
    documents.onVersionAdded(reanchorer::carry);
    return Future.succeededFuture();
  }
}
