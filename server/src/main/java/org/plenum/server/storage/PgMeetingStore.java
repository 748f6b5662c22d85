package org.plenum.server.storage;

import org.plenum.server.core.db.PgErrors;
import org.plenum.server.core.ledger.PgLedgerStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.plenum.server.account.AccountId;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.meeting.AgendaItem;
import org.plenum.server.meeting.Meeting;
import org.plenum.server.core.MeetingId;
import org.plenum.server.meeting.MeetingStatus;
import org.plenum.server.meeting.Participant;
import org.plenum.server.core.Role;

/** Meetings, their agenda and their participants in PostgreSQL. */
public final class PgMeetingStore {
  private static final String COLUMNS = "m.id, m.title, m.status, m.starts_at, m.location";

  /** A meeting as one account sees it in a list: with its role there (null for an administrator who is not in it). */
  public record Listed(Meeting meeting, Role role) {}

  private final Pool pool;

  public PgMeetingStore(Pool pool) {
    this.pool = pool;
  }

  public Pool pool() {
    return pool;
  }

  public Future<Meeting> create(SqlClient client, Meeting meeting, AccountId createdBy) {
    return client.preparedQuery("insert into meeting (id, title, status, starts_at, location, created_by) values ($1, $2, $3, $4, $5, $6)")
        .execute(Tuple.of(meeting.id().value(), meeting.title(), meeting.status().name(), meeting.startsAt(), meeting.location(),
            createdBy == null ? null : createdBy.value()))
        .compose(ignored -> PgLedgerStore.createClock(client, meeting.id()))
        .map(ignored -> meeting);
  }

  public Future<Optional<Meeting>> find(MeetingId id) {
    return pool.preparedQuery("select " + COLUMNS + " from meeting m where m.id = $1").execute(Tuple.of(id.value()))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toMeeting(rows.iterator().next())));
  }

  public Future<Meeting> get(MeetingId id) {
    return find(id).map(m -> m.orElseThrow(() -> PlenumException.notFound("No meeting '" + id + "'.")));
  }

  /** Meetings the account takes part in; all meetings when {@code all} (administrators). */
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

  public Future<Optional<Role>> roleOf(MeetingId meeting, AccountId account) {
    return pool.preparedQuery("select role from participant where meeting_id = $1 and account_id = $2")
        .execute(Tuple.of(meeting.value(), account.value()))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Role.valueOf(rows.iterator().next().getString(0))));
  }

  public Future<List<AgendaItem>> agenda(MeetingId meeting) {
    return pool.preparedQuery("select id, position, title, duration_minutes from agenda_item where meeting_id = $1 order by position")
        .execute(Tuple.of(meeting.value())).map(rows -> {
          List<AgendaItem> out = new ArrayList<>();
          rows.forEach(r -> out.add(new AgendaItem(r.getUUID("id"), r.getInteger("position"), r.getString("title"), r.getInteger("duration_minutes"))));
          return out;
        });
  }

  public Future<AgendaItem> addAgendaItem(SqlClient client, MeetingId meeting, String title, Integer durationMinutes) {
    UUID id = UUID.randomUUID();
    return client.preparedQuery("insert into agenda_item (id, meeting_id, position, title, duration_minutes) "
            + "select $1, $2, coalesce(max(position), 0) + 1, $3, $4 from agenda_item where meeting_id = $2 returning position")
        .execute(Tuple.of(id, meeting.value(), title, durationMinutes))
        .map(rows -> new AgendaItem(id, rows.iterator().next().getInteger(0), title, durationMinutes));
  }

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

  /** Adds the account to the meeting, or changes its role there. */
  public Future<Void> putParticipant(SqlClient client, MeetingId meeting, AccountId account, Role role, boolean votingRight) {
    return putParticipant(client, meeting, account, role, votingRight, null);
  }

  /** As above, also setting the vote weight (null: keep it, 1 for a new participant). */
  public Future<Void> putParticipant(SqlClient client, MeetingId meeting, AccountId account, Role role, boolean votingRight,
                                     java.math.BigDecimal voteWeight) {
    return client.preparedQuery("insert into participant (meeting_id, account_id, role, voting_right, vote_weight) values ($1, $2, $3, $4, coalesce($5::numeric, 1)) "
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
}
