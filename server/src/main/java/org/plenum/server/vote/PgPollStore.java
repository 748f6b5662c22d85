package org.plenum.server.vote;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Pg;
import org.plenum.server.core.db.Tx;

/**
 * Polls, ballots and proxies in PostgreSQL. Who voted ({@code poll_voter}) and what was chosen ({@code ballot}) are
 * separate rows that share nothing but the poll; the primary key of {@code poll_voter} is the final word on double
 * voting. When a secret poll closes both tables' rows of that poll are written again in an order that says nothing
 * (ballots shuffled, voters sorted by id), so not even the physical row order joins them (VT6, D13).
 */
public final class PgPollStore implements PollStore {
  private static final String COLUMNS = "id, meeting_id, agenda_item_id, spec, status, result, duration_seconds, closes_at, named_visibility, "
      + "published, (closes_at is not null and closes_at <= now()) as expired";

  @Override
  public Future<Void> insert(Tx tx, MeetingId meeting, Poll poll, UUID agendaItem, PollSettings settings) {
    return Pg.sql(tx).preparedQuery("insert into poll (id, meeting_id, agenda_item_id, spec, status, duration_seconds, named_visibility) "
            + "values ($1, $2, $3, $4, $5, $6, $7)")
        .execute(Tuple.of(poll.id().value(), meeting.value(), agendaItem, PollJson.specText(poll.spec()), poll.status().name(),
            settings.durationSeconds(), settings.namedVisibility().name())).mapEmpty();
  }

  @Override
  public Future<Stored> get(Tx tx, MeetingId meeting, PollId id) {
    return one(tx, meeting, id, " for update");
  }

  @Override
  public Future<Stored> share(Tx tx, MeetingId meeting, PollId id) {
    return one(tx, meeting, id, " for share");
  }

  @Override
  public Future<Stored> read(Tx tx, MeetingId meeting, PollId id) {
    return one(tx, meeting, id, "");
  }

  private static Future<Stored> one(Tx tx, MeetingId meeting, PollId id, String lock) {
    return Pg.sql(tx).preparedQuery("select " + COLUMNS + " from poll where meeting_id = $1 and id = $2" + lock)
        .execute(Tuple.of(meeting.value(), id.value())).map(rows -> {
          if (rows.size() == 0) {
            throw PlenumException.notFound("No poll '" + id + "' in this meeting.");
          }
          return toStored(rows.iterator().next());
        });
  }

  @Override
  public Future<List<Stored>> all(Tx tx, MeetingId meeting) {
    return Pg.sql(tx).preparedQuery("select " + COLUMNS + " from poll where meeting_id = $1 order by created_at, id")
        .execute(Tuple.of(meeting.value())).map(PgPollStore::toList);
  }

  @Override
  public Future<List<Stored>> open(Tx tx, MeetingId meeting) {
    return Pg.sql(tx).preparedQuery("select " + COLUMNS + " from poll where meeting_id = $1 and status = 'OPEN' order by created_at, id")
        .execute(Tuple.of(meeting.value())).map(PgPollStore::toList);
  }

  @Override
  public Future<List<Stored>> timed(Tx tx) {
    return Pg.sql(tx).preparedQuery("select " + COLUMNS + " from poll where status = 'OPEN' and closes_at is not null").execute()
        .map(PgPollStore::toList);
  }

  private static List<Stored> toList(RowSet<Row> rows) {
    List<Stored> out = new ArrayList<>();
    rows.forEach(r -> out.add(toStored(r)));
    return out;
  }

  private static Stored toStored(Row r) {
    Poll poll = new Poll(new PollId(r.getUUID("id")), PollJson.spec(r.getString("spec")), PollStatus.valueOf(r.getString("status")));
    PollSettings settings = new PollSettings(r.getInteger("duration_seconds"), NamedVisibility.valueOf(r.getString("named_visibility")));
    return new Stored(poll, new MeetingId(r.getUUID("meeting_id")), r.getUUID("agenda_item_id"), settings, r.getOffsetDateTime("closes_at"),
        r.getBoolean("expired"), r.getString("result"), r.getString("published"));
  }

  @Override
  public Future<OffsetDateTime> setStatus(Tx tx, PollId id, PollStatus status, String resultText) {
    String times = switch (status) {
      case OPEN -> ", opened_at = now(), closes_at = now() + make_interval(secs => duration_seconds)";
      case CLOSED, CANCELLED -> ", closed_at = now()";
      default -> "";
    };
    return Pg.sql(tx).preparedQuery("update poll set status = $2, result = $3" + times + " where id = $1 returning closes_at")
        .execute(Tuple.of(id.value(), status.name(), resultText)).map(rows -> rows.iterator().next().getOffsetDateTime(0));
  }

  @Override
  public Future<Void> setPublished(Tx tx, PollId id, String publishedText) {
    return Pg.sql(tx).preparedQuery("update poll set published = $2 where id = $1").execute(Tuple.of(id.value(), publishedText)).mapEmpty();
  }

  @Override
  public Future<List<Voter>> votersAmong(Tx tx, MeetingId meeting, Collection<UUID> ids) {
    return Pg.sql(tx).preparedQuery("select account_id, attendance, vote_weight from participant where meeting_id = $1 and voting_right "
            + "and account_id = any($2)")
        .execute(Tuple.of(meeting.value(), (Object) ids.toArray(UUID[]::new))).map(PgPollStore::toVoters);
  }

  @Override
  public Future<List<Proxy>> proxiesFrom(Tx tx, MeetingId meeting, Collection<UUID> givers) {
    return Pg.sql(tx).preparedQuery("select giver_id, holder_id from proxy where meeting_id = $1 and giver_id = any($2)")
        .execute(Tuple.of(meeting.value(), (Object) givers.toArray(UUID[]::new))).map(PgPollStore::toProxies);
  }

  @Override
  public Future<BigDecimal> eligibleWeight(Tx tx, MeetingId meeting) {
    return Pg.sql(tx).preparedQuery("select coalesce((select sum(vote_weight) from participant where meeting_id = $1 and voting_right "
            + "and attendance in ('PRESENT', 'REMOTE')), 0) + coalesce((select sum(g.vote_weight) from proxy p "
            + "join participant g on g.meeting_id = p.meeting_id and g.account_id = p.giver_id and g.voting_right "
            + "and g.attendance not in ('PRESENT', 'REMOTE') "
            + "join participant h on h.meeting_id = p.meeting_id and h.account_id = p.holder_id and h.voting_right "
            + "and h.attendance in ('PRESENT', 'REMOTE') where p.meeting_id = $1), 0)")
        .execute(Tuple.of(meeting.value())).map(rows -> rows.iterator().next().getBigDecimal(0));
  }

  @Override
  public Future<Set<UUID>> insertVoters(Tx tx, PollId poll, List<Ballot> ballots, List<String> digests) {
    if (ballots.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    return Pg.sql(tx).preparedQuery("insert into poll_voter (poll_id, voter_id, cast_by, key_digest) select $1, v, b, d "
            + "from unnest($2::uuid[], $3::uuid[], $4::text[]) as t(v, b, d) on conflict (poll_id, voter_id) do nothing returning voter_id")
        .execute(Tuple.of(poll.value(), ballots.stream().map(Ballot::voter).toArray(UUID[]::new),
            ballots.stream().map(Ballot::castBy).toArray(UUID[]::new), digests.toArray(String[]::new)))
        .map(rows -> newKeys(rows, r -> r.getUUID(0)));
  }

  @Override
  public Future<Map<UUID, String>> keyDigests(Tx tx, PollId poll, Collection<UUID> voters) {
    return Pg.sql(tx).preparedQuery("select voter_id, key_digest from poll_voter where poll_id = $1 and voter_id = any($2)")
        .execute(Tuple.of(poll.value(), (Object) voters.toArray(UUID[]::new))).map(rows -> {
          Map<UUID, String> out = new HashMap<>();
          rows.forEach(r -> out.put(r.getUUID(0), r.getString(1)));
          return out;
        });
  }

  @Override
  public Future<Set<String>> insertBallots(Tx tx, PollId poll, List<Ballot> ballots, List<String> receipts) {
    if (ballots.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    return Pg.sql(tx).preparedQuery("insert into ballot (poll_id, receipt, choice, weight) select $1, r, ch, w "
            + "from unnest($2::text[], $3::text[], $4::numeric[]) as t(r, ch, w) on conflict (poll_id, receipt) do nothing returning receipt")
        .execute(Tuple.of(poll.value(), receipts.toArray(String[]::new), ballots.stream().map(b -> PollJson.choiceText(b.choice())).toArray(String[]::new),
            ballots.stream().map(Ballot::weight).toArray(BigDecimal[]::new)))
        .map(rows -> newKeys(rows, r -> r.getString(0)));
  }

  /** The rows an {@code insert … on conflict do nothing returning <key>} wrote, by key. */
  private static <T> Set<T> newKeys(RowSet<Row> rows, Function<Row, T> key) {
    Set<T> out = new HashSet<>();
    rows.forEach(r -> out.add(key.apply(r)));
    return out;
  }

  @Override
  public Future<Void> deleteVoters(Tx tx, PollId poll, Collection<UUID> voters) {
    return voters.isEmpty() ? Future.succeededFuture()
        : Pg.sql(tx).preparedQuery("delete from poll_voter where poll_id = $1 and voter_id = any($2)").execute(Tuple.of(poll.value(), (Object) voters.toArray(UUID[]::new)))
            .mapEmpty();
  }

  @Override
  public Future<Void> insertNamed(Tx tx, PollId poll, List<Ballot> ballots) {
    if (ballots.isEmpty()) {
      return Future.succeededFuture();
    }
    return Pg.sql(tx).preparedQuery("insert into named_vote (poll_id, voter_id, choice) select $1, v, ch from unnest($2::uuid[], $3::text[]) as t(v, ch)")
        .execute(Tuple.of(poll.value(), ballots.stream().map(Ballot::voter).toArray(UUID[]::new),
            ballots.stream().map(b -> PollJson.choiceText(b.choice())).toArray(String[]::new))).mapEmpty();
  }

  @Override
  public Future<Integer> ballotsCast(Tx tx, PollId poll) {
    return Pg.sql(tx).preparedQuery("select count(*) from poll_voter where poll_id = $1").execute(Tuple.of(poll.value()))
        .map(rows -> rows.iterator().next().getLong(0).intValue());
  }

  @Override
  public Future<Map<UUID, UUID>> castBy(Tx tx, PollId poll) {
    return Pg.sql(tx).preparedQuery("select voter_id, cast_by from poll_voter where poll_id = $1").execute(Tuple.of(poll.value())).map(rows -> {
      Map<UUID, UUID> out = new HashMap<>();
      rows.forEach(r -> out.put(r.getUUID(0), r.getUUID(1)));
      return out;
    });
  }

  @Override
  public Future<List<PublishedResult.Entry>> entries(Tx tx, PollId poll) {
    return Pg.sql(tx).preparedQuery("select receipt, choice, weight from ballot where poll_id = $1 order by receipt").execute(Tuple.of(poll.value())).map(rows -> {
      List<PublishedResult.Entry> out = new ArrayList<>();
      rows.forEach(r -> out.add(new PublishedResult.Entry(r.getString("receipt"), PollJson.choice(r.getString("choice")), r.getBigDecimal("weight"))));
      return out;
    });
  }

  @Override
  public Future<List<Named>> named(Tx tx, PollId poll) {
    return Pg.sql(tx).preparedQuery("select voter_id, choice from named_vote where poll_id = $1 order by voter_id").execute(Tuple.of(poll.value())).map(rows -> {
      List<Named> out = new ArrayList<>();
      rows.forEach(r -> out.add(new Named(r.getUUID(0), PollJson.choice(r.getString(1)))));
      return out;
    });
  }

  @Override
  public Future<Void> reorder(Tx tx, PollId poll, SecureRandom random) {
    SqlClient c = Pg.sql(tx);
    return c.preparedQuery("delete from ballot where poll_id = $1 returning receipt, choice, weight").execute(Tuple.of(poll.value()))
        .compose(rows -> {
          List<Tuple> ballots = new ArrayList<>();
          rows.forEach(r -> ballots.add(Tuple.of(poll.value(), r.getString(0), r.getString(1), r.getBigDecimal(2))));
          Collections.shuffle(ballots, random);
          return ballots.isEmpty() ? Future.<Void>succeededFuture()
              : c.preparedQuery("insert into ballot (poll_id, receipt, choice, weight) values ($1, $2, $3, $4)").executeBatch(ballots).mapEmpty();
        })
        .compose(v -> c.preparedQuery("delete from poll_voter where poll_id = $1 returning voter_id, cast_by, key_digest").execute(Tuple.of(poll.value())))
        .compose(rows -> {
          List<Tuple> voters = new ArrayList<>();
          rows.forEach(r -> voters.add(Tuple.of(poll.value(), r.getUUID(0), r.getUUID(1), r.getString(2))));
          voters.sort(Comparator.comparing(t -> t.getUUID(1)));
          return voters.isEmpty() ? Future.<Void>succeededFuture()
              : c.preparedQuery("insert into poll_voter (poll_id, voter_id, cast_by, key_digest) values ($1, $2, $3, $4)").executeBatch(voters).mapEmpty();
        });
  }

  @Override
  public Future<Void> vacuum(Tx tx) {
    return Pg.sql(tx).query("vacuum ballot, poll_voter, sealed_ballot, poll").execute().mapEmpty();
  }

  @Override
  public Future<Void> setSealedKey(Tx tx, PollId poll, byte[] wrapped) {
    return Pg.sql(tx).preparedQuery("update poll set sealed_key = $2 where id = $1")
        .execute(Tuple.of(poll.value(), wrapped == null ? null : Buffer.buffer(wrapped))).mapEmpty();
  }

  @Override
  public Future<byte[]> sealedKey(Tx tx, PollId poll) {
    return Pg.sql(tx).preparedQuery("select sealed_key from poll where id = $1").execute(Tuple.of(poll.value())).map(rows -> {
      Buffer b = rows.size() == 0 ? null : rows.iterator().next().getBuffer(0);
      return b == null ? null : b.getBytes();
    });
  }

  @Override
  public Future<Set<String>> insertSealed(Tx tx, PollId poll, List<byte[]> tags, List<byte[]> sealed) {
    if (tags.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    return Pg.sql(tx).preparedQuery("insert into sealed_ballot (poll_id, tag, sealed) select $1, t, s from unnest($2::bytea[], $3::bytea[]) as u(t, s) "
            + "on conflict (poll_id, tag) do nothing returning tag")
        .execute(Tuple.of(poll.value(), tags.stream().map(Buffer::buffer).toArray(Buffer[]::new), sealed.stream().map(Buffer::buffer).toArray(Buffer[]::new)))
        .map(rows -> newKeys(rows, r -> HexFormat.of().formatHex(r.getBuffer(0).getBytes())));
  }

  @Override
  public Future<List<byte[]>> sealedBallots(Tx tx, PollId poll) {
    return Pg.sql(tx).preparedQuery("select sealed from sealed_ballot where poll_id = $1").execute(Tuple.of(poll.value())).map(rows -> {
      List<byte[]> out = new ArrayList<>();
      rows.forEach(r -> out.add(r.getBuffer(0).getBytes()));
      return out;
    });
  }

  @Override
  public Future<Void> deleteSealed(Tx tx, PollId poll) {
    return Pg.sql(tx).preparedQuery("delete from sealed_ballot where poll_id = $1").execute(Tuple.of(poll.value())).mapEmpty();
  }

  @Override
  public Future<Void> insertEntries(Tx tx, PollId poll, List<PublishedResult.Entry> entries) {
    if (entries.isEmpty()) {
      return Future.succeededFuture();
    }
    return Pg.sql(tx).preparedQuery("insert into ballot (poll_id, receipt, choice, weight) select $1, r, ch, w "
            + "from unnest($2::text[], $3::text[], $4::numeric[]) with ordinality as t(r, ch, w, n) order by n")
        .execute(Tuple.of(poll.value(), entries.stream().map(PublishedResult.Entry::receipt).toArray(String[]::new),
            entries.stream().map(e -> PollJson.choiceText(e.choice())).toArray(String[]::new),
            entries.stream().map(PublishedResult.Entry::weight).toArray(BigDecimal[]::new))).mapEmpty();
  }

  @Override
  public Future<List<Voter>> voters(Tx tx, MeetingId meeting) {
    return Pg.sql(tx).preparedQuery("select account_id, attendance, vote_weight from participant where meeting_id = $1 and voting_right order by account_id")
        .execute(Tuple.of(meeting.value())).map(PgPollStore::toVoters);
  }

  private static List<Voter> toVoters(RowSet<Row> rows) {
    List<Voter> out = new ArrayList<>();
    rows.forEach(r -> out.add(new Voter(r.getUUID("account_id"), r.getBigDecimal("vote_weight"), switch (r.getString("attendance")) {
      case "PRESENT" -> Voter.Presence.HALL;
      case "REMOTE" -> Voter.Presence.REMOTE_ROOM;
      default -> Voter.Presence.ABSENT;
    })));
    return out;
  }

  private static List<Proxy> toProxies(RowSet<Row> rows) {
    List<Proxy> out = new ArrayList<>();
    rows.forEach(r -> out.add(new Proxy(r.getUUID(0), r.getUUID(1))));
    return out;
  }

  @Override
  public Future<List<Proxy>> proxies(Tx tx, MeetingId meeting) {
    return Pg.sql(tx).preparedQuery("select giver_id, holder_id from proxy where meeting_id = $1 order by giver_id").execute(Tuple.of(meeting.value()))
        .map(PgPollStore::toProxies);
  }

  @Override
  public Future<Void> putProxy(Tx tx, MeetingId meeting, Proxy proxy, UUID registeredBy) {
    return Pg.sql(tx).preparedQuery("insert into proxy (meeting_id, giver_id, holder_id, registered_by) values ($1, $2, $3, $4) "
            + "on conflict (meeting_id, giver_id) do update set holder_id = excluded.holder_id, registered_by = excluded.registered_by")
        .execute(Tuple.of(meeting.value(), proxy.from(), proxy.to(), registeredBy)).mapEmpty();
  }

  @Override
  public Future<Void> deleteProxy(Tx tx, MeetingId meeting, UUID giver) {
    return Pg.sql(tx).preparedQuery("delete from proxy where meeting_id = $1 and giver_id = $2").execute(Tuple.of(meeting.value(), giver)).map(rows -> {
      if (rows.rowCount() == 0) {
        throw PlenumException.notFound("Member " + giver + " has given no proxy in this meeting.");
      }
      return null;
    });
  }
}
