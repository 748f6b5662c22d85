package org.plenum.server.agenda;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Pg;
import org.plenum.server.core.db.Tx;

/** Agenda items and the meeting's current item in PostgreSQL. */
public final class PgAgendaStore implements AgendaStore {

  @Override
  public Future<AgendaTree> tree(Tx c, MeetingId meeting) {
    return Pg.sql(c).preparedQuery("select id, parent_id, position, title, duration_minutes, internal from agenda_item where meeting_id = $1")
        .execute(Tuple.of(meeting.value())).map(rows -> {
          List<AgendaTree.Node> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new AgendaTree.Node(r.getUUID("id"), r.getUUID("parent_id"), r.getInteger("position"), r.getString("title"),
                r.getInteger("duration_minutes"), r.getBoolean("internal")));
          }
          return new AgendaTree(out);
        });
  }

  @Override
  public Future<UUID> currentItem(Tx c, MeetingId meeting) {
    return Pg.sql(c).preparedQuery("select current_item from meeting where id = $1").execute(Tuple.of(meeting.value()))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID(0));
  }

  @Override
  public Future<Void> setCurrent(Tx c, MeetingId meeting, UUID item) {
    return Pg.sql(c).preparedQuery("update meeting set current_item = $2 where id = $1").execute(Tuple.of(meeting.value(), item)).mapEmpty();
  }

  @Override
  public Future<Void> insert(Tx c, MeetingId meeting, AgendaTree.Node n) {
    return Pg.sql(c).preparedQuery("insert into agenda_item (id, meeting_id, parent_id, position, title, duration_minutes, internal) values ($1, $2, $3, $4, $5, $6, $7)")
        .execute(Tuple.of(n.id(), meeting.value(), n.parentId(), n.position(), n.title(), n.durationMinutes()).addValue(n.internal()))
        .mapEmpty();
  }

  @Override
  public Future<Void> update(Tx c, MeetingId meeting, AgendaTree.Node n) {
    return Pg.sql(c).preparedQuery("update agenda_item set parent_id = $3, position = $4, title = $5, duration_minutes = $6, internal = $7 where id = $1 and meeting_id = $2")
        .execute(Tuple.of(n.id(), meeting.value(), n.parentId(), n.position(), n.title(), n.durationMinutes()).addValue(n.internal()))
        .mapEmpty();
  }

  @Override
  public Future<Void> delete(Tx c, MeetingId meeting, UUID id) {
    return Pg.sql(c).preparedQuery("delete from agenda_item where id = $1 and meeting_id = $2").execute(Tuple.of(id, meeting.value())).mapEmpty();
  }

  @Override
  public Future<Void> positions(Tx c, MeetingId meeting, Map<UUID, Integer> positions) {
    if (positions.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> batch = new ArrayList<>();
    positions.forEach((id, pos) -> batch.add(Tuple.of(id, meeting.value(), pos)));
    return Pg.sql(c).preparedQuery("update agenda_item set position = $3 where id = $1 and meeting_id = $2").executeBatch(batch).mapEmpty();
  }
}
