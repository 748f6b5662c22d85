package org.plenum.server.presentation;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Pg;
import org.plenum.server.core.db.Tx;

/** The {@code presentation} table. */
final class PgPresentationStore implements PresentationStore {
  @Override
  public Future<PresentationEvent.Changed> current(Tx tx, MeetingId meeting) {
    return Pg.sql(tx).preparedQuery("select presenter, document, page, zoom, updated_at from presentation where meeting_id = $1")
        .execute(Tuple.of(meeting.value()))
        .map(rows -> rows.size() == 0 ? new PresentationEvent.Changed(null, null, null, null) : toChanged(rows.iterator().next()));
  }

  private static PresentationEvent.Changed toChanged(Row r) {
    return new PresentationEvent.Changed(r.getUUID("presenter") == null ? null : r.getUUID("presenter").toString(), r.getString("document"),
        r.getInteger("page"), r.getDouble("zoom"));
  }

  @Override
  public Future<Void> save(Tx tx, MeetingId meeting, UUID presenter, String document, Integer page, Double zoom) {
    return Pg.sql(tx).preparedQuery("insert into presentation (meeting_id, presenter, document, page, zoom, updated_at) values ($1, $2, $3, $4, $5, now()) "
            + "on conflict (meeting_id) do update set presenter = excluded.presenter, document = excluded.document, page = excluded.page, "
            + "zoom = excluded.zoom, updated_at = now()")
        .execute(Tuple.of(meeting.value(), presenter, document, page, zoom))
        .mapEmpty();
  }
}
