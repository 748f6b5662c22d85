package org.plenum.server.vote;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.ledger.Audience;
import org.plenum.server.core.ledger.Ledger;
import org.plenum.server.core.ledger.NewEvent;
import org.plenum.server.core.Actor;
import org.plenum.server.meeting.Meetings;
import org.plenum.server.agenda.Agenda;
import org.plenum.server.core.db.Pg;
import org.plenum.server.core.MeetingId;
import org.plenum.server.meeting.MeetingStatus;
import org.plenum.server.storage.PgPollStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls of a meeting, end to end (docs/protocol.md §11, rules VT1–VT14). VT1 the chair, the secretary and
 * administrators create, open, close and cancel polls; VT2 only an OPEN poll takes ballots (POLL_NOT_OPEN), only a
 * present member with voting right (or the holder of an absent member's proxy) casts one (FORBIDDEN), and a choice
 * that does not fit is INVALID_BALLOT; VT3 the primary key on (poll, voter) decides double voting (ALREADY_VOTED);
 * VT4 a retry with the same idempotency key returns the same receipt; VT5 progress events carry counts only; VT6
 * secret polls store who voted and what was chosen apart. Each step is one ledger transaction; events are published
 * after the commit. Closing signs and stores the published list ({@link PublishedResult}) and puts its hash into the
 * ledger.
 */
public final class VoteService {
  public static final String CREATED = "poll.created";
  public static final String OPENED = "poll.opened";
  public static final String CLOSED = "poll.closed";
  public static final String CANCELLED = "poll.cancelled";
  public static final String RECORDED = "vote.recorded";
  public static final String PAPER_ENTERED = "vote.paperEntered";
  public static final String PROXY_CHANGED = "proxy.changed";
  private static final Logger LOG = LoggerFactory.getLogger(VoteService.class);

  private final Vertx vertx;
  private final Pool pool;
  private final Ledger ledger;
  private final PgPollStore store;
  private final Agenda agenda;
  private final Meetings meetings;
  private final int maxProxiesPerVoter;
  private final KeyPair resultKey;
  private final SecureRandom random = new SecureRandom();
  private final BallotBatches batches;

  public VoteService(Vertx vertx, Pool pool, Ledger ledger, PgPollStore store, Agenda agenda, Meetings meetings, int maxProxiesPerVoter,
                     KeyPair resultKey) {
    this.meetings = meetings;
    this.vertx = vertx;
    this.pool = pool;
    this.ledger = ledger;
    this.store = store;
    this.agenda = agenda;
    this.maxProxiesPerVoter = maxProxiesPerVoter;
    this.resultKey = resultKey;
    this.batches = new BallotBatches(ledger, store, maxProxiesPerVoter);
  }

  /** What a cast returns: the receipt, and the ledger seq of vote.recorded (null for a retry). */
  public record Cast(String receipt, Long seq) {}

  public Future<Ledger.Written<JsonObject>> create(Actor actor, MeetingId meeting, PollSpec spec, PollSettings settings) {
    actor.requireRunner();
    Poll poll = Poll.draft(PollId.random(), spec);
    return ledger.writeSql(meeting, actor.accountId(), (tx, head) -> requireActive(tx, meeting)
        .compose(v -> agenda.currentItem(Pg.wrap(tx), meeting))
        .compose(item -> store.insert(tx, meeting, poll, item, settings).map(v -> item))
        .map(item -> {
          JsonObject data = view(poll, item, settings, null, 0, null);
          return Ledger.Change.of(data, NewEvent.toAll(CREATED, data));
        }));
  }

  /** VT8: opening a timed poll starts its clock; the server closes it when the time is up. */
  public Future<Ledger.Written<JsonObject>> open(Actor actor, MeetingId meeting, PollId id) {
    actor.requireRunner();
    return ledger.writeSql(meeting, actor.accountId(), (tx, head) -> requireActive(tx, meeting)
        .compose(v -> store.get(tx, meeting, id))
        .compose(s -> {
          Poll opened = s.poll().open();
          return store.setStatus(tx, id, opened.status(), null).compose(closesAt -> roll(tx, meeting).map(roll -> {
            JsonObject data = view(opened, s.agendaItemId(), s.settings(), closesAt, 0, null)
                .put("quorum", quorumJson(Quorum.check(opened.spec().quorum(), roll.now().turnout())));
            return Ledger.Change.of(data, NewEvent.toAll(OPENED, data));
          }));
        }))
        .onSuccess(w -> schedule(meeting, id, w.value().getString("closesAt")));
  }

  public Future<Ledger.Written<JsonObject>> close(Actor actor, MeetingId meeting, PollId id) {
    actor.requireRunner();
    return closeAs(actor.accountId(), meeting, id);
  }

  private Future<Ledger.Written<JsonObject>> closeAs(UUID actor, MeetingId meeting, PollId id) {
    return ledger.writeSql(meeting, actor, (tx, head) -> store.get(tx, meeting, id).compose(s -> closing(tx, meeting, s)))
        .onSuccess(w -> {
          if (Secrecy.SECRET.name().equals(w.value().getJsonObject("spec").getString("secrecy"))) {
            store.vacuum(pool).onFailure(e -> LOG.warn("VACUUM of the vote tables after closing poll {} failed: {}", id, e.toString()));
          }
        });
  }

  /**
   * Counts the poll against who took part ({@link RollCall#closing}), signs the published list, and for a secret poll
   * writes its rows again in an order that says nothing (D13). The event carries the result and the list's hash;
   * a NAMED poll also shows who chose what (VT7).
   */
  private Future<Ledger.Change<JsonObject>> closing(SqlClient tx, MeetingId meeting, PgPollStore.Stored s) {
    Poll closed = s.poll().close();
    PollId id = closed.id();
    return roll(tx, meeting).compose(roll -> store.castBy(tx, id).compose(cast -> store.entries(tx, id).compose(entries -> {
      Turnout turnout = roll.closing(cast);
      PollResult result = Tally.count(closed.spec(), turnout, entries.stream().map(PublishedResult.Entry::counted).toList());
      PublishedResult published = PublishedResult.publish(id, closed.spec(), entries, result, random, resultKey);
      String publishedText = Canonical.encode(published.toJson());
      Future<Void> reordered = closed.spec().secrecy() == Secrecy.SECRET ? store.reorder(tx, id, random) : Future.succeededFuture();
      Future<List<PgPollStore.Named>> named = closed.spec().secrecy() == Secrecy.NAMED ? store.named(tx, id) : Future.succeededFuture(List.of());
      return reordered
          .compose(v -> store.setStatus(tx, id, closed.status(), result.canonicalJson()))
          .compose(v -> store.setPublished(tx, id, publishedText))
          .compose(v -> named)
          .map(votes -> {
            JsonObject data = view(closed, s.agendaItemId(), s.settings(), null, result.ballots(), result.toJson())
                .put("published", new JsonObject().put("format", PublishedResult.FORMAT).put("sha256", sha256(published.canonicalBytes()))
                    .put("algorithm", published.algorithm()).put("signature", published.signature()));
            if (!votes.isEmpty() || closed.spec().secrecy() == Secrecy.NAMED) {
              JsonArray list = new JsonArray();
              votes.forEach(n -> list.add(new JsonObject().put("voterId", n.voter().toString()).put("choice", n.choice().toJson())));
              data.put("namedVotes", list);
            }
            return Ledger.Change.of(data, NewEvent.toAll(CLOSED, data));
          });
    })));
  }

  public Future<Ledger.Written<JsonObject>> cancel(Actor actor, MeetingId meeting, PollId id) {
    actor.requireRunner();
    return ledger.writeSql(meeting, actor.accountId(), (tx, head) -> store.get(tx, meeting, id).compose(s -> {
      Poll cancelled = s.poll().cancel();
      return store.setStatus(tx, id, cancelled.status(), null).compose(v -> store.ballotsCast(tx, id)).map(n -> {
        JsonObject data = view(cancelled, s.agendaItemId(), s.settings(), null, n, null);
        return Ledger.Change.of(data, NewEvent.toAll(CANCELLED, data));
      });
    }));
  }

  /**
   * VT2–VT6, VT9: one transaction records who voted and what was chosen and appends {@code vote.recorded} (counts
   * only, no actor; a NAMED poll with LIVE visibility also says who chose what). {@code voter} is the caster
   * themself or an absent member whose active proxy they hold. A duplicate voter row fails with ALREADY_VOTED; then,
   * if the stored key digest matches this key, the cast was a retry and gets its receipt again.
   */
  public Future<Cast> cast(Actor caster, MeetingId meeting, PollId id, UUID voter, Choice choice, String idempotencyKey) {
    UUID member = voter == null ? caster.accountId() : voter;
    return record(caster.accountId(), null, meeting, id, member, choice, idempotencyKey);
  }

  /**
   * VT12: the secretary (or chair) enters the paper ballot of a member present in the hall. It counts like a ballot
   * cast on a tablet (once per member, same receipt rules); the audit entry {@code vote.paperEntered} (for those who
   * run the meeting) says who entered whose ballot, never what it says.
   */
  public Future<Cast> enterPaper(Actor secretary, MeetingId meeting, PollId id, UUID voter, Choice choice, String idempotencyKey) {
    secretary.requireRunner();
    if (voter == null) {
      throw PlenumException.badMessage("Field 'voterId' is required: whose paper ballot is this?");
    }
    return record(secretary.accountId(), secretary.accountId(), meeting, id, voter, choice, idempotencyKey);
  }

  private Future<Cast> record(UUID caster, UUID paperBy, MeetingId meeting, PollId id, UUID voter, Choice choice, String idempotencyKey) {
    return batches.submit(meeting, id, caster, paperBy, voter, choice, idempotencyKey);
  }

  /** VT10: registers (or moves) an absent member's proxy; the proxy rules are checked now (BAD_MESSAGE). */
  public Future<Ledger.Written<JsonObject>> setProxy(Actor actor, MeetingId meeting, Proxy proxy) {
    actor.requireRunner();
    return ledger.writeSql(meeting, actor.accountId(), (tx, head) -> requireActive(tx, meeting).compose(v -> roll(tx, meeting)).compose(roll -> {
      roll.checkRegistration(proxy);
      return store.putProxy(tx, meeting, proxy, actor.accountId()).compose(v -> proxyChanged(tx, meeting, proxy.from(), proxy.to()));
    }));
  }

  public Future<Ledger.Written<JsonObject>> clearProxy(Actor actor, MeetingId meeting, UUID giver) {
    actor.requireRunner();
    return ledger.writeSql(meeting, actor.accountId(), (tx, head) -> store.deleteProxy(tx, meeting, giver)
        .compose(v -> proxyChanged(tx, meeting, giver, null)));
  }

  private Future<Ledger.Change<JsonObject>> proxyChanged(SqlClient tx, MeetingId meeting, UUID giver, UUID holder) {
    return quorum(tx, meeting).map(q -> {
      JsonObject data = new JsonObject().put("giverId", giver.toString()).put("holderId", holder == null ? null : holder.toString());
      if (q != null) {
        data.put("quorum", q);
      }
      return Ledger.Change.of(data, NewEvent.toAll(PROXY_CHANGED, data));
    });
  }

  /**
   * VT11: the quorum of the meeting now, shown to the chair live: weights of members, present and represented, the
   * meeting's default rule (more than half of the members) and each open poll's rule. Null when nobody has a voting
   * right.
   */
  public Future<JsonObject> quorum(SqlClient c, MeetingId meeting) {
    return roll(c, meeting).compose(roll -> {
      if (roll.voters().isEmpty()) {
        return Future.succeededFuture(null);
      }
      Turnout t = roll.now().turnout();
      return store.open(c, meeting).map(open -> {
        JsonArray polls = new JsonArray();
        open.forEach(s -> polls.add(quorumJson(Quorum.check(s.poll().spec().quorum(), t)).put("pollId", s.poll().id().toString())));
        return new JsonObject().put("membersWeight", Decimals.text(t.membersWeight())).put("presentWeight", Decimals.text(t.presentWeight()))
            .put("representedWeight", Decimals.text(t.representedWeight()))
            .put("meeting", quorumJson(Quorum.check(QuorumRule.moreThanHalfOfMembers(), t))).put("polls", polls);
      });
    });
  }

  /** The proxies registered in the meeting, for snapshots. */
  public Future<JsonArray> proxies(SqlClient c, MeetingId meeting) {
    return store.proxies(c, meeting).map(list -> {
      JsonArray out = new JsonArray();
      list.forEach(p -> out.add(new JsonObject().put("giverId", p.from().toString()).put("holderId", p.to().toString())));
      return out;
    });
  }

  /** VT13: the signed published list of a closed poll (canonical JSON); CONFLICT before it closes. */
  public Future<String> published(MeetingId meeting, PollId id) {
    return store.read(pool, meeting, id).map(s -> {
      if (s.publishedText() == null) {
        throw new PlenumException(ErrorCode.CONFLICT, "Poll '" + s.poll().spec().title() + "' is " + s.poll().status()
            + "; its result is published when it closes.");
      }
      return s.publishedText();
    });
  }

  /** VT13: the entry of the published list with this receipt (as typed, R2); NOT_FOUND when there is none. */
  public Future<JsonObject> receipt(MeetingId meeting, PollId id, String typed) {
    if (!Receipts.isReceipt(typed)) {
      return Future.failedFuture(PlenumException.badMessage("'" + typed + "' is not a receipt code (26 characters of Crockford base32)."));
    }
    String code = Receipts.normalize(typed);
    return published(meeting, id).map(text -> {
      for (Object o : new JsonObject(text).getJsonArray("entries")) {
        JsonObject e = (JsonObject) o;
        if (code.equals(e.getString("receipt"))) {
          return new JsonObject().put("pollId", id.toString()).put("found", true).put("receipt", code)
              .put("choice", e.getJsonArray("choice")).put("weight", e.getString("weight"));
        }
      }
      throw PlenumException.notFound("Receipt " + code + " is not in the published list of this poll.");
    });
  }

  /** After a start: the clocks of timed polls that are still open (every node; the first to close wins). */
  public Future<Integer> resumeTimers() {
    return store.timed(pool).map(list -> {
      list.forEach(s -> schedule(s.meeting(), s.poll().id(), s.closesAt().toString()));
      return list.size();
    });
  }

  private void schedule(MeetingId meeting, PollId id, String closesAt) {
    if (closesAt == null) {
      return;
    }
    long delay = Math.max(1, Duration.between(OffsetDateTime.now(), OffsetDateTime.parse(closesAt)).toMillis() + 50);
    vertx.setTimer(delay, t -> closeAs(null, meeting, id).onComplete(ar -> {
      if (ar.succeeded()) {
        LOG.info("Poll {} of meeting {} closed by its time limit", id, meeting);
      } else if (!(ar.cause() instanceof PlenumException pe && pe.code() == ErrorCode.POLL_NOT_OPEN)) {
        LOG.warn("Closing poll {} at its time limit failed; it stays open for the chair to close: {}", id, ar.cause().toString());
      }
    }));
  }

  /** Every poll of the meeting for a snapshot: spec, settings, status, ballots cast, the result once closed. */
  public Future<JsonArray> list(SqlClient c, MeetingId meeting) {
    return store.all(c, meeting).compose(polls -> {
      JsonArray out = new JsonArray();
      Future<Void> chain = Future.succeededFuture();
      for (PgPollStore.Stored s : polls) {
        chain = chain.compose(v -> store.ballotsCast(c, s.poll().id())
            .map(n -> {
              out.add(view(s.poll(), s.agendaItemId(), s.settings(), s.closesAt() == null ? null : s.closesAt().toString(), n,
                  PgPollStore.resultJson(s.resultText())));
              return null;
            }));
      }
      return chain.map(v -> out);
    });
  }

  private Future<RollCall> roll(SqlClient c, MeetingId meeting) {
    return store.voters(c, meeting).compose(voters -> store.proxies(c, meeting).map(proxies -> new RollCall(voters, proxies, maxProxiesPerVoter)));
  }

  private static JsonObject view(Poll poll, UUID agendaItem, PollSettings settings, Object closesAt, int ballotsCast, JsonObject result) {
    JsonObject j = new JsonObject().put("pollId", poll.id().toString()).put("spec", PollJson.specJson(poll.spec()))
        .put("status", poll.status().name()).put("ballotsCast", ballotsCast)
        .put("durationSeconds", settings.durationSeconds()).put("namedVisibility", settings.namedVisibility().name());
    if (agendaItem != null) {
      j.put("agendaItemId", agendaItem.toString());
    }
    if (closesAt != null) {
      j.put("closesAt", closesAt.toString());
    }
    if (result != null) {
      j.put("result", result);
    }
    return j;
  }

  private static JsonObject quorumJson(Quorum q) {
    return new JsonObject().put("rule", q.ruleName()).put("required", Decimals.text(q.required())).put("counted", Decimals.text(q.present()))
        .put("reached", q.reached());
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private Future<Void> requireActive(SqlClient tx, MeetingId meeting) {
    return meetings.status(Pg.wrap(tx), meeting).compose(s -> s == MeetingStatus.CLOSED || s == MeetingStatus.ARCHIVED
        ? Future.failedFuture(new PlenumException(ErrorCode.CONFLICT, "The meeting is " + s + "."))
        : Future.succeededFuture());
  }
}
