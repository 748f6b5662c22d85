package org.plenum.server.vote;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.plenum.server.agenda.Agenda;
import org.plenum.server.core.Actor;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.db.Tx;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.ledger.Ledger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of a poll (docs/protocol.md §11): VT1 the chair, the secretary and administrators create, open, close and
 * cancel polls; VT8 a timed poll closes itself when its time is up; closing counts the ballots against who took part,
 * signs and stores the published list ({@link PublishedResult}) and puts its hash into the ledger (VT13), and for a
 * secret poll writes its rows again in an order that says nothing (D13). Each step is one ledger transaction; events
 * are published after the commit.
 */
final class PollService {
  private static final Logger LOG = LoggerFactory.getLogger(PollService.class);

  private final Vertx vertx;
  private final Database db;
  private final Ledger ledger;
  private final PollStore store;
  private final Agenda agenda;
  private final VoteRoll roll;
  private final KeyPair resultKey;
  private final SecureRandom random = new SecureRandom();
  private final BallotSeal seal;
  private final int maxUnitEntries;

  PollService(Vertx vertx, Database db, Ledger ledger, PollStore store, Agenda agenda, VoteRoll roll, KeyPair resultKey, BallotSeal seal,
              int maxUnitEntries) {
    this.seal = seal;
    this.maxUnitEntries = maxUnitEntries;
    this.vertx = vertx;
    this.db = db;
    this.ledger = ledger;
    this.store = store;
    this.agenda = agenda;
    this.roll = roll;
    this.resultKey = resultKey;
  }

  Future<Ledger.Written<VoteEvent.PollCreated>> create(Actor actor, MeetingId meeting, PollSpec spec, PollSettings settings) {
    actor.requireRunner();
    Poll poll = Poll.draft(PollId.random(), spec);
    return ledger.write(meeting, actor.accountId(), (tx, head) -> roll.requireActive(tx, meeting)
        .compose(v -> agenda.currentItem(tx, meeting))
        .compose(item -> store.insert(tx, meeting, poll, item, settings).map(v -> item))
        .map(item -> change(new VoteEvent.PollCreated(poll.id().value(), PollJson.specJson(spec), poll.status(), 0, settings.durationSeconds(),
            settings.namedVisibility(), item))));
  }

  /** VT8: opening a timed poll starts its clock; the server closes it when the time is up. */
  Future<Ledger.Written<VoteEvent.PollOpened>> open(Actor actor, MeetingId meeting, PollId id) {
    actor.requireRunner();
    return ledger.write(meeting, actor.accountId(), (tx, head) -> roll.requireActive(tx, meeting)
        .compose(v -> store.get(tx, meeting, id))
        .compose(s -> {
          Poll opened = s.poll().open();
          Future<Void> sealed = opened.spec().secrecy() == Secrecy.SECRET ? sealKey(tx, meeting, id) : Future.succeededFuture();
          return sealed.compose(k -> store.setStatus(tx, id, opened.status(), null)).compose(closesAt -> roll.of(tx, meeting).map(r -> change(
              new VoteEvent.PollOpened(id.value(), PollJson.specJson(opened.spec()), opened.status(), 0, s.settings().durationSeconds(),
                  s.settings().namedVisibility(), s.agendaItemId(), closesAt == null ? null : closesAt.toString(),
                  VoteRoll.quorumJson(Quorum.check(opened.spec().quorum(), r.now().turnout()))))));
        }))
        .onSuccess(w -> schedule(meeting, id, w.value().closesAt()));
  }

  /**
   * D24: a SECRET poll gets its ballot key when it opens (kept in memory, stored only wrapped under the master key).
   * Its members' weights must fit the unit entries it will publish ({@code votes.secret_max_unit_entries}).
   */
  private Future<Void> sealKey(Tx tx, MeetingId meeting, PollId id) {
    return store.voters(tx, meeting).compose(voters -> {
      long units = UnitBallots.count(voters.stream().map(Voter::weight).toList());
      if (units > maxUnitEntries) {
        throw PlenumException.badMessage("A secret poll publishes each ballot as entries of one common weight unit; these members' vote "
            + "weights would need " + units + " entries, more than votes.secret_max_unit_entries (" + maxUnitEntries
            + "). Use a named poll or coarser weights.");
      }
      return store.setSealedKey(tx, id, seal.newPollKey(id));
    });
  }

  Future<Ledger.Written<VoteEvent.PollClosed>> close(Actor actor, MeetingId meeting, PollId id) {
    actor.requireRunner();
    return closeAs(actor.accountId(), meeting, id);
  }

  private Future<Ledger.Written<VoteEvent.PollClosed>> closeAs(UUID actor, MeetingId meeting, PollId id) {
    return ledger.write(meeting, actor, (tx, head) -> store.get(tx, meeting, id).compose(s -> closing(tx, meeting, s)))
        .onSuccess(w -> {
          if (Secrecy.SECRET.name().equals(w.value().spec().getString("secrecy"))) {
            seal.erase(id);
            store.vacuum(db.auto()).onFailure(e -> LOG.warn("VACUUM of the vote tables after closing poll {} failed: {}", id, e.toString()));
          }
        });
  }

  /**
   * Counts the poll against who took part ({@link RollCall#closing}), signs the published list, and for a secret poll
   * writes its rows again in an order that says nothing (D13). The event carries the result and the list's hash;
   * a NAMED poll also shows who chose what (VT7).
   */
  private Future<Ledger.Change<VoteEvent.PollClosed>> closing(Tx tx, MeetingId meeting, PollStore.Stored s) {
    Poll closed = s.poll().close();
    PollId id = closed.id();
    boolean named = closed.spec().secrecy() == Secrecy.NAMED;
    return roll.of(tx, meeting).compose(r -> store.castBy(tx, id).compose(cast -> ballots(tx, closed).compose(entries -> {
      Turnout turnout = r.closing(cast);
      // Counting, shuffling and signing thousands of entries is CPU work: a worker thread does it, so the event loop
      // keeps serving the sockets it holds meanwhile (D41).
      return vertx.executeBlocking(() -> {
        PollResult counted = Tally.count(closed.spec(), turnout, entries.stream().map(PublishedResult.Entry::counted).toList());
        return PublishedResult.publish(id, closed.spec(), entries, counted, random, resultKey);
      }, false).compose(published -> closed(tx, s, closed, named, cast.size(), published));
    })));
  }

  private Future<Ledger.Change<VoteEvent.PollClosed>> closed(Tx tx, PollStore.Stored s, Poll closed, boolean named, int castCount,
                                                            PublishedResult published) {
    PollId id = closed.id();
    PollResult result = published.result();
    String publishedText = Canonical.encode(published.toJson());
    Future<Void> rewritten = named ? Future.succeededFuture() : store.deleteSealed(tx, id)
        .compose(v -> store.insertEntries(tx, id, published.entries()))
        .compose(v -> store.setSealedKey(tx, id, null))
        .compose(v -> store.reorder(tx, id, random));
    return rewritten
        .compose(v -> store.setStatus(tx, id, closed.status(), result.canonicalJson()))
        .compose(v -> store.setPublished(tx, id, publishedText))
        .compose(v -> named ? store.named(tx, id) : Future.succeededFuture(List.<PollStore.Named>of()))
        .map(votes -> {
          JsonObject hash = new JsonObject().put("format", PublishedResult.FORMAT).put("sha256", sha256(published.canonicalBytes()))
              .put("algorithm", published.algorithm()).put("signature", published.signature());
          JsonArray namedVotes = new JsonArray();
          votes.forEach(n -> namedVotes.add(new JsonObject().put("voterId", n.voter().toString()).put("choice", n.choice().toJson())));
          return change(new VoteEvent.PollClosed(id.value(), PollJson.specJson(closed.spec()), closed.status(), castCount,
              s.settings().durationSeconds(), s.settings().namedVisibility(), s.agendaItemId(), result.toJson(), hash,
              named ? namedVotes : null));
        });
  }

  /**
   * The entries to count and publish. NAMED: the ballot rows. SECRET (D24): the sealed ballots opened with the poll
   * key, each split into unit entries so that no entry shows a weight ({@link UnitBallots}).
   */
  private Future<List<PublishedResult.Entry>> ballots(Tx tx, Poll poll) {
    if (poll.spec().secrecy() != Secrecy.SECRET) {
      return store.entries(tx, poll.id());
    }
    return seal.load(store, tx, poll.id()).compose(v -> store.sealedBallots(tx, poll.id()))
        .map(sealed -> UnitBallots.split(poll.id(), sealed.stream().map(b -> seal.open(poll.id(), b)).toList()));
  }

  Future<Ledger.Written<VoteEvent.PollCancelled>> cancel(Actor actor, MeetingId meeting, PollId id) {
    actor.requireRunner();
    return ledger.write(meeting, actor.accountId(), (tx, head) -> store.get(tx, meeting, id).compose(s -> {
      Poll cancelled = s.poll().cancel();
      Future<Void> erased = cancelled.spec().secrecy() == Secrecy.SECRET
          ? store.deleteSealed(tx, id).compose(v -> store.setSealedKey(tx, id, null)) : Future.succeededFuture();
      return erased.compose(v -> store.setStatus(tx, id, cancelled.status(), null)).compose(v -> store.ballotsCast(tx, id)).map(n -> change(
          new VoteEvent.PollCancelled(id.value(), PollJson.specJson(cancelled.spec()), cancelled.status(), n, s.settings().durationSeconds(),
              s.settings().namedVisibility(), s.agendaItemId())));
    })).onSuccess(w -> seal.erase(id));
  }

  private static <E extends VoteEvent> Ledger.Change<E> change(E event) {
    return Ledger.Change.of(event, event);
  }

  /** After a start: the clocks of timed polls that are still open (every node; the first to close wins). */
  Future<Integer> resumeTimers() {
    return store.timed(db.auto()).map(list -> {
      list.forEach(s -> schedule(s.meeting(), s.poll().id(), s.closesAt().toString()));
      return list.size();
    });
  }

  /** Every open poll with a closing time, in every meeting (for the owner of the poll clocks, CL3). */
  Future<java.util.List<PollStore.Stored>> openTimed() {
    return store.timed(db.auto());
  }

  void schedule(MeetingId meeting, PollId id, String closesAt) {
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
  Future<JsonArray> list(Tx tx, MeetingId meeting) {
    return store.all(tx, meeting).compose(polls -> {
      JsonArray out = new JsonArray();
      Future<Void> chain = Future.succeededFuture();
      for (PollStore.Stored s : polls) {
        chain = chain.compose(v -> store.ballotsCast(tx, s.poll().id()).map(n -> {
          out.add(view(s, n));
          return null;
        }));
      }
      return chain.map(v -> out);
    });
  }

  /** A poll as the snapshot lists it: the fields of its events, {@code closesAt} and {@code result} when it has them. */
  private static JsonObject view(PollStore.Stored s, int ballotsCast) {
    Poll poll = s.poll();
    JsonObject j = new JsonObject().put("pollId", poll.id().toString()).put("spec", PollJson.specJson(poll.spec()))
        .put("status", poll.status().name()).put("ballotsCast", ballotsCast)
        .put("durationSeconds", s.settings().durationSeconds()).put("namedVisibility", s.settings().namedVisibility().name());
    if (s.agendaItemId() != null) {
      j.put("agendaItemId", s.agendaItemId().toString());
    }
    if (s.closesAt() != null) {
      j.put("closesAt", s.closesAt().toString());
    }
    if (s.resultText() != null) {
      j.put("result", new JsonObject(s.resultText()));
    }
    return j;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
