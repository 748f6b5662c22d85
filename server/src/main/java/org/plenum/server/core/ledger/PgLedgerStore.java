package org.plenum.server.core.ledger;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.plenum.server.core.DomainEvent;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.db.Pg;
import org.plenum.server.core.db.Tx;
import org.plenum.server.core.error.PlenumException;

/** The ledger in PostgreSQL: {@code meeting_clock} (locked {@code FOR UPDATE} by writers) and {@code ledger_event}. */
public final class PgLedgerStore implements LedgerStore {
  private final Database db;

  public PgLedgerStore(Database db) {
    this.db = db;
  }

  @Override
  public Future<Void> createClock(Tx tx, MeetingId meeting) {
    return Pg.sql(tx).preparedQuery("insert into meeting_clock (meeting_id, seq, head_hash) values ($1, 0, $2) on conflict do nothing")
        .execute(Tuple.of(meeting.value(), Buffer.buffer(LedgerHash.GENESIS))).mapEmpty();
  }

  @Override
  public Future<Head> lock(Tx tx, MeetingId meeting) {
    return Pg.sql(tx).preparedQuery("select seq, head_hash from meeting_clock where meeting_id = $1 for update").execute(Tuple.of(meeting.value()))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(PlenumException.notFound("No meeting '" + meeting + "'."))
            : Future.succeededFuture(new Head(rows.iterator().next().getLong(0), rows.iterator().next().getBuffer(1).getBytes())));
  }

  @Override
  public Future<List<LedgerEvent>> append(Tx tx, MeetingId meeting, Head head, UUID actor, List<? extends DomainEvent> events) {
    List<LedgerEvent> out = new ArrayList<>();
    List<Tuple> batch = new ArrayList<>();
    long seq = head.seq();
    byte[] prev = head.hash();
    OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    for (DomainEvent e : events) {
      seq++;
      String data = e.data().encode();
      String type = e.type();
      Audience audience = e.audience();
      byte[] hash = LedgerHash.compute(prev, meeting.value(), seq, type, audience.text(), actor, at, data);
      out.add(new LedgerEvent(meeting, seq, type, audience, actor, at, data, prev, hash));
      batch.add(Tuple.of(meeting.value(), seq, type, audience.text(), actor, at).addValue(data).addValue(Buffer.buffer(prev))
          .addValue(Buffer.buffer(hash)));
      prev = hash;
    }
    if (batch.isEmpty()) {
      return Future.succeededFuture(out);
    }
    long last = seq;
    byte[] lastHash = prev;
    SqlClient c = Pg.sql(tx);
    return c.preparedQuery("insert into ledger_event (meeting_id, seq, type, audience, actor, at, data, prev_hash, hash) "
            + "values ($1, $2, $3, $4, $5, $6, $7, $8, $9)").executeBatch(batch)
        .compose(v -> c.preparedQuery("update meeting_clock set seq = $2, head_hash = $3 where meeting_id = $1")
            .execute(Tuple.of(meeting.value(), last, Buffer.buffer(lastHash))))
        .map(out);
  }

  @Override
  public Future<Long> headSeq(MeetingId meeting) {
    return headSeq(db.auto(), meeting).map(h -> h.orElse(0L));
  }

  @Override
  public Future<Optional<Long>> headSeq(Tx tx, MeetingId meeting) {
    return Pg.sql(tx).preparedQuery("select seq from meeting_clock where meeting_id = $1").execute(Tuple.of(meeting.value()))
        .map(rows -> rows.size() == 0 ? Optional.<Long>empty() : Optional.of(rows.iterator().next().getLong(0)));
  }

  @Override
  public Future<List<LedgerEvent>> read(Tx tx, MeetingId meeting, long after, long upTo, int limit) {
    return Pg.sql(tx).preparedQuery("select seq, type, audience, actor, at, data, prev_hash, hash from ledger_event "
            + "where meeting_id = $1 and seq > $2 and seq <= $3 order by seq limit $4")
        .execute(Tuple.of(meeting.value(), after, upTo, limit))
        .map(rows -> {
          List<LedgerEvent> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(toEvent(meeting, r));
          }
          return out;
        });
  }

  private static LedgerEvent toEvent(MeetingId meeting, Row r) {
    return new LedgerEvent(meeting, r.getLong("seq"), r.getString("type"), new Audience(r.getString("audience")),
        r.getUUID("actor"), r.getOffsetDateTime("at"), r.getString("data"), r.getBuffer("prev_hash").getBytes(),
        r.getBuffer("hash").getBytes());
  }

  @Override
  public Future<List<LedgerEvent>> readTypes(MeetingId meeting, java.util.Set<String> types, int limit) {
    return Pg.sql(db.auto()).preparedQuery("select seq, type, audience, actor, at, data, prev_hash, hash from ledger_event "
            + "where meeting_id = $1 and type = any($2) order by seq limit $3")
        .execute(Tuple.of(meeting.value(), types.toArray(String[]::new), limit))
        .map(rows -> {
          List<LedgerEvent> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(toEvent(meeting, r));
          }
          return out;
        });
  }

  @Override
  public Future<List<LedgerEvent>> read(MeetingId meeting, long after, long upTo, int limit) {
    return read(db.auto(), meeting, after, upTo, limit);
  }
}
