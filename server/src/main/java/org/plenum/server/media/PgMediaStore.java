package org.plenum.server.media;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.db.Pg;

/** {@link MediaStore} in PostgreSQL: one read of the open meetings' ledgers (by their primary key prefix). */
final class PgMediaStore implements MediaStore {
  private final Database db;

  PgMediaStore(Database db) {
    this.db = db;
  }

  @Override
  public Future<List<MeetingId>> meetingsWithVideo() {
    return Pg.sql(db.auto()).query("""
            select m.id from meeting m where m.closed_at is null
              and exists (select 1 from ledger_event e where e.meeting_id = m.id and e.type in ('media.floor', 'media.status'))""")
        .execute().map(rows -> {
          List<MeetingId> out = new ArrayList<>();
          rows.forEach(r -> out.add(new MeetingId(r.getUUID(0))));
          return out;
        });
  }
}
