package org.plenum.server.vote;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.UUID;
import org.plenum.server.error.ErrorCode;
import org.plenum.server.error.PlenumException;
import org.plenum.server.ledger.Ledger;
import org.plenum.server.ledger.NewEvent;
import org.plenum.server.meeting.Actor;
import org.plenum.server.meeting.LiveMeetingService;
import org.plenum.server.meeting.MeetingId;
import org.plenum.server.meeting.MeetingStatus;
import org.plenum.server.storage.PgAgendaStore;
import org.plenum.server.storage.PgPollStore;

/**
 * Polls of a meeting, end to end (docs/protocol.md §11). Rules: VT1 the chair, the secretary and administrators
 * create, open, close and cancel polls; VT2 only an OPEN poll takes ballots (POLL_NOT_OPEN), only a present member
 * with voting right casts one (FORBIDDEN), and a choice that does not fit is INVALID_BALLOT; VT3 the database's
 * primary key on (poll, voter) decides double voting (ALREADY_VOTED); VT4 a retry with the same idempotency key
 * returns the same receipt; VT5 progress events carry counts only; VT6 secret polls store who voted and what was
 * chosen apart. Each step is one ledger transaction; events are published after the commit.
 */
public final class VoteService {
  public static final String CREATED = "poll.created";
  public static final String OPENED = "poll.opened";
  public static final String CLOSED = "poll.closed";
  public static final String CANCELLED = "poll.cancelled";
  public static final String RECORDED = "vote.recorded";

  private final Pool pool;
  private final Ledger ledger;
  private final PgPollStore store;
  private final PgAgendaStore agenda;

  public VoteService(Pool pool, Ledger ledger, PgPollStore store, PgAgendaStore agenda) {
    this.pool = pool;
    this.ledger = ledger;
    this.store = store;
    this.agenda = agenda;
  }

  /** What a cast returns to the voter: the receipt, and the ledger seq of vote.recorded (null for a retry). */
  public record Cast(String receipt, Long seq) {}

  public Future<Ledger.Written<JsonObject>> create(Actor actor, MeetingId meeting, PollSpec spec) {
    actor.requireRunner();
    Poll poll = Poll.draft(PollId.random(), spec);
    return ledger.write(meeting, actor.accountId(), (tx, head) -> requireActive(tx, meeting)
        .compose(v -> agenda.currentItem(tx, meeting))
        .compose(item -> store.insert(tx, meeting, poll, item).map(v -> item))
        .map(item -> {
          JsonObject data = view(poll, item, 0, null);
          return Ledger.Change.of(data, NewEvent.toAll(CREATED, data));
        }));
  }

  public Future<Ledger.Written<JsonObject>> open(Actor actor, MeetingId meeting, PollId id) {
    actor.requireRunner();
    return ledger.write(meeting, actor.accountId(), (tx, head) -> requireActive(tx, meeting)
        .compose(v -> store.get(tx, meeting, id))
        .compose(s -> {
          Poll opened = s.poll().open();
          return store.setStatus(tx, id, opened.status(), null).map(v -> {
            JsonObject data = view(opened, s.agendaItemId(), 0, null);
            return Ledger.Change.of(data, NewEvent.toAll(OPENED, data));
          });
        }));
  }

  /** Closes the poll and counts it with the members and presence of this moment (weight 1, no proxies yet). */
  public Future<Ledger.Written<JsonObject>> close(Actor actor, MeetingId meeting, PollId id) {
    actor.requireRunner();
    return ledger.write(meeting, actor.accountId(), (tx, head) -> store.get(tx, meeting, id).compose(s -> {
      Poll closed = s.poll().close();
      return store.voters(tx, meeting).compose(voters -> store.ballots(tx, id).compose(ballots -> {
        Turnout turnout = Eligibility.of(voters, List.of(), 0).turnout();
        PollResult result = Tally.count(closed.spec(), turnout, ballots);
        return store.setStatus(tx, id, closed.status(), result.canonicalJson()).map(v -> {
          JsonObject data = view(closed, s.agendaItemId(), result.ballots(), result.toJson());
          return Ledger.Change.of(data, NewEvent.toAll(CLOSED, data));
        });
      }));
    }));
  }

  public Future<Ledger.Written<JsonObject>> cancel(Actor actor, MeetingId meeting, PollId id) {
    actor.requireRunner();
    return ledger.write(meeting, actor.accountId(), (tx, head) -> store.get(tx, meeting, id).compose(s -> {
      Poll cancelled = s.poll().cancel();
      return store.setStatus(tx, id, cancelled.status(), null).compose(v -> store.ballotsCast(tx, id)).map(n -> {
        JsonObject data = view(cancelled, s.agendaItemId(), n, null);
        return Ledger.Change.of(data, NewEvent.toAll(CANCELLED, data));
      });
    }));
  }

  /**
   * VT2–VT6: one transaction records who voted and what was chosen and appends {@code vote.recorded} (counts only,
   * no actor). A duplicate voter row fails the transaction with ALREADY_VOTED; then, if the stored key digest matches
   * this key, the cast was a retry and gets its receipt again.
   */
  public Future<Cast> cast(Actor voter, MeetingId meeting, PollId id, Choice choice, String idempotencyKey) {
    String receipt = idempotencyKey == null ? Receipts.newCode() : Receipts.fromIdempotencyKey(id, idempotencyKey);
    String digest = idempotencyKey == null ? null : Receipts.keyDigest(id, idempotencyKey);
    UUID caster = voter.accountId();
    return ledger.write(meeting, null, (tx, head) -> store.get(tx, meeting, id)
            .compose(s -> store.voters(tx, meeting).compose(voters -> {
              Poll poll = s.poll();
              if (poll.status() != PollStatus.OPEN) {
                throw new PlenumException(ErrorCode.POLL_NOT_OPEN, "Poll '" + poll.spec().title() + "' is not open (" + poll.status() + ").");
              }
              if (voters.isEmpty()) {
                throw PlenumException.forbidden("Nobody in this meeting has a voting right.");
              }
              Eligibility eligibility = Eligibility.of(voters, List.of(), 0);
              Ballot ballot = s.poll().ballotFor(eligibility, caster, caster, choice);
              return store.record(tx, ballot, s.poll().spec().secrecy(), receipt, digest)
                  .compose(v -> store.ballotsCast(tx, id))
                  .map(n -> {
                    JsonObject data = new JsonObject().put("pollId", id.toString()).put("ballotsCast", n)
                        .put("eligible", eligibility.eligibleWeight().intValue());
                    return Ledger.Change.of(receipt, NewEvent.toAll(RECORDED, data));
                  });
            })))
        .map(w -> new Cast(w.value(), w.lastSeq()))
        .recover(err -> {
          if (digest != null && err instanceof PlenumException pe && pe.code() == ErrorCode.ALREADY_VOTED) {
            return store.keyDigest(pool, id, caster).compose(stored -> digest.equals(stored)
                ? Future.succeededFuture(new Cast(receipt, null))
                : Future.failedFuture(err));
          }
          return Future.failedFuture(err);
        });
  }

  /** Every poll of the meeting for a snapshot: spec, status, ballots cast, the result once closed. */
  public Future<JsonArray> list(SqlClient c, MeetingId meeting) {
    return store.all(c, meeting).compose(polls -> {
      JsonArray out = new JsonArray();
      Future<Void> chain = Future.succeededFuture();
      for (PgPollStore.Stored s : polls) {
        chain = chain.compose(v -> store.ballotsCast(c, s.poll().id())
            .map(n -> {
              out.add(view(s.poll(), s.agendaItemId(), n, PgPollStore.resultJson(s.resultText())));
              return null;
            }));
      }
      return chain.map(v -> out);
    });
  }

  private static JsonObject view(Poll poll, UUID agendaItem, int ballotsCast, JsonObject result) {
    JsonObject j = new JsonObject().put("pollId", poll.id().toString()).put("spec", PollJson.specJson(poll.spec()))
        .put("status", poll.status().name()).put("ballotsCast", ballotsCast);
    if (result != null) {
      j.put("result", result);
    }
    return j;
  }

  private static Future<Void> requireActive(SqlClient tx, MeetingId meeting) {
    return LiveMeetingService.status(tx, meeting).compose(s -> s == MeetingStatus.CLOSED || s == MeetingStatus.ARCHIVED
        ? Future.failedFuture(new PlenumException(ErrorCode.CONFLICT, "The meeting is " + s + "."))
        : Future.succeededFuture());
  }
}
