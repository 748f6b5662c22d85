package org.plenum.server.core.ledger;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.MeetingId;

/**
 * The ledger in PostgreSQL. Appends take the meeting's clock row {@code FOR UPDATE}, so every writer — in any
 * server process — gets the next seq with no gaps and chains to the true previous hash.
 */
public final class PgLedgerStore {
  private final Pool pool;

  public PgLedgerStore(Pool pool) {
    this.pool = pool;
  }

  /** The locked head of a meeting's ledger, held for the rest of the transaction. */
  public record Head(long seq, byte[] hash) {}

  public static Future<Void> createClock(SqlClient tx, MeetingId meeting) {
    return tx.preparedQuery("insert into meeting_clock (meeting_id, seq, head_hash) values ($1, 0, $2) on conflict do nothing")
        .execute(Tuple.of(meeting.value(), Buffer.buffer(LedgerHash.GENESIS))).mapEmpty();
  }

  /** Locks the meeting's clock: writers of one meeting run one after the other from here to commit. */
  public Future<Head> lock(SqlClient tx, MeetingId meeting) {
    return tx.preparedQuery("select seq, head_hash from meeting_clock where meeting_id = $1 for update").execute(Tuple.of(meeting.value()))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(PlenumException.notFound("No meeting '" + meeting + "'."))
            : Future.succeededFuture(new Head(rows.iterator().next().getLong(0), rows.iterator().next().getBuffer(1).getBytes())));
  }

  /** Appends events after {@code head} (which the caller locked) and moves the clock. */
  public Future<List<LedgerEvent>> append(SqlClient tx, MeetingId meeting, Head head, UUID actor, List<NewEvent> events) {
    List<LedgerEvent> out = new ArrayList<>();
    List<Tuple> batch = new ArrayList<>();
    long seq = head.seq();
    byte[] prev = head.hash();
    OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    for (NewEvent e : events) {
      seq++;
      String data = e.data().encode();
      byte[] hash = LedgerHash.compute(prev, meeting.value(), seq, e.type(), e.audience().text(), actor, at, data);
      out.add(new LedgerEvent(meeting, seq, e.type(), e.audience(), actor, at, data, prev, hash));
      batch.add(Tuple.of(meeting.value(), seq, e.type(), e.audience().text(), actor, at).addValue(data).addValue(Buffer.buffer(prev))
          .addValue(Buffer.buffer(hash)));
      prev = hash;
    }
    if (batch.isEmpty()) {
      return Future.succeededFuture(out);
    }
    long last = seq;
    byte[] lastHash = prev;
    return tx.preparedQuery("insert into ledger_event (meeting_id, seq, type, audience, actor, at, data, prev_hash, hash) "
            + "values ($1, $2, $3, $4, $5, $6, $7, $8, $9)").executeBatch(batch)
        .compose(v -> tx.preparedQuery("update meeting_clock set seq = $2, head_hash = $3 where meeting_id = $1")
            .execute(Tuple.of(meeting.value(), last, Buffer.buffer(lastHash))))
        .map(out);
  }

  public Future<Long> headSeq(MeetingId meeting) {
    return pool.preparedQuery("select seq from meeting_clock where meeting_id = $1").execute(Tuple.of(meeting.value()))
        .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong(0));
  }

  /** Events with {@code after < seq <= upTo}, in order, at most {@code limit}. */
  public Future<List<LedgerEvent>> read(SqlClient client, MeetingId meeting, long after, long upTo, int limit) {
    return client.preparedQuery("select seq, type, audience, actor, at, data, prev_hash, hash from ledger_event "
            + "where meeting_id = $1 and seq > $2 and seq <= $3 order by seq limit $4")
        .execute(Tuple.of(meeting.value(), after, upTo, limit))
        .map(rows -> {
          List<LedgerEvent> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new LedgerEvent(meeting, r.getLong("seq"), r.getString("type"), new Audience(r.getString("audience")),
                r.getUUID("actor"), r.getOffsetDateTime("at"), r.getString("data"), r.getBuffer("prev_hash").getBytes(),
                r.getBuffer("hash").getBytes()));
          }
          return out;
        });
  }

  public Future<List<LedgerEvent>> read(MeetingId meeting, long after, long upTo, int limit) {
    return read(pool, meeting, after, upTo, limit);
  }
}
