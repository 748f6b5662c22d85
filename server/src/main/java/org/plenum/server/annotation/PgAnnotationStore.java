package org.plenum.server.annotation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Pg;
import org.plenum.server.core.db.PgErrors;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.db.Tx;

/** Annotations and their operations in PostgreSQL (V7__annotations.sql). */
final class PgAnnotationStore implements AnnotationStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ROWS = "select a.id, a.meeting_id, a.document_id, a.version, a.page, a.author, a.owner, a.erased, a.last_seq, "
      + "o.op from annotation a join annotation_op o on o.annotation_id = a.id ";
  private static final String ORDER = " order by a.id, o.stamp_ms, o.stamp_c, o.device";

  @Override
  public Future<Optional<Long>> seqOf(Tx tx, AnnotationId id, Stamp stamp, UUID by) {
    return Pg.sql(tx).preparedQuery("select seq from annotation_op where annotation_id = $1 and stamp_ms = $2 and stamp_c = $3 and device = $4 "
            + "and by_account = $5")
        .execute(Tuple.of(id.value(), stamp.hlc().millis(), stamp.hlc().counter(), stamp.device().value(), by))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong(0)));
  }

  @Override
  public Future<Optional<Stored>> find(Tx tx, AnnotationId id) {
    return Pg.sql(tx).preparedQuery(ROWS + "where a.id = $1" + ORDER).execute(Tuple.of(id.value()))
        .map(rows -> stored(rows).stream().findFirst());
  }

  @Override
  public Future<List<Stored>> changedSince(Tx tx, UUID documentId, long after) {
    return Pg.sql(tx).preparedQuery(ROWS + "where a.document_id = $1 and a.last_seq > $2" + ORDER).execute(Tuple.of(documentId, after))
        .map(PgAnnotationStore::stored);
  }

  @Override
  public Future<List<Stored>> ofMeeting(Tx tx, MeetingId meeting) {
    return Pg.sql(tx).preparedQuery(ROWS + "where a.meeting_id = $1" + ORDER).execute(Tuple.of(meeting.value()))
        .map(PgAnnotationStore::stored);
  }

  @Override
  public Future<long[]> countLive(Tx tx, MeetingId meeting, UUID author, UUID documentId, int version, int page) {
    return Pg.sql(tx).preparedQuery("select count(*) filter (where document_id = $3 and version = $4 and page = $5), count(*) "
            + "from annotation where meeting_id = $1 and author = $2 and not erased")
        .execute(Tuple.of(meeting.value(), author, documentId, version, page))
        .map(rows -> {
          Row r = rows.iterator().next();
          return new long[] {r.getLong(0), r.getLong(1)};
        });
  }

  @Override
  public Future<Void> save(Tx tx, AnnotationStore.Entry row, AnnotationOp op, long seq) {
    var sql = Pg.sql(tx);
    Stamp s = op.stamp();
    return sql.preparedQuery("insert into annotation (id, meeting_id, document_id, version, page, author, owner, erased, last_seq) "
            + "values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict (id) do update set version = excluded.version, "
            + "page = excluded.page, author = excluded.author, erased = excluded.erased, last_seq = excluded.last_seq")
        .execute(Tuple.from(new Object[] {row.id().value(), row.meeting().value(), row.documentId(), row.version(), row.page(), row.author(),
            row.owner(), row.erased(), row.lastSeq()}))
        .compose(v -> sql.preparedQuery("insert into annotation_op (annotation_id, stamp_ms, stamp_c, device, by_account, seq, op) "
                + "values ($1, $2, $3, $4, $5, $6, $7)")
            .execute(Tuple.from(new Object[] {op.id().value(), s.hlc().millis(), s.hlc().counter(), s.device().value(), op.by(), seq,
                AnnotationJson.write(op).toString()})))
        .recover(PgErrors.onUnique(null, ErrorCode.CONFLICT, "This annotation id and stamp are taken; stamp the change again."))
        .mapEmpty();
  }

  private static List<Stored> stored(RowSet<Row> rows) {
    Map<UUID, AnnotationStore.Entry> heads = new LinkedHashMap<>();
    Map<UUID, List<AnnotationOp>> ops = new LinkedHashMap<>();
    for (Row r : rows) {
      UUID id = r.getUUID("id");
      heads.computeIfAbsent(id, k -> new AnnotationStore.Entry(new AnnotationId(id), new MeetingId(r.getUUID("meeting_id")), r.getUUID("document_id"),
          r.getInteger("version"), r.getInteger("page"), r.getUUID("author"), r.getUUID("owner"), r.getBoolean("erased"), r.getLong("last_seq")));
      ops.computeIfAbsent(id, k -> new ArrayList<>()).add(op(r.getString("op")));
    }
    List<Stored> out = new ArrayList<>();
    heads.forEach((id, head) -> out.add(new Stored(head, List.copyOf(ops.get(id)))));
    return out;
  }

  private static AnnotationOp op(String text) {
    try {
      return AnnotationJson.readStored(JSON.readTree(text));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored annotation operation is not JSON", e);
    }
  }
}
