package org.plenum.server.annotation;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.plenum.server.core.Actor;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.db.Tx;
import org.plenum.server.core.ledger.Ledger;
import org.plenum.server.presentation.Presentations;

/**
 * Every read of annotations — {@code annotation.sync}, exports, search — goes through here and shows a viewer only
 * what AN5 allows: annotations of documents the viewer may read, that {@link Annotation#visibleTo} admits.
 */
final class AnnotationReads {
  private final Database db;
  private final Ledger ledger;
  private final AnnotationStore store;
  private final AnnotationService service;
  private final Presentations presentations;

  AnnotationReads(Database db, Ledger ledger, AnnotationStore store, AnnotationService service, Presentations presentations) {
    this.db = db;
    this.ledger = ledger;
    this.store = store;
    this.service = service;
    this.presentations = presentations;
  }

  /**
   * AN4 {@code annotation.sync}: the caller's view of one document's annotations changed after meeting seq
   * {@code after} (all when null), erased ones it could see as ids, and the seq to continue from — read in one
   * snapshot, so nothing committed between the cursor and the answer is skipped.
   */
  Future<JsonObject> sync(Actor actor, MeetingId meeting, UUID documentId, Long after) {
    return db.readSnapshot(tx -> service.readable(tx, actor, meeting, documentId)
        .compose(access -> ledger.store().headSeq(tx, meeting))
        .compose(head -> viewer(tx, actor, meeting).compose(viewer -> store.changedSince(tx, documentId, after == null ? 0 : after).map(changed -> {
          JsonArray annotations = new JsonArray();
          JsonArray erased = new JsonArray();
          JsonArray revoked = new JsonArray();
          for (AnnotationStore.Stored s : changed) {
            Optional<Annotation> now = s.state().view().filter(a -> a.visibleTo(viewer));
            if (now.isPresent()) {
              annotations.add(Trees.vertx(AnnotationJson.view(now.get(), viewer)));
            } else if (after != null && everVisible(s, viewer)) {
              (s.state().isErased() ? erased : revoked).add(s.row().id().toString());
            }
          }
          return new JsonObject().put("type", "ack").put("documentId", documentId.toString()).put("seq", head.orElse(0L))
              .put("annotations", annotations).put("erased", erased).put("revoked", revoked);
        }))));
  }

  /** Whether any state of the annotation, operation by operation, was visible to {@code viewer}. */
  private static boolean everVisible(AnnotationStore.Stored s, Viewer viewer) {
    AnnotationState state = AnnotationState.empty(s.row().id());
    for (AnnotationOp op : s.ops()) {
      state = state.apply(op);
      if (state.view().filter(a -> a.visibleTo(viewer)).isPresent()) {
        return true;
      }
    }
    return false;
  }

  /** The annotations of one document version that {@code actor} may see. */
  Future<List<Annotation>> visible(Actor actor, MeetingId meeting, UUID documentId, int version) {
    return db.readSnapshot(tx -> service.readable(tx, actor, meeting, documentId)
        .compose(access -> viewer(tx, actor, meeting))
        .compose(viewer -> store.changedSince(tx, documentId, 0).map(all -> all.stream().flatMap(s -> s.state().view().stream())
            .filter(a -> a.anchor().version() == version && a.visibleTo(viewer)).toList())));
  }

  /** Every annotation of the meeting that {@code actor} may see, on the documents it may read. */
  Future<List<Annotation>> visibleInMeeting(Actor actor, MeetingId meeting) {
    return db.readSnapshot(tx -> viewer(tx, actor, meeting).compose(viewer -> store.ofMeeting(tx, meeting).compose(all -> {
      Map<UUID, Future<Boolean>> readable = new HashMap<>();
      all.forEach(s -> readable.computeIfAbsent(s.row().documentId(),
          d -> service.readable(tx, actor, meeting, d).map(true).recover(AnnotationService.ifNotFound(false))));
      return Future.all(new ArrayList<>(readable.values())).map(x -> all.stream()
          .filter(s -> readable.get(s.row().documentId()).result())
          .flatMap(s -> s.state().view().stream()).filter(a -> a.visibleTo(viewer)).toList());
    })));
  }

  /** The viewer as visibility sees it: following the presenter the chair named (presenter ink, AN5). */
  Future<Viewer> viewer(Tx tx, Actor actor, MeetingId meeting) {
    return presentations.presenter(tx, meeting).map(p -> Viewer.of(actor, p));
  }

  /** AN13: the caller's search over its own and the visible shared notes and highlights. */
  Future<JsonObject> search(Actor actor, MeetingId meeting, String query) {
    return visibleInMeeting(actor, meeting).compose(all -> db.readSnapshot(tx -> viewer(tx, actor, meeting)).map(viewer -> {
      JsonArray results = new JsonArray();
      for (AnnotationSearch.Hit h : AnnotationSearch.search(all, viewer, query, 50)) {
        Annotation a = h.annotation();
        results.add(new JsonObject().put("id", a.id().toString()).put("documentId", a.anchor().documentId().toString())
            .put("version", a.anchor().version()).put("page", a.anchor().page()).put("kind", a.kind().name())
            .put("author", a.author().toString()).put("snippet", h.snippet()));
      }
      return new JsonObject().put("query", query).put("results", results);
    }));
  }
}
