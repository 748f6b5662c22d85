package org.plenum.server.minutes;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Pg;
import org.plenum.server.core.db.PgErrors;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.db.Tx;

/** The minutes in PostgreSQL (V9). */
public final class PgMinutesStore implements MinutesStore {
  private static final String COLUMNS = "state, texts, edits, language, final_sha256, pdf_sha256, approved_by, approved_at";

  @Override
  public Future<MinutesStore.Stored> lock(Tx tx, MeetingId meeting) {
    var c = Pg.sql(tx);
    return c.preparedQuery("insert into minutes (meeting_id) values ($1) on conflict (meeting_id) do nothing").execute(Tuple.of(meeting.value()))
        .compose(x -> c.preparedQuery("select " + COLUMNS + " from minutes where meeting_id = $1 for update").execute(Tuple.of(meeting.value())))
        .compose(rows -> withSignatures(tx, meeting, rows.iterator().next()));
  }

  @Override
  public Future<Optional<MinutesStore.Stored>> find(Tx tx, MeetingId meeting) {
    return Pg.sql(tx).preparedQuery("select " + COLUMNS + " from minutes where meeting_id = $1").execute(Tuple.of(meeting.value()))
        .compose(rows -> rows.size() == 0 ? Future.succeededFuture(Optional.empty())
            : withSignatures(tx, meeting, rows.iterator().next()).map(Optional::of));
  }

  private Future<MinutesStore.Stored> withSignatures(Tx tx, MeetingId meeting, Row r) {
    return Pg.sql(tx).preparedQuery("select position, signer, role, signed_at, pdf_sha256, certificate from minutes_signature "
            + "where meeting_id = $1 order by position").execute(Tuple.of(meeting.value()))
        .map(rows -> {
          List<Signature> sigs = new ArrayList<>();
          rows.forEach(s -> sigs.add(new Signature(s.getInteger("position"), s.getUUID("signer"), s.getString("role"),
              s.getOffsetDateTime("signed_at").toString(), s.getBuffer("pdf_sha256").getBytes(), s.getString("certificate"))));
          return new MinutesStore.Stored(MinutesState.valueOf(r.getString("state")), r.getJsonObject("texts"), r.getInteger("edits"),
              r.getString("language"), bytes(r, "final_sha256"), bytes(r, "pdf_sha256"), r.getUUID("approved_by"),
              str(r.getOffsetDateTime("approved_at")), List.copyOf(sigs));
        });
  }

  private static byte[] bytes(Row r, String column) {
    Buffer b = r.getBuffer(column);
    return b == null ? null : b.getBytes();
  }

  private static String str(OffsetDateTime t) {
    return t == null ? null : t.toString();
  }

  @Override
  public Future<Integer> saveTexts(Tx tx, MeetingId meeting, JsonObject texts) {
    return Pg.sql(tx).preparedQuery("update minutes set texts = $2, edits = edits + 1 where meeting_id = $1 and state = 'DRAFT' returning edits")
        .execute(Tuple.of(meeting.value(), texts)).map(rows -> {
          if (rows.size() == 0) {
            throw new PlenumException(ErrorCode.CONFLICT, "The minutes are not a draft any more.");
          }
          return rows.iterator().next().getInteger(0);
        });
  }

  @Override
  public Future<Void> approve(Tx tx, MeetingId meeting, UUID by, String language, byte[] pdf, byte[] sha256) {
    return Pg.sql(tx).preparedQuery("update minutes set state = 'FINAL', language = $3, pdf = $4, final_sha256 = $5, pdf_sha256 = $5, "
            + "approved_by = $2, approved_at = now() where meeting_id = $1 and state = 'DRAFT'")
        .execute(Tuple.of(meeting.value(), by, language, Buffer.buffer(pdf), Buffer.buffer(sha256))).map(rows -> {
          if (rows.rowCount() == 0) {
            throw new PlenumException(ErrorCode.CONFLICT, "The minutes are already approved.");
          }
          return null;
        });
  }

  @Override
  public Future<Void> sign(Tx tx, MeetingId meeting, MinutesState state, byte[] pdf, byte[] sha256, Signature s) {
    var c = Pg.sql(tx);
    return c.preparedQuery("insert into minutes_signature (meeting_id, position, signer, role, pdf_sha256, certificate) values ($1, $2, $3, $4, $5, $6)")
        .execute(Tuple.of(meeting.value(), s.position(), s.signer(), s.role(), Buffer.buffer(sha256), s.certificate()))
        .recover(PgErrors.onUnique(null, ErrorCode.CONFLICT, "This signature of the minutes is already there."))
        .compose(x -> c.preparedQuery("update minutes set state = $2, pdf = $3, pdf_sha256 = $4 where meeting_id = $1")
            .execute(Tuple.of(meeting.value(), state.name(), Buffer.buffer(pdf), Buffer.buffer(sha256))))
        .mapEmpty();
  }

  @Override
  public Future<Optional<byte[]>> pdf(Tx tx, MeetingId meeting) {
    return Pg.sql(tx).preparedQuery("select pdf from minutes where meeting_id = $1").execute(Tuple.of(meeting.value()))
        .map(rows -> rows.size() == 0 || rows.iterator().next().getBuffer("pdf") == null ? Optional.<byte[]>empty()
            : Optional.of(rows.iterator().next().getBuffer("pdf").getBytes()));
  }
}
