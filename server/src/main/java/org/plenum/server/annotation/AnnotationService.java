package org.plenum.server.annotation;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.plenum.server.core.Actor;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Tx;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.ledger.Audience;
import org.plenum.server.core.ledger.Ledger;
import org.plenum.server.document.DocumentAccess;
import org.plenum.server.document.DocumentVersions;
import org.plenum.server.presentation.Presentations;

/**
 * Accepting one annotation operation (AN4–AN9): in the meeting ledger's write (one transaction under the meeting's
 * clock lock), a re-delivered operation is found and acknowledged with its seq; a new one is checked — clock, who,
 * content against the page, quota — merged into the stored state, stored with the annotation's row and appended as
 * {@code annotation.changed}. Committed before it is acknowledged. Operations are never logged.
 */
final class AnnotationService {
  /** The server's own device id for the changes it makes (AN1, AN10). */
  static final DeviceId SERVER = new DeviceId("server");

  private final org.plenum.server.core.db.Database db;
  private final Ledger ledger;
  private final AnnotationStore store;
  private final DocumentVersions documents;
  private final Presentations presentations;
  private final AnnotationRules rules;
  private final HlcClock clock;

  AnnotationService(org.plenum.server.core.db.Database db, Ledger ledger, AnnotationStore store, DocumentVersions documents, Presentations presentations, AnnotationRules rules) {
    this.db = db;
    this.ledger = ledger;
    this.store = store;
    this.documents = documents;
    this.presentations = presentations;
    this.rules = rules;
    this.clock = HlcClock.system(rules.limits().maxClockAhead());
  }

  /** A stamp of the server's clock, for the changes it makes (AN10). */
  Stamp serverStamp() {
    return new Stamp(clock.now(), SERVER);
  }

  /** Whose annotation this id is (in any meeting), if it exists. */
  Future<Optional<UUID>> owner(AnnotationId id) {
    return store.find(db.auto(), id).map(s -> s.map(x -> x.row().owner()));
  }

  /** Applies one operation of {@code actor}; the meeting seq of its event (the earlier seq when it was stored before). */
  Future<Long> apply(Actor actor, MeetingId meeting, AnnotationOp op) {
    return ledger.write(meeting, actor.accountId(), (tx, head) -> store.seqOf(tx, op.id(), op.stamp(), op.by()).compose(seq -> seq.isPresent()
        ? Future.succeededFuture(Ledger.Change.of(seq.get()))
        : store.find(tx, op.id()).compose(stored -> accept(tx, actor, meeting, op, stored, head.seq() + 1))))
        .map(Ledger.Written::value);
  }

  private Future<Ledger.Change<Long>> accept(Tx tx, Actor actor, MeetingId meeting, AnnotationOp op, Optional<AnnotationStore.Stored> stored,
                                             long seq) {
    if (stored.isPresent() && !stored.get().row().meeting().equals(meeting)) {
      return Future.failedFuture(new PlenumException(ErrorCode.CONFLICT, "This annotation id is taken; make a new one."));
    }
    Optional<AnnotationState> current = stored.map(AnnotationStore.Stored::state);
    rules.checkClock(op, System.currentTimeMillis());
    Optional<UUID> documentId = stored.map(s -> s.row().documentId()).or(() -> placementOf(op).map(p -> p.anchor().documentId()));
    if (documentId.isEmpty()) {
      return Future.failedFuture(PlenumException.notFound("No annotation " + op.id() + "."));
    }
    return readable(tx, actor, meeting, documentId.get()).compose(access -> presentations.presenter(tx, meeting).compose(presenter -> {
      AnnotationRules.authorize(op, current, Viewer.of(actor, presenter));
      return checkContent(tx, meeting, op, current).compose(v -> checkQuota(tx, meeting, op))
          .compose(v -> commit(tx, meeting, op, documentId.get(), stored, access, presenter, seq));
    }));
  }

  /**
   * AN10: the server's own edit of an annotation's placement (a carried annotation), stamped by the server's clock;
   * checked against the new page like any edit. Its ledger actor is the server (none).
   */
  Future<Long> applyAsServer(MeetingId meeting, AnnotationOp.Edit op) {
    return ledger.write(meeting, null, (tx, head) -> store.find(tx, op.id()).compose(stored -> {
      if (stored.isEmpty()) {
        return Future.failedFuture(PlenumException.notFound("No annotation " + op.id() + "."));
      }
      UUID documentId = stored.get().row().documentId();
      return documents.info(tx, meeting, documentId).compose(doc -> presentations.presenter(tx, meeting)
          .compose(presenter -> checkContent(tx, meeting, op, Optional.of(stored.get().state()))
              .compose(v -> commit(tx, meeting, op, documentId, stored, doc.access(), presenter, head.seq() + 1))));
    })).map(Ledger.Written::value);
  }

  /** Merges an accepted operation, stores it with the annotation's row and makes its event. */
  private Future<Ledger.Change<Long>> commit(Tx tx, MeetingId meeting, AnnotationOp op, UUID documentId, Optional<AnnotationStore.Stored> stored,
                                             DocumentAccess access, Optional<UUID> presenter, long seq) {
    Optional<AnnotationState> current = stored.map(AnnotationStore.Stored::state);
    AnnotationState after = current.orElseGet(() -> AnnotationState.empty(op.id())).apply(op);
    clock.receive(op.stamp().hlc());
    AnnotationEvent.Changed event = changed(op, documentId, current, after, access, presenter);
    return store.save(tx, row(meeting, documentId, stored, after, seq), op, seq).map(x -> Ledger.Change.of(seq, event));
  }

  /** The document's access when {@code actor} may read it; NOT_FOUND otherwise (never a hint that it exists). */
  Future<DocumentAccess> readable(Tx tx, Actor actor, MeetingId meeting, UUID documentId) {
    return documents.info(tx, meeting, documentId).recover(ifNotFound(null)).compose(doc -> doc != null && doc.access().permits(actor)
        ? Future.succeededFuture(doc.access())
        : Future.failedFuture(PlenumException.notFound("No document " + documentId + " in this meeting.")));
  }

  /** {@code value} when the failure is NOT_FOUND; any other failure (the database down) stays a failure. */
  static <T> java.util.function.Function<Throwable, Future<T>> ifNotFound(T value) {
    return err -> err instanceof PlenumException p && p.code() == ErrorCode.NOT_FOUND ? Future.succeededFuture(value) : Future.failedFuture(err);
  }

  private static Optional<Placement> placementOf(AnnotationOp op) {
    if (op instanceof AnnotationOp.Create c) {
      return Optional.of(c.placement());
    }
    return op instanceof AnnotationOp.Edit e ? e.placement() : Optional.empty();
  }

  /** AN6 with the page sizes of the version the operation places the annotation on. */
  private Future<Void> checkContent(Tx tx, MeetingId meeting, AnnotationOp op, Optional<AnnotationState> current) {
    Optional<Placement> placement = placementOf(op);
    if (placement.isEmpty()) {
      rules.checkContent(op, current, a -> Optional.empty());
      return Future.succeededFuture();
    }
    Anchor at = placement.get().anchor();
    Future<List<DocumentVersions.PageSize>> pages = at.version() < 1 ? Future.succeededFuture(List.of())
        : documents.pages(tx, meeting, at.documentId(), at.version()).recover(ifNotFound(List.of()));
    return pages.map(list -> {
      rules.checkContent(op, current, a -> list.stream().filter(p -> a.equals(at) && p.number() == a.page()).findFirst()
          .map(p -> new Rect(0, 0, p.width(), p.height())));
      return null;
    });
  }

  /** AN7: a create past the author's quota on the page or in the meeting is CONFLICT. */
  private Future<Void> checkQuota(Tx tx, MeetingId meeting, AnnotationOp op) {
    if (!(op instanceof AnnotationOp.Create c)) {
      return Future.succeededFuture();
    }
    Anchor a = c.placement().anchor();
    return store.countLive(tx, meeting, c.by(), a.documentId(), a.version(), a.page()).map(n -> {
      rules.checkQuota(n[0], n[1]);
      return null;
    });
  }

  private static AnnotationStore.Entry row(MeetingId meeting, UUID documentId, Optional<AnnotationStore.Stored> stored, AnnotationState after,
                                         long seq) {
    Optional<Anchor> at = Optional.ofNullable(after.placement()).map(r -> r.value().anchor());
    UUID owner = after.findOwner().orElseThrow();
    return new AnnotationStore.Entry(after.id(), meeting, documentId, at.map(Anchor::version).or(() -> stored.map(s -> s.row().version())).orElse(null),
        at.map(Anchor::page).or(() -> stored.map(s -> s.row().page())).orElse(null), after.findAuthor().orElse(null), owner, after.isErased(),
        seq);
  }

  /** The event of one accepted operation: the annotation as its author sees it, who sees it now and who saw it before. */
  private static AnnotationEvent.Changed changed(AnnotationOp op, UUID documentId, Optional<AnnotationState> before, AnnotationState after, DocumentAccess access,
                                                 Optional<UUID> presenter) {
    UUID author = after.findOwner().orElseThrow();
    Optional<Annotation> now = after.view();
    Optional<Annotation> was = before.flatMap(AnnotationState::view);
    Optional<AnnotationEvent.Seen> seen = now.map(a -> seen(a, presenter));
    Optional<AnnotationEvent.Seen> saw = was.map(a -> seen(a, presenter));
    return new AnnotationEvent.Changed(op.id().toString(), documentId.toString(), author.toString(), kind(op),
        now.map(a -> Trees.vertx(AnnotationJson.view(a, Viewer.member(author)))).orElse(null),
        seen.map(AnnotationEvent.Seen::toJson).orElse(null), saw.map(AnnotationEvent.Seen::toJson).orElse(null), access.toJson(),
        audience(author, access, seen, saw));
  }

  static AnnotationEvent.Seen seen(Annotation a, Optional<UUID> presenter) {
    return new AnnotationEvent.Seen(a.visibility(), a.moderation(), presenter.filter(a.author()::equals).isPresent());
  }

  private static String kind(AnnotationOp op) {
    if (op instanceof AnnotationOp.Create) {
      return "create";
    }
    if (op instanceof AnnotationOp.Edit) {
      return "edit";
    }
    return op instanceof AnnotationOp.Erase ? "erase" : "moderate";
  }

  /**
   * Who may receive the event at all (the projection then decides, AN5): the author alone while the annotation is and
   * was private; the author and the named people for PEOPLE; the document's readers otherwise.
   */
  static Audience audience(UUID author, DocumentAccess access, Optional<AnnotationEvent.Seen> now, Optional<AnnotationEvent.Seen> was) {
    Set<UUID> people = new HashSet<>(Set.of(author));
    boolean readers = false;
    for (Optional<AnnotationEvent.Seen> s : List.of(now, was)) {
      if (s.isEmpty()) {
        continue;
      }
      Visibility v = s.get().visibility();
      if (v instanceof Visibility.People p) {
        people.addAll(p.people());
      } else if (!(v instanceof Visibility.Private)) {
        readers = true;
      }
    }
    return readers ? access.audience() : Audience.only(false, List.of(), new ArrayList<>(people));
  }
}
