package org.plenum.server.storage;

import org.plenum.server.core.db.PgErrors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.MeetingId;
import org.plenum.server.vote.Ballot;
import org.plenum.server.vote.Choice;
import org.plenum.server.vote.CountedBallot;
import org.plenum.server.vote.NamedVisibility;
import org.plenum.server.vote.Poll;
import org.plenum.server.vote.PollId;
import org.plenum.server.vote.PollJson;
import org.plenum.server.vote.PollSettings;
import org.plenum.server.vote.PollStatus;
import org.plenum.server.vote.Proxy;
import org.plenum.server.vote.PublishedResult;
import org.plenum.server.vote.Secrecy;
import org.plenum.server.vote.Voter;

/**
 * Polls, ballots and proxies in PostgreSQL. Who voted ({@code poll_voter}) and what was chosen ({@code ballot}) are
 * separate rows that share nothing but the poll; the primary key of {@code poll_voter} is the final word on double
 * voting. When a secret poll closes both tables' rows of that poll are written again in an order that says nothing
 * (ballots shuffled, voters sorted by id), so not even the physical row order joins them (VT6, D13).
 */
public final class PgPollStore {
  public static final String VOTER_KEY = "poll_voter_pkey";
  private static final String COLUMNS = "id, meeting_id, agenda_item_id, spec, status, result, duration_seconds, closes_at, named_visibility, "
      + "published, (closes_at is not null and closes_at <= now()) as expired";

  /**
   * A stored poll: the domain poll, its agenda item, its settings, when it closes by itself (null without a time
   * limit or before it opens), whether that time has passed, and its stored result and published texts (null until
   * closed).
   */
  public record Stored(Poll poll, MeetingId meeting, UUID agendaItemId, PollSettings settings, OffsetDateTime closesAt, boolean expired,
                       String resultText, String publishedText) {}

  /** A named vote: who chose what (NAMED polls only). */
  public record Named(UUID voter, Choice choice) {}

  public Future<Void> insert(SqlClient c, MeetingId meeting, Poll poll, UUID agendaItem, PollSettings settings) {
    return c.preparedQuery("insert into poll (id, meeting_id, agenda_item_id, spec, status, duration_seconds, named_visibility) "
            + "values ($1, $2, $3, $4, $5, $6, $7)")
        .execute(Tuple.of(poll.id().value(), meeting.value(), agendaItem, PollJson.specText(poll.spec()), poll.status().name(),
            settings.durationSeconds(), settings.namedVisibility().name())).mapEmpty();
  }

  /** The poll of this meeting, locked for the transaction; NOT_FOUND otherwise. */
  public Future<Stored> get(SqlClient c, MeetingId meeting, PollId id) {
    return c.preparedQuery("select " + COLUMNS + " from poll where meeting_id = $1 and id = $2 for update")
        .execute(Tuple.of(meeting.value(), id.value())).map(rows -> {
          if (rows.size() == 0) {
            throw PlenumException.notFound("No poll '" + id + "' in this meeting.");
          }
          return toStored(rows.iterator().next());
        });
  }

  /** The poll of this meeting without a lock, or NOT_FOUND. */
  public Future<Stored> read(SqlClient c, MeetingId meeting, PollId id) {
    return c.preparedQuery("select " + COLUMNS + " from poll where meeting_id = $1 and id = $2")
        .execute(Tuple.of(meeting.value(), id.value())).map(rows -> {
          if (rows.size() == 0) {
            throw PlenumException.notFound("No poll '" + id + "' in this meeting.");
          }
          return toStored(rows.iterator().next());
        });
  }

  public Future<List<Stored>> all(SqlClient c, MeetingId meeting) {
    return c.preparedQuery("select " + COLUMNS + " from poll where meeting_id = $1 order by created_at, id")
        .execute(Tuple.of(meeting.value())).map(PgPollStore::toList);
  }

  /** Open polls of the meeting (for quorum views). */
  public Future<List<Stored>> open(SqlClient c, MeetingId meeting) {
    return c.preparedQuery("select " + COLUMNS + " from poll where meeting_id = $1 and status = 'OPEN' order by created_at, id")
        .execute(Tuple.of(meeting.value())).map(PgPollStore::toList);
  }

  /** Open polls of every meeting that close by themselves, for the timers after a start. */
  public Future<List<Stored>> timed(SqlClient c) {
    return c.preparedQuery("select " + COLUMNS + " from poll where status = 'OPEN' and closes_at is not null").execute()
        .map(PgPollStore::toList);
  }

  private static List<Stored> toList(io.vertx.sqlclient.RowSet<Row> rows) {
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

  /** Sets the status; opening starts the clock of a timed poll. Returns when it closes by itself (or null). */
  public Future<OffsetDateTime> setStatus(SqlClient c, PollId id, PollStatus status, String resultText) {
    String times = switch (status) {
      case OPEN -> ", opened_at = now(), closes_at = now() + make_interval(secs => duration_seconds)";
      case CLOSED, CANCELLED -> ", closed_at = now()";
      default -> "";
    };
    return c.preparedQuery("update poll set status = $2, result = $3" + times + " where id = $1 returning closes_at")
        .execute(Tuple.of(id.value(), status.name(), resultText)).map(rows -> rows.iterator().next().getOffsetDateTime(0));
  }

  public Future<Void> setPublished(SqlClient c, PollId id, String publishedText) {
    return c.preparedQuery("update poll set published = $2 where id = $1").execute(Tuple.of(id.value(), publishedText)).mapEmpty();
  }

  /**
   * Records one ballot: the voter row (23505 on its primary key → ALREADY_VOTED), then the choice under its receipt,
   * and for NAMED polls who chose what.
   */
  public Future<Void> record(SqlClient c, Ballot ballot, Secrecy secrecy, String receipt, String keyDigest) {
    String choice = PollJson.choiceText(ballot.choice());
    return c.preparedQuery("insert into poll_voter (poll_id, voter_id, cast_by, key_digest) values ($1, $2, $3, $4)")
        .execute(Tuple.of(ballot.pollId().value(), ballot.voter(), ballot.castBy(), keyDigest))
        .<Void>mapEmpty()
        .recover(PgErrors.onUnique(VOTER_KEY, ErrorCode.ALREADY_VOTED, "This member has already voted in this poll."))
        .compose(v -> c.preparedQuery("insert into ballot (poll_id, receipt, choice, weight) values ($1, $2, $3, $4)")
            .execute(Tuple.of(ballot.pollId().value(), receipt, choice, ballot.weight())))
        .<Void>mapEmpty()
        .recover(PgErrors.onUnique("ballot_pkey", ErrorCode.BAD_MESSAGE, "This idempotency key was already used for another ballot; use a new key per ballot."))
        .compose(v -> secrecy == Secrecy.NAMED
            ? c.preparedQuery("insert into named_vote (poll_id, voter_id, choice) values ($1, $2, $3)")
                .execute(Tuple.of(ballot.pollId().value(), ballot.voter(), choice)).<Void>mapEmpty()
            : Future.<Void>succeededFuture());
  }

  /**
   * Members among {@code ids} who have a voting right in the meeting, with weight and presence now (for checking a
   * batch of casts without loading every member).
   */
  public Future<List<Voter>> votersAmong(SqlClient c, MeetingId meeting, Collection<UUID> ids) {
    return c.preparedQuery("select account_id, attendance, vote_weight from participant where meeting_id = $1 and voting_right "
            + "and account_id = any($2)")
        .execute(Tuple.of(meeting.value(), (Object) ids.toArray(UUID[]::new))).map(PgPollStore::toVoters);
  }

  /** The proxies given by any of {@code givers}. */
  public Future<List<Proxy>> proxiesFrom(SqlClient c, MeetingId meeting, Collection<UUID> givers) {
    return c.preparedQuery("select giver_id, holder_id from proxy where meeting_id = $1 and giver_id = any($2)")
        .execute(Tuple.of(meeting.value(), (Object) givers.toArray(UUID[]::new))).map(PgPollStore::toProxies);
  }

  /**
   * The weight that can be cast now (E6): members with voting right present in the hall or a room, plus absent
   * members whose proxy holder is present.
   */
  public Future<BigDecimal> eligibleWeight(SqlClient c, MeetingId meeting) {
    return c.preparedQuery("select coalesce((select sum(vote_weight) from participant where meeting_id = $1 and voting_right "
            + "and attendance in ('PRESENT', 'REMOTE')), 0) + coalesce((select sum(g.vote_weight) from proxy p "
            + "join participant g on g.meeting_id = p.meeting_id and g.account_id = p.giver_id and g.voting_right "
            + "and g.attendance not in ('PRESENT', 'REMOTE') "
            + "join participant h on h.meeting_id = p.meeting_id and h.account_id = p.holder_id and h.voting_right "
            + "and h.attendance in ('PRESENT', 'REMOTE') where p.meeting_id = $1), 0)")
        .execute(Tuple.of(meeting.value())).map(rows -> rows.iterator().next().getBigDecimal(0));
  }

  /**
   * Inserts the voter rows of a batch in one statement; returns the voters whose row is new. The others already had
   * one (a double vote or a retry: see {@link #keyDigests}).
   */
  public Future<Set<UUID>> insertVoters(SqlClient c, PollId poll, List<Ballot> ballots, List<String> digests) {
    if (ballots.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    return c.preparedQuery("insert into poll_voter (poll_id, voter_id, cast_by, key_digest) select $1, v, b, d "
            + "from unnest($2::uuid[], $3::uuid[], $4::text[]) as t(v, b, d) on conflict (poll_id, voter_id) do nothing returning voter_id")
        .execute(Tuple.of(poll.value(), ballots.stream().map(Ballot::voter).toArray(UUID[]::new),
            ballots.stream().map(Ballot::castBy).toArray(UUID[]::new), digests.toArray(String[]::new)))
        .map(rows -> {
          Set<UUID> out = new HashSet<>();
          rows.forEach(r -> out.add(r.getUUID(0)));
          return out;
        });
  }

  /** Key digests of existing voter rows, by voter (null digest: cast without a key). */
  public Future<Map<UUID, String>> keyDigests(SqlClient c, PollId poll, Collection<UUID> voters) {
    return c.preparedQuery("select voter_id, key_digest from poll_voter where poll_id = $1 and voter_id = any($2)")
        .execute(Tuple.of(poll.value(), (Object) voters.toArray(UUID[]::new))).map(rows -> {
          Map<UUID, String> out = new HashMap<>();
          rows.forEach(r -> out.put(r.getUUID(0), r.getString(1)));
          return out;
        });
  }

  /** Inserts the ballots of a batch (receipt, choice, weight) in one statement; returns the receipts that were new. */
  public Future<Set<String>> insertBallots(SqlClient c, PollId poll, List<Ballot> ballots, List<String> receipts) {
    if (ballots.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    return c.preparedQuery("insert into ballot (poll_id, receipt, choice, weight) select $1, r, ch, w "
            + "from unnest($2::text[], $3::text[], $4::numeric[]) as t(r, ch, w) on conflict (poll_id, receipt) do nothing returning receipt")
        .execute(Tuple.of(poll.value(), receipts.toArray(String[]::new), ballots.stream().map(b -> PollJson.choiceText(b.choice())).toArray(String[]::new),
            ballots.stream().map(Ballot::weight).toArray(BigDecimal[]::new)))
        .map(rows -> {
          Set<String> out = new HashSet<>();
          rows.forEach(r -> out.add(r.getString(0)));
          return out;
        });
  }

  public Future<Void> deleteVoters(SqlClient c, PollId poll, Collection<UUID> voters) {
    return voters.isEmpty() ? Future.succeededFuture()
        : c.preparedQuery("delete from poll_voter where poll_id = $1 and voter_id = any($2)").execute(Tuple.of(poll.value(), (Object) voters.toArray(UUID[]::new)))
            .mapEmpty();
  }

  /** NAMED polls: who chose what, for a batch. */
  public Future<Void> insertNamed(SqlClient c, PollId poll, List<Ballot> ballots) {
    if (ballots.isEmpty()) {
      return Future.succeededFuture();
    }
    return c.preparedQuery("insert into named_vote (poll_id, voter_id, choice) select $1, v, ch from unnest($2::uuid[], $3::text[]) as t(v, ch)")
        .execute(Tuple.of(poll.value(), ballots.stream().map(Ballot::voter).toArray(UUID[]::new),
            ballots.stream().map(b -> PollJson.choiceText(b.choice())).toArray(String[]::new))).mapEmpty();
  }

  /** The key digest stored with the voter's row, or null (no row, or cast without a key). */
  public Future<String> keyDigest(SqlClient c, PollId poll, UUID voter) {
    return c.preparedQuery("select key_digest from poll_voter where poll_id = $1 and voter_id = $2").execute(Tuple.of(poll.value(), voter))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
  }

  public Future<Integer> ballotsCast(SqlClient c, PollId poll) {
    return c.preparedQuery("select count(*) from poll_voter where poll_id = $1").execute(Tuple.of(poll.value()))
        .map(rows -> rows.iterator().next().getLong(0).intValue());
  }

  /** Who has voted (the roll; public for secret polls too). */
  public Future<Set<UUID>> votedMembers(SqlClient c, PollId poll) {
    return c.preparedQuery("select voter_id from poll_voter where poll_id = $1").execute(Tuple.of(poll.value())).map(rows -> {
      Set<UUID> out = new HashSet<>();
      rows.forEach(r -> out.add(r.getUUID(0)));
      return out;
    });
  }

  /** Who cast each voter's ballot (themself, their proxy holder, or the secretary for a paper ballot). */
  public Future<Map<UUID, UUID>> castBy(SqlClient c, PollId poll) {
    return c.preparedQuery("select voter_id, cast_by from poll_voter where poll_id = $1").execute(Tuple.of(poll.value())).map(rows -> {
      Map<UUID, UUID> out = new HashMap<>();
      rows.forEach(r -> out.put(r.getUUID(0), r.getUUID(1)));
      return out;
    });
  }

  /** Every ballot's choice and weight, in no meaningful order. */
  public Future<List<CountedBallot>> ballots(SqlClient c, PollId poll) {
    return entries(c, poll).map(list -> list.stream().map(PublishedResult.Entry::counted).toList());
  }

  /** Every ballot as it will be published: receipt, choice, weight. */
  public Future<List<PublishedResult.Entry>> entries(SqlClient c, PollId poll) {
    return c.preparedQuery("select receipt, choice, weight from ballot where poll_id = $1 order by receipt").execute(Tuple.of(poll.value())).map(rows -> {
      List<PublishedResult.Entry> out = new ArrayList<>();
      rows.forEach(r -> out.add(new PublishedResult.Entry(r.getString("receipt"), PollJson.choice(r.getString("choice")), r.getBigDecimal("weight"))));
      return out;
    });
  }

  /** NAMED polls: who chose what, by voter id. */
  public Future<List<Named>> named(SqlClient c, PollId poll) {
    return c.preparedQuery("select voter_id, choice from named_vote where poll_id = $1 order by voter_id").execute(Tuple.of(poll.value())).map(rows -> {
      List<Named> out = new ArrayList<>();
      rows.forEach(r -> out.add(new Named(r.getUUID(0), PollJson.choice(r.getString(1)))));
      return out;
    });
  }

  /**
   * D13: writes the poll's ballots again in a uniformly random order and its voter rows sorted by voter id, so the
   * physical order of neither table follows the order of casting. Run in the closing transaction; a VACUUM after the
   * commit reclaims the old row versions ({@link #vacuum}).
   */
  public Future<Void> reorder(SqlClient c, PollId poll, SecureRandom random) {
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

  /** Reclaims dead row versions of the vote tables (outside any transaction). */
  public Future<Void> vacuum(SqlClient c) {
    return c.query("vacuum ballot, poll_voter").execute().mapEmpty();
  }

  /** Members with voting right: their weight and where they are now (PRESENT in the hall, REMOTE through a room). */
  public Future<List<Voter>> voters(SqlClient c, MeetingId meeting) {
    return c.preparedQuery("select account_id, attendance, vote_weight from participant where meeting_id = $1 and voting_right order by account_id")
        .execute(Tuple.of(meeting.value())).map(PgPollStore::toVoters);
  }

  private static List<Voter> toVoters(io.vertx.sqlclient.RowSet<Row> rows) {
    List<Voter> out = new ArrayList<>();
    rows.forEach(r -> out.add(new Voter(r.getUUID("account_id"), r.getBigDecimal("vote_weight"), switch (r.getString("attendance")) {
      case "PRESENT" -> Voter.Presence.HALL;
      case "REMOTE" -> Voter.Presence.REMOTE_ROOM;
      default -> Voter.Presence.ABSENT;
    })));
    return out;
  }

  private static List<Proxy> toProxies(io.vertx.sqlclient.RowSet<Row> rows) {
    List<Proxy> out = new ArrayList<>();
    rows.forEach(r -> out.add(new Proxy(r.getUUID(0), r.getUUID(1))));
    return out;
  }

  /** The proxies registered in the meeting, giver → holder. */
  public Future<List<Proxy>> proxies(SqlClient c, MeetingId meeting) {
    return c.preparedQuery("select giver_id, holder_id from proxy where meeting_id = $1 order by giver_id").execute(Tuple.of(meeting.value()))
        .map(PgPollStore::toProxies);
  }

  /** Registers (or moves) the giver's proxy. */
  public Future<Void> putProxy(SqlClient c, MeetingId meeting, Proxy proxy, UUID registeredBy) {
    return c.preparedQuery("insert into proxy (meeting_id, giver_id, holder_id, registered_by) values ($1, $2, $3, $4) "
            + "on conflict (meeting_id, giver_id) do update set holder_id = excluded.holder_id, registered_by = excluded.registered_by")
        .execute(Tuple.of(meeting.value(), proxy.from(), proxy.to(), registeredBy)).mapEmpty();
  }

  /** Withdraws the giver's proxy; NOT_FOUND when there is none. */
  public Future<Void> deleteProxy(SqlClient c, MeetingId meeting, UUID giver) {
    return c.preparedQuery("delete from proxy where meeting_id = $1 and giver_id = $2").execute(Tuple.of(meeting.value(), giver)).map(rows -> {
      if (rows.rowCount() == 0) {
        throw PlenumException.notFound("Member " + giver + " has given no proxy in this meeting.");
      }
      return null;
    });
  }

  public static JsonObject resultJson(String text) {
    return text == null ? null : new JsonObject(text);
  }
}
