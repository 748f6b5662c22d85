package org.plenum.server.storage;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.plenum.server.error.ErrorCode;
import org.plenum.server.error.PlenumException;
import org.plenum.server.meeting.MeetingId;
import org.plenum.server.vote.Ballot;
import org.plenum.server.vote.CountedBallot;
import org.plenum.server.vote.Poll;
import org.plenum.server.vote.PollId;
import org.plenum.server.vote.PollJson;
import org.plenum.server.vote.PollStatus;
import org.plenum.server.vote.Secrecy;
import org.plenum.server.vote.Voter;

/**
 * Polls and ballots in PostgreSQL. Who voted ({@code poll_voter}) and what was chosen ({@code ballot}) are separate
 * rows that share nothing but the poll; the primary key of {@code poll_voter} is the final word on double voting.
 */
public final class PgPollStore {
  public static final String VOTER_KEY = "poll_voter_pkey";

  /** A stored poll: the domain poll, its agenda item and its stored result text (null until closed). */
  public record Stored(Poll poll, UUID agendaItemId, String resultText) {}

  public Future<Void> insert(SqlClient c, MeetingId meeting, Poll poll, UUID agendaItem) {
    return c.preparedQuery("insert into poll (id, meeting_id, agenda_item_id, spec, status) values ($1, $2, $3, $4, $5)")
        .execute(Tuple.of(poll.id().value(), meeting.value(), agendaItem, PollJson.specText(poll.spec()), poll.status().name())).mapEmpty();
  }

  /** The poll of this meeting, locked for the transaction; NOT_FOUND otherwise. */
  public Future<Stored> get(SqlClient c, MeetingId meeting, PollId id) {
    return c.preparedQuery("select id, agenda_item_id, spec, status, result from poll where meeting_id = $1 and id = $2 for update")
        .execute(Tuple.of(meeting.value(), id.value())).map(rows -> {
          if (rows.size() == 0) {
            throw PlenumException.notFound("No poll '" + id + "' in this meeting.");
          }
          return toStored(rows.iterator().next());
        });
  }

  public Future<List<Stored>> all(SqlClient c, MeetingId meeting) {
    return c.preparedQuery("select id, agenda_item_id, spec, status, result from poll where meeting_id = $1 order by created_at, id")
        .execute(Tuple.of(meeting.value())).map(rows -> {
          List<Stored> out = new ArrayList<>();
          rows.forEach(r -> out.add(toStored(r)));
          return out;
        });
  }

  private static Stored toStored(Row r) {
    Poll poll = new Poll(new PollId(r.getUUID("id")), PollJson.spec(r.getString("spec")), PollStatus.valueOf(r.getString("status")));
    return new Stored(poll, r.getUUID("agenda_item_id"), r.getString("result"));
  }

  public Future<Void> setStatus(SqlClient c, PollId id, PollStatus status, String resultText) {
    String times = switch (status) {
      case OPEN -> ", opened_at = now()";
      case CLOSED, CANCELLED -> ", closed_at = now()";
      default -> "";
    };
    return c.preparedQuery("update poll set status = $2, result = $3" + times + " where id = $1")
        .execute(Tuple.of(id.value(), status.name(), resultText)).mapEmpty();
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
        .recover(PgErrors.onUnique(VOTER_KEY, ErrorCode.ALREADY_VOTED, "You have already voted in this poll."))
        .compose(v -> c.preparedQuery("insert into ballot (poll_id, receipt, choice, weight) values ($1, $2, $3, $4)")
            .execute(Tuple.of(ballot.pollId().value(), receipt, choice, ballot.weight())))
        .compose(v -> secrecy == Secrecy.NAMED
            ? c.preparedQuery("insert into named_vote (poll_id, voter_id, choice) values ($1, $2, $3)")
                .execute(Tuple.of(ballot.pollId().value(), ballot.voter(), choice)).<Void>mapEmpty()
            : Future.<Void>succeededFuture());
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

  /** Every ballot's choice and weight, in no meaningful order. */
  public Future<List<CountedBallot>> ballots(SqlClient c, PollId poll) {
    return c.preparedQuery("select choice, weight from ballot where poll_id = $1 order by receipt").execute(Tuple.of(poll.value())).map(rows -> {
      List<CountedBallot> out = new ArrayList<>();
      rows.forEach(r -> out.add(new CountedBallot(PollJson.choice(r.getString("choice")), r.getBigDecimal("weight"))));
      return out;
    });
  }

  /** Members with voting right and where they are now (PRESENT in the hall, REMOTE through a room), weight 1. */
  public Future<List<Voter>> voters(SqlClient c, MeetingId meeting) {
    return c.preparedQuery("select account_id, attendance from participant where meeting_id = $1 and voting_right order by account_id")
        .execute(Tuple.of(meeting.value())).map(rows -> {
          List<Voter> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Voter(r.getUUID("account_id"), BigDecimal.ONE, switch (r.getString("attendance")) {
            case "PRESENT" -> Voter.Presence.HALL;
            case "REMOTE" -> Voter.Presence.REMOTE_ROOM;
            default -> Voter.Presence.ABSENT;
          })));
          return out;
        });
  }

  public static JsonObject resultJson(String text) {
    return text == null ? null : new JsonObject(text);
  }
}
