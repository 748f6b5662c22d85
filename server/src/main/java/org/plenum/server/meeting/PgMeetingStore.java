package org.plenum.server.meeting;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.plenum.server.auth.AccountId;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.Role;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.db.Pg;
import org.plenum.server.core.db.PgErrors;
import org.plenum.server.core.db.Tx;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;

/** Meetings, their top-level agenda list and their participants in PostgreSQL. */
public final class PgMeetingStore implements MeetingStore {
  private static final String COLUMNS = "m.id, m.title, m.status, m.starts_at, m.location";

  private final SqlClient pool;

  public PgMeetingStore(Database db) {
    this.pool = db.pool();
  }

  @Override
  public Future<Meeting> create(Tx tx, Meeting meeting, AccountId createdBy) {
    return Pg.sql(tx).preparedQuery("insert into meeting (id, title, status, starts_at, location, created_by) values ($1, $2, $3, $4, $5, $6)")
        .execute(Tuple.of(meeting.id().value(), meeting.title(), meeting.status().name(), meeting.startsAt(), meeting.location(),
            createdBy == null ? null : createdBy.value()))
        .map(ignored -> meeting);
  }

  @Override
  public Future<Optional<Meeting>> find(MeetingId id) {
    return pool.preparedQuery("select " + COLUMNS + " from meeting m where m.id = $1").execute(Tuple.of(id.value()))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toMeeting(rows.iterator().next())));
  }

  @Override
  public Future<Meeting> get(MeetingId id) {
    return find(id).map(m -> m.orElseThrow(() -> PlenumException.notFound("No meeting '" + id + "'.")));
  }

  @Override
  public Future<JsonObject> header(Tx tx, MeetingId meeting) {
    return Pg.sql(tx).preparedQuery("select title, status, starts_at, location, opened_at, closed_at from meeting where id = $1")
        .execute(Tuple.of(meeting.value())).map(rows -> {
          if (rows.size() == 0) {
            throw PlenumException.notFound("No meeting '" + meeting + "'.");
          }
          Row r = rows.iterator().next();
          return new JsonObject().put("id", meeting.toString()).put("title", r.getString("title"))
              .put("status", r.getString("status")).put("startsAt", str(r.getOffsetDateTime("starts_at"))).put("location", r.getString("location"))
              .put("openedAt", str(r.getOffsetDateTime("opened_at"))).put("closedAt", str(r.getOffsetDateTime("closed_at")));
        });
  }

  @Override
  public Future<MeetingStatus> status(Tx tx, MeetingId meeting) {
    return Pg.sql(tx).preparedQuery("select status from meeting where id = $1").execute(Tuple.of(meeting.value()))
        .map(rows -> {
          if (rows.size() == 0) {
            throw PlenumException.notFound("No meeting '" + meeting + "'.");
          }
          return MeetingStatus.valueOf(rows.iterator().next().getString(0));
        });
  }

  @Override
  public Future<Void> setStatus(Tx tx, MeetingId meeting, MeetingStatus status) {
    String column = status == MeetingStatus.OPEN ? ", opened_at = now()" : status == MeetingStatus.CLOSED ? ", closed_at = now()" : "";
    return Pg.sql(tx).preparedQuery("update meeting set status = $2" + column + " where id = $1").execute(Tuple.of(meeting.value(), status.name()))
        .mapEmpty();
  }

  @Override
  public Future<List<Listed>> listFor(AccountId account, boolean all) {
    String sql = all
        ? "select " + COLUMNS + ", p.role from meeting m left join participant p on p.meeting_id = m.id and p.account_id = $1 order by m.starts_at nulls last, m.title"
        : "select " + COLUMNS + ", p.role from meeting m join participant p on p.meeting_id = m.id and p.account_id = $1 order by m.starts_at nulls last, m.title";
    return pool.preparedQuery(sql).execute(Tuple.of(account.value())).map(rows -> {
      List<Listed> out = new ArrayList<>();
      for (Row r : rows) {
        String role = r.getString("role");
        out.add(new Listed(toMeeting(r), role == null ? null : Role.valueOf(role)));
      }
      return out;
    });
  }

  @Override
  public Future<Optional<Role>> roleOf(MeetingId meeting, AccountId account) {
    return pool.preparedQuery("select role from participant where meeting_id = $1 and account_id = $2")
        .execute(Tuple.of(meeting.value(), account.value()))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Role.valueOf(rows.iterator().next().getString(0))));
  }

  @Override
  public Future<Optional<Role>> roleIn(MeetingId meeting, AccountId account) {
    return pool.preparedQuery("select p.role from meeting m left join participant p on p.meeting_id = m.id and p.account_id = $2 where m.id = $1")
        .execute(Tuple.of(meeting.value(), account.value()))
        .map(rows -> {
          if (rows.size() == 0) {
            throw PlenumException.notFound("No meeting '" + meeting + "'.");
          }
          String role = rows.iterator().next().getString(0);
          return role == null ? Optional.<Role>empty() : Optional.of(Role.valueOf(role));
        });
  }

  @Override
  public Future<List<AgendaItem>> agenda(MeetingId meeting) {
    return pool.preparedQuery("select id, position, title, duration_minutes from agenda_item where meeting_id = $1 order by position")
        .execute(Tuple.of(meeting.value())).map(rows -> {
          List<AgendaItem> out = new ArrayList<>();
          rows.forEach(r -> out.add(new AgendaItem(r.getUUID("id"), r.getInteger("position"), r.getString("title"), r.getInteger("duration_minutes"))));
          return out;
        });
  }

  @Override
  public Future<AgendaItem> addAgendaItem(Tx tx, MeetingId meeting, String title, Integer durationMinutes) {
    UUID id = UUID.randomUUID();
    return Pg.sql(tx).preparedQuery("insert into agenda_item (id, meeting_id, position, title, duration_minutes) "
            + "select $1, $2, coalesce(max(position), 0) + 1, $3, $4 from agenda_item where meeting_id = $2 returning position")
        .execute(Tuple.of(id, meeting.value(), title, durationMinutes))
        .map(rows -> new AgendaItem(id, rows.iterator().next().getInteger(0), title, durationMinutes));
  }

  @Override
  public Future<List<Participant>> participants(MeetingId meeting) {
    return pool.preparedQuery("select a.id, a.username, a.display_name, p.role, p.voting_right from participant p "
            + "join account a on a.id = p.account_id where p.meeting_id = $1 order by p.role, lower(a.display_name)")
        .execute(Tuple.of(meeting.value())).map(rows -> {
          List<Participant> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Participant(new AccountId(r.getUUID("id")), r.getString("username"), r.getString("display_name"),
              Role.valueOf(r.getString("role")), r.getBoolean("voting_right"))));
          return out;
        });
  }

  @Override
  public Future<Integer> copyAgenda(Tx tx, MeetingId template, MeetingId target) {
    // One statement: the parent references are checked at its end, so children may refer to parents made with them.
    return Pg.sql(tx).preparedQuery("with src as (select id, gen_random_uuid() as new_id, parent_id, position, title, duration_minutes, internal "
            + "from agenda_item where meeting_id = $1) "
            + "insert into agenda_item (id, meeting_id, parent_id, position, title, duration_minutes, internal) "
            + "select s.new_id, $2, p.new_id, s.position, s.title, s.duration_minutes, s.internal from src s left join src p on p.id = s.parent_id")
        .execute(Tuple.of(template.value(), target.value())).map(rows -> rows.rowCount());
  }

  @Override
  public Future<List<UUID>> copyParticipants(Tx tx, MeetingId source, MeetingId target) {
    return Pg.sql(tx).preparedQuery("insert into participant (meeting_id, account_id, role, voting_right, vote_weight) "
            + "select $2, p.account_id, p.role, p.voting_right, p.vote_weight from participant p join account a on a.id = p.account_id "
            + "where p.meeting_id = $1 and not a.disabled order by p.role, lower(a.display_name) "
            + "on conflict (meeting_id, account_id) do nothing returning account_id")
        .execute(Tuple.of(source.value(), target.value())).map(rows -> {
          List<UUID> out = new ArrayList<>();
          rows.forEach(r -> out.add(r.getUUID(0)));
          return out;
        });
  }

  @Override
  public Future<Void> putParticipant(Tx tx, MeetingId meeting, AccountId account, Role role, boolean votingRight, BigDecimal voteWeight) {
    return Pg.sql(tx).preparedQuery("insert into participant (meeting_id, account_id, role, voting_right, vote_weight) values ($1, $2, $3, $4, coalesce($5::numeric, 1)) "
            + "on conflict (meeting_id, account_id) do update set role = excluded.role, voting_right = excluded.voting_right, "
            + "vote_weight = coalesce($5::numeric, participant.vote_weight)")
        .execute(Tuple.of(meeting.value(), account.value(), role.name(), votingRight, voteWeight))
        .<Void>mapEmpty()
        .recover(err -> err instanceof io.vertx.pgclient.PgException pg && PgErrors.FOREIGN_KEY_VIOLATION.equals(pg.getSqlState())
            ? Future.failedFuture(new PlenumException(ErrorCode.NOT_FOUND, "No account '" + account + "'."))
            : Future.failedFuture(err));
  }

  private static Meeting toMeeting(Row r) {
    OffsetDateTime starts = r.getOffsetDateTime("starts_at");
    return new Meeting(new MeetingId(r.getUUID("id")), r.getString("title"), MeetingStatus.valueOf(r.getString("status")), starts,
        r.getString("location"));
  }

  private static String str(OffsetDateTime t) {
    return t == null ? null : t.toString();
  }
}
