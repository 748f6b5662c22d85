package org.plenum.server.speaker;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Pg;
import org.plenum.server.core.db.PgErrors;
import org.plenum.server.core.db.Tx;

/** The list of speakers in PostgreSQL; unique indexes keep one waiting request per person and one speaker. */
public final class PgSpeakerStore implements SpeakerStore {
  /** Whether the entry's agenda item, or one above it, is internal (then only the people running the meeting see its id). */
  private static final String ITEM_INTERNAL = "(with recursive up (id, parent_id, internal) as (select id, parent_id, internal from agenda_item "
      + "where id = s.agenda_item_id union all select i.id, i.parent_id, i.internal from agenda_item i join up on i.id = up.parent_id) "
      + "select coalesce(bool_or(internal), false) from up) as item_internal, ";
  private static final String SELECT = "select s.id, s.account_id, a.display_name, s.kind, s.status, s.position, s.agenda_item_id, " + ITEM_INTERNAL
      + "s.requested_at, "
      + "s.started_at, s.ended_at, s.time_limit_seconds from speaker_entry s join account a on a.id = s.account_id where s.meeting_id = $1";

  static Entry toEntry(Row r) {
    JsonObject j = new JsonObject().put("id", r.getUUID("id").toString()).put("accountId", r.getUUID("account_id").toString())
        .put("displayName", r.getString("display_name")).put("kind", r.getString("kind")).put("status", r.getString("status"))
        .put("agendaItemId", r.getUUID("agenda_item_id") == null ? null : r.getUUID("agenda_item_id").toString())
        .put("agendaItemInternal", r.getBoolean("item_internal"))
        .put("requestedAt", str(r.getOffsetDateTime("requested_at"))).put("startedAt", str(r.getOffsetDateTime("started_at")))
        .put("endedAt", str(r.getOffsetDateTime("ended_at"))).put("timeLimitSeconds", r.getInteger("time_limit_seconds"));
    return new Entry(r.getUUID("id"), r.getUUID("account_id"), r.getString("kind"), r.getString("status"), r.getInteger("position"), j);
  }

  private static String str(OffsetDateTime t) {
    return t == null ? null : t.toString();
  }

  @Override
  public Future<JsonObject> queue(Tx c, MeetingId meeting) {
    return open(c, meeting).map(entries -> {
      JsonObject current = null;
      JsonArray waiting = new JsonArray();
      for (Entry e : entries) {
        if (e.status().equals("SPEAKING")) {
          current = e.json();
        } else {
          waiting.add(e.json());
        }
      }
      return new JsonObject().put("current", current).put("waiting", waiting);
    });
  }

  @Override
  public Future<List<Entry>> open(Tx c, MeetingId meeting) {
    return Pg.sql(c).preparedQuery(SELECT + " and s.status in ('WAITING', 'SPEAKING') order by s.status = 'SPEAKING' desc, s.position, s.requested_at")
        .execute(Tuple.of(meeting.value())).map(rows -> {
          List<Entry> out = new ArrayList<>();
          rows.forEach(r -> out.add(toEntry(r)));
          return out;
        });
  }

  @Override
  public Future<Entry> get(Tx c, MeetingId meeting, UUID id) {
    return Pg.sql(c).preparedQuery(SELECT + " and s.id = $2").execute(Tuple.of(meeting.value(), id)).map(rows -> {
      if (rows.size() == 0) {
        throw org.plenum.server.core.error.PlenumException.notFound("No speaker entry '" + id + "' in this meeting.");
      }
      return toEntry(rows.iterator().next());
    });
  }

  @Override
  public Future<Void> insert(Tx c, MeetingId meeting, UUID id, UUID account, String kind, UUID agendaItem, int position) {
    return Pg.sql(c).preparedQuery("insert into speaker_entry (id, meeting_id, agenda_item_id, account_id, kind, status, position, requested_at) "
            + "values ($1, $2, $3, $4, $5, 'WAITING', $6, now())")
        .execute(Tuple.of(id, meeting.value(), agendaItem, account, kind, position))
        .<Void>mapEmpty()
        .recover(PgErrors.onUnique("speaker_entry_one_waiting", ErrorCode.CONFLICT, "This person is already on the list of speakers."));
  }

  @Override
  public Future<Void> setStatus(Tx c, UUID id, String status, Integer timeLimit) {
    String times = switch (status) {
      case "SPEAKING" -> ", started_at = now(), time_limit_seconds = $3";
      case "DONE", "WITHDRAWN" -> ", ended_at = now()";
      default -> "";
    };
    Tuple t = status.equals("SPEAKING") ? Tuple.of(id, status, timeLimit) : Tuple.of(id, status);
    return Pg.sql(c).preparedQuery("update speaker_entry set status = $2" + times + " where id = $1").execute(t).mapEmpty();
  }

  @Override
  public Future<Void> positions(Tx c, List<UUID> ordered) {
    if (ordered.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> batch = new ArrayList<>();
    for (int i = 0; i < ordered.size(); i++) {
      batch.add(Tuple.of(ordered.get(i), i + 1));
    }
    return Pg.sql(c).preparedQuery("update speaker_entry set position = $2 where id = $1").executeBatch(batch).mapEmpty();
  }

  @Override
  public Future<JsonArray> history(Tx c, MeetingId meeting, UUID agendaItem) {
    String sql = SELECT + " and s.status in ('DONE', 'WITHDRAWN')" + (agendaItem == null ? " and $2::uuid is null" : " and s.agenda_item_id = $2")
        + " order by coalesce(s.started_at, s.requested_at)";
    return Pg.sql(c).preparedQuery(sql).execute(Tuple.of(meeting.value(), agendaItem)).map(rows -> {
      JsonArray out = new JsonArray();
      rows.forEach(r -> out.add(toEntry(r).json()));
      return out;
    });
  }
}
