package org.plenum.server.annotation;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Tx;

/**
 * Annotations in storage: every accepted operation once, by annotation id and stamp (a re-delivered operation is found
 * and acknowledged again, never stored twice), and per annotation the facts queries need. The merged state is folded
 * from the operations ({@link AnnotationState#apply}); the store keeps no second copy of it.
 */
public interface AnnotationStore {
  /** What the server knows of one annotation besides its operations. */
  record Entry(AnnotationId id, MeetingId meeting, UUID documentId, Integer version, Integer page, UUID author, UUID owner,
             boolean erased, long lastSeq) {}

  /** An annotation's stored operations and its row. */
  record Stored(Entry row, List<AnnotationOp> ops) {
    /** The server's merged state of the annotation. */
    public AnnotationState state() {
      AnnotationState s = AnnotationState.empty(row.id());
      for (AnnotationOp op : ops) {
        s = s.apply(op);
      }
      return s;
    }
  }

  /** The meeting seq at which this operation (same annotation id, stamp and sender) was stored, if it was. */
  Future<Optional<Long>> seqOf(Tx tx, AnnotationId id, Stamp stamp, UUID by);

  /** The annotation with its operations (in stamp order), if it exists (in any meeting). */
  Future<Optional<Stored>> find(Tx tx, AnnotationId id);

  /** Every annotation of a document (any version) changed after meeting seq {@code after}, with their operations. */
  Future<List<Stored>> changedSince(Tx tx, UUID documentId, long after);

  /** Every annotation of the meeting, with their operations. */
  Future<List<Stored>> ofMeeting(Tx tx, MeetingId meeting);

  /** Live annotations of {@code author}: on one page of a document version, and in the whole meeting. */
  Future<long[]> countLive(Tx tx, MeetingId meeting, UUID author, UUID documentId, int version, int page);

  /** Stores an accepted operation at {@code seq} and the annotation's row as it is after it. */
  Future<Void> save(Tx tx, Entry row, AnnotationOp op, long seq);
}
