package org.plenum.server.vote;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.Actor;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.db.Tx;
import org.plenum.server.core.ledger.Ledger;

/**
 * Group commit of ballots (D14, D47): casts for one poll that arrive while its transactions are running wait and go
 * into the next transaction together, up to {@link #MAX_BATCH}. No timer: a lone cast is written at once. Every cast
 * still gets its own answer, and only after the commit: a receipt, its original receipt for a retry, or its own typed
 * error (one bad ballot never fails the others). The database's keys stay the final word on exactly-once (VT3).
 *
 * <p>D47: a batch of tablet ballots commits WITHOUT the meeting's clock lock: its transaction holds the poll row
 * {@code FOR SHARE} (closing, opening and cancelling take it {@code FOR UPDATE}, so a close waits for the batches in
 * flight and every later batch sees the poll closed) and writes ballot rows and receipts only. Up to
 * {@link #MAX_IN_FLIGHT} batches of one poll are in flight at once, so PostgreSQL's group commit overlaps their disk
 * flushes. The progress event {@code vote.recorded} (counts only, VT5) is appended after the commits by its own ledger
 * write, at most one in flight per poll, coalescing every batch that committed meanwhile; the ack of such a ballot
 * carries {@code seq} null. A batch with a paper ballot (its audit event {@code vote.paperEntered} must commit with
 * it), a NAMED poll with LIVE visibility (its {@code vote.recorded} names who chose what, batch by batch) and the
 * first batch of a poll this process has not seen yet (it learns the poll's kind) still go through
 * {@link Ledger#write}: they hold the meeting lock, carry their {@code vote.recorded} and ack its seq, as before.
 *
 * <p>Within a transaction each ballot is checked against only its caster and voter (and the voter's proxy), never the
 * whole roll; rows are inserted with one statement per table, each in the order of its key (voter id, receipt, tag:
 * nothing in it follows the order of arrival), so batches in flight together that touch the same key wait for each
 * other in one order and never deadlock.
 */
final class BallotBatches {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BallotBatches.class);
  static final int MAX_BATCH = 500;
  /** D47: batches of one poll committing at once (each holds a pooled connection; the pool has 8 by default). */
  static final int MAX_IN_FLIGHT = 4;
  /** D47: the least time between two vote.recorded of one poll while ballots keep coming (each goes to every socket). */
  static final long PROGRESS_INTERVAL_MS = 100;

  /** What a cast returns: the receipt, and the ledger seq of its vote.recorded (null for a retry, and under D47). */
  record Cast(String receipt, Long seq) {}

  /** One cast waiting for its transaction. {@code paperBy} is the secretary for a paper ballot, else null. */
  record Pending(UUID caster, UUID paperBy, UUID voter, Choice choice, String receipt, String digest, Promise<Cast> answer) {}

  private static final class Queue {
    final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    int inFlight;
  }

  /** D47: one vote.recorded write in flight per poll; {@code again}: more ballots committed since it began. */
  private static final class Progress {
    boolean running;
    boolean again;
  }

  /** How one cast of a batch ended inside the transaction. */
  private record Result(String receipt, boolean recorded, PlenumException error) {}

  private final Database db;
  private final Ledger ledger;
  private final PollStore store;
  private final int maxProxiesPerVoter;
  private final Map<PollId, Queue> queues = new ConcurrentHashMap<>();
  private final Map<PollId, Progress> progress = new ConcurrentHashMap<>();
  /** D47: per poll seen by this process, whether its tablet ballots may commit without the meeting lock. */
  private final Map<PollId, Boolean> unlocked = new ConcurrentHashMap<>();
  private final BallotSeal seal;

  /** {@code /metrics}: ballots recorded and refused, ballots per transaction — counts only, never who or what (VT7). */
  private final io.micrometer.core.instrument.Counter recorded;
  private final io.micrometer.core.instrument.Counter refused;
  private final io.micrometer.core.instrument.DistributionSummary batchSize;
  private final io.micrometer.core.instrument.DistributionSummary inFlight;

  private final io.vertx.core.Vertx vertx;

  BallotBatches(io.vertx.core.Vertx vertx, Database db, Ledger ledger, PollStore store, int maxProxiesPerVoter, BallotSeal seal,
                io.micrometer.core.instrument.MeterRegistry registry) {
    this.vertx = vertx;
    this.db = db;
    this.ledger = ledger;
    this.store = store;
    this.maxProxiesPerVoter = maxProxiesPerVoter;
    this.seal = seal;
    this.recorded = io.micrometer.core.instrument.Counter.builder("plenum_ballots_recorded").description("Ballots recorded (committed)")
        .register(registry);
    this.refused = io.micrometer.core.instrument.Counter.builder("plenum_ballots_refused")
        .description("Casts answered with an error (already voted, not eligible, poll closed, ...)").register(registry);
    this.batchSize = io.micrometer.core.instrument.DistributionSummary.builder("plenum_ballot_batch_size")
        .description("Casts written in one transaction (D14)").register(registry);
    this.inFlight = io.micrometer.core.instrument.DistributionSummary.builder("plenum_ballot_batches_in_flight")
        .description("Batches of the same poll in flight when a batch starts, itself included (D47)").register(registry);
  }

  /**
   * VT2–VT6, VT9: records who voted and what was chosen and appends {@code vote.recorded} (counts only, no actor; a
   * NAMED poll with LIVE visibility also says who chose what). {@code voter} (null: the caster) is the caster themself
   * or an absent member whose active proxy they hold. A second ballot for the same voter is ALREADY_VOTED; a retry
   * with the same idempotency key gets its receipt again.
   */
  Future<Cast> cast(Actor caster, MeetingId meeting, PollId id, UUID voter, Choice choice, String idempotencyKey) {
    return submit(meeting, id, caster.accountId(), null, voter == null ? caster.accountId() : voter, choice, idempotencyKey);
  }

  /**
   * VT12: the secretary (or chair) enters the paper ballot of a member present in the hall. It counts like a ballot
   * cast on a tablet (once per member, same receipt rules); the audit entry {@code vote.paperEntered} (for those who
   * run the meeting) says who entered whose ballot, never what it says.
   */
  Future<Cast> enterPaper(Actor secretary, MeetingId meeting, PollId id, UUID voter, Choice choice, String idempotencyKey) {
    secretary.requireRunner();
    if (voter == null) {
      throw PlenumException.badMessage("Field 'voterId' is required: whose paper ballot is this?");
    }
    return submit(meeting, id, secretary.accountId(), secretary.accountId(), voter, choice, idempotencyKey);
  }

  private Future<Cast> submit(MeetingId meeting, PollId poll, UUID caster, UUID paperBy, UUID voter, Choice choice, String idempotencyKey) {
    String receipt = idempotencyKey == null ? Receipts.newCode() : Receipts.fromIdempotencyKey(poll, idempotencyKey);
    String digest = idempotencyKey == null ? null : Receipts.keyDigest(poll, idempotencyKey);
    Promise<Cast> answer = Promise.promise();
    Queue q = queues.computeIfAbsent(poll, k -> new Queue());
    synchronized (q) {
      q.waiting.add(new Pending(caster, paperBy, voter, choice, receipt, digest, answer));
    }
    drain(meeting, poll, q);
    return answer.future();
  }

  private void drain(MeetingId meeting, PollId poll, Queue q) {
    while (true) {
      List<Pending> batch = new ArrayList<>();
      boolean locked;
      synchronized (q) {
        boolean fast = Boolean.TRUE.equals(unlocked.get(poll));
        if (q.waiting.isEmpty() || q.inFlight >= (fast ? MAX_IN_FLIGHT : 1)) {
          return;
        }
        while (!q.waiting.isEmpty() && batch.size() < MAX_BATCH) {
          batch.add(q.waiting.poll());
        }
        locked = !fast || batch.stream().anyMatch(p -> p.paperBy() != null);
        q.inFlight++;
        inFlight.record(q.inFlight);
      }
      Future<Ledger.Written<List<Result>>> written = locked ? ledger.write(meeting, null, (tx, head) -> write(tx, meeting, poll, batch, true))
          : db.inTransaction(tx -> write(tx, meeting, poll, batch, false)).map(c -> new Ledger.Written<>(c.value(), List.of()));
      written.onComplete(ar -> {
        answer(batch, ar);
        if (!locked && ar.succeeded() && ar.result().value().stream().anyMatch(Result::recorded)) {
          announce(meeting, poll);
        }
        synchronized (q) {
          q.inFlight--;
          if (q.inFlight == 0 && q.waiting.isEmpty()) {
            queues.remove(poll, q);
          }
        }
        drain(meeting, poll, q);
      });
    }
  }

  private void answer(List<Pending> batch, io.vertx.core.AsyncResult<Ledger.Written<List<Result>>> ar) {
    batchSize.record(batch.size());
    if (ar.failed()) {
      batch.forEach(p -> p.answer().tryFail(ar.cause()));
      return;
    }
    Long seq = ar.result().events().isEmpty() ? null : ar.result().lastSeq();
    List<Result> results = ar.result().value();
    for (int i = 0; i < batch.size(); i++) {
      Result r = results.get(i);
      if (r.error() != null) {
        refused.increment();
        batch.get(i).answer().fail(r.error());
      } else {
        if (r.recorded()) {
          recorded.increment();
        }
        batch.get(i).answer().complete(new Cast(r.receipt(), r.recorded() ? seq : null));
      }
    }
  }

  /**
   * D47: appends one {@code vote.recorded} (counts only, no actor) for the ballots that committed without the meeting
   * lock. One write in flight per poll; ballots committed meanwhile are covered by one more write
   * {@link #PROGRESS_INTERVAL_MS} after it. A poll no
   * longer open gets none ({@code poll.closed} carries its count).
   */
  private void announce(MeetingId meeting, PollId poll) {
    Progress p = progress.computeIfAbsent(poll, k -> new Progress());
    synchronized (p) {
      if (p.running) {
        p.again = true;
        return;
      }
      p.running = true;
    }
    writeProgress(meeting, poll, p);
  }

  private void writeProgress(MeetingId meeting, PollId poll, Progress p) {
    ledger.write(meeting, null, (tx, head) -> store.read(tx, meeting, poll).compose(s -> s.poll().status() != PollStatus.OPEN
            ? Future.succeededFuture(new Ledger.Change<Void>(null, List.of()))
            : store.ballotsCast(tx, poll).compose(n -> store.eligibleWeight(tx, meeting)
                .map(eligible -> new Ledger.Change<Void>(null, List.of(new VoteEvent.Recorded(poll.value(), n, Decimals.text(eligible), null)))))))
        .onComplete(ar -> {
          if (ar.failed()) {
            LOG.warn("Progress (vote.recorded) of poll {} was not written; the next ballot or the close brings the count: {}", poll,
                ar.cause().toString());
          }
          boolean again;
          synchronized (p) {
            again = p.again;
            p.again = false;
            if (!again) {
              p.running = false;
              progress.remove(poll, p);
            }
          }
          if (again) { // more ballots committed meanwhile: one more event, a moment later, covers them all (still "running")
            vertx.setTimer(PROGRESS_INTERVAL_MS, t -> writeProgress(meeting, poll, p));
          }
        });
  }

  /**
   * One transaction for the whole batch; the results are in the order of {@code batch}. The poll row is held FOR SHARE
   * (D47): a close waits for this batch, and a batch after a close sees it closed. {@code withProgress}: the batch runs
   * inside {@link Ledger#write} and carries its own {@code vote.recorded}.
   */
  private Future<Ledger.Change<List<Result>>> write(Tx tx, MeetingId meeting, PollId id, List<Pending> batch, boolean withProgress) {
    return store.share(tx, meeting, id).compose(s -> {
      Poll poll = s.poll();
      unlocked.put(id, !(poll.spec().secrecy() == Secrecy.NAMED && s.settings().namedVisibility() == NamedVisibility.LIVE));
      if (poll.status() != PollStatus.OPEN || s.expired()) {
        throw new PlenumException(ErrorCode.POLL_NOT_OPEN, "Poll '" + poll.spec().title() + "' is not open ("
            + (s.expired() ? "its time is up" : poll.status()) + ").");
      }
      Set<UUID> people = new HashSet<>();
      batch.forEach(p -> {
        people.add(p.caster());
        people.add(p.voter());
      });
      Future<Void> key = poll.spec().secrecy() == Secrecy.SECRET ? seal.load(store, tx, poll.id()) : Future.succeededFuture();
      return key.compose(k -> store.votersAmong(tx, meeting, people)).compose(voters -> store.proxiesFrom(tx, meeting, people)
          .compose(proxies -> record(tx, meeting, s, batch, voters, proxies, withProgress)));
    });
  }

  private Future<Ledger.Change<List<Result>>> record(Tx tx, MeetingId meeting, PollStore.Stored s, List<Pending> batch,
                                                     List<Voter> voters, List<Proxy> proxies, boolean withProgress) {
    Poll poll = s.poll();
    Map<UUID, Voter> members = new HashMap<>();
    voters.forEach(v -> members.put(v.accountId(), v));
    Map<UUID, UUID> holderOf = new HashMap<>();
    proxies.forEach(p -> holderOf.put(p.from(), p.to()));
    Result[] results = new Result[batch.size()];
    Map<UUID, Integer> firstByVoter = new HashMap<>();
    Set<String> receipts = new HashSet<>();
    Map<Integer, Ballot> valid = new LinkedHashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      Pending p = batch.get(i);
      try {
        Ballot b = check(poll, p, members, holderOf);
        Integer first = firstByVoter.putIfAbsent(b.voter(), i);
        if (first != null) { // the same member twice in one batch: a racing retry or a second device
          Pending earlier = batch.get(first);
          results[i] = p.digest() != null && p.digest().equals(earlier.digest()) ? new Result(p.receipt(), false, null)
              : new Result(null, false, alreadyVoted());
        } else if (!receipts.add(p.receipt())) {
          results[i] = new Result(null, false, reusedKey());
        } else {
          valid.put(i, b);
        }
      } catch (PlenumException e) {
        results[i] = new Result(null, false, e);
      }
    }
    List<Integer> order = new ArrayList<>(valid.keySet());
    // voter rows in the order of voter id: nothing in it follows the order of arrival, and batches in flight together
    // that meet on a voter (a retry, a second device) wait for each other in one order, never in a cycle (D47)
    order.sort(java.util.Comparator.comparing(i -> valid.get(i).voter()));
    List<Ballot> ballots = order.stream().map(valid::get).toList();
    List<String> digests = order.stream().map(i -> batch.get(i).digest()).toList();
    return store.insertVoters(tx, poll.id(), ballots, digests).compose(inserted -> {
      List<Integer> old = order.stream().filter(i -> !inserted.contains(valid.get(i).voter())).toList();
      Future<Map<UUID, String>> digestsOfOld = old.isEmpty() ? Future.succeededFuture(Map.of()) // the usual case: one round trip less
          : store.keyDigests(tx, poll.id(), old.stream().map(i -> valid.get(i).voter()).toList());
      return digestsOfOld.compose(stored -> {
        for (int i : old) {
          Pending p = batch.get(i);
          String d = stored.get(valid.get(i).voter());
          results[i] = p.digest() != null && p.digest().equals(d) ? new Result(p.receipt(), false, null) : new Result(null, false, alreadyVoted());
        }
        List<Integer> fresh = order.stream().filter(i -> inserted.contains(valid.get(i).voter())).toList();
        return insertBallots(tx, poll, fresh.stream().map(valid::get).toList(), fresh.stream().map(i -> batch.get(i).receipt()).toList())
            .compose(stored2 -> finish(tx, meeting, s, batch, valid, fresh, stored2, results, withProgress));
      });
    });
  }

  /**
   * A NAMED poll's ballots go into {@code ballot} as they are; a SECRET poll's only sealed under the poll key (D24,
   * VT16), so nothing stored in the casting transaction, not even its {@code xmin}, joins a voter to a choice.
   */
  private Future<Set<String>> insertBallots(Tx tx, Poll poll, List<Ballot> ballots, List<String> receipts) {
    if (poll.spec().secrecy() != Secrecy.SECRET) {
      List<Integer> byReceipt = new ArrayList<>();
      for (int i = 0; i < ballots.size(); i++) {
        byReceipt.add(i);
      }
      byReceipt.sort(java.util.Comparator.comparing(receipts::get)); // key order (D47), not the voters' order
      return store.insertBallots(tx, poll.id(), byReceipt.stream().map(ballots::get).toList(), byReceipt.stream().map(receipts::get).toList());
    }
    Map<String, String> receiptOfTag = new java.util.TreeMap<>(); // by tag: the rows go in in key order (D47)
    Map<String, Integer> indexOfTag = new HashMap<>();
    for (int i = 0; i < ballots.size(); i++) {
      String tag = BallotSeal.hex(seal.tag(poll.id(), receipts.get(i)));
      receiptOfTag.put(tag, receipts.get(i));
      indexOfTag.put(tag, i);
    }
    List<byte[]> tags = new ArrayList<>();
    List<byte[]> sealed = new ArrayList<>();
    for (String t : receiptOfTag.keySet()) {
      int i = indexOfTag.get(t);
      tags.add(java.util.HexFormat.of().parseHex(t));
      sealed.add(seal.seal(poll.spec(), poll.id(), new PublishedResult.Entry(receipts.get(i), ballots.get(i).choice(), ballots.get(i).weight())));
    }
    return store.insertSealed(tx, poll.id(), tags, sealed).map(fresh -> {
      Set<String> out = new HashSet<>();
      fresh.forEach(t -> out.add(receiptOfTag.get(t)));
      return out;
    });
  }

  private Future<Ledger.Change<List<Result>>> finish(Tx tx, MeetingId meeting, PollStore.Stored s, List<Pending> batch,
                                                     Map<Integer, Ballot> valid, List<Integer> fresh, Set<String> newReceipts, Result[] results,
                                                     boolean withProgress) {
    Poll poll = s.poll();
    List<Integer> clashed = fresh.stream().filter(i -> !newReceipts.contains(batch.get(i).receipt())).toList();
    List<Integer> done = fresh.stream().filter(i -> newReceipts.contains(batch.get(i).receipt())).toList();
    clashed.forEach(i -> results[i] = new Result(null, false, reusedKey()));
    done.forEach(i -> results[i] = new Result(batch.get(i).receipt(), true, null));
    List<Ballot> recorded = done.stream().map(valid::get).toList();
    Future<Void> named = poll.spec().secrecy() == Secrecy.NAMED ? store.insertNamed(tx, poll.id(), recorded) : Future.succeededFuture();
    return store.deleteVoters(tx, poll.id(), clashed.stream().map(i -> valid.get(i).voter()).toList())
        .compose(v -> named)
        .compose(v -> recorded.isEmpty() || !withProgress ? Future.succeededFuture(List.<VoteEvent>of()) : progress(tx, meeting, s, batch, done, valid))
        .map(events -> new Ledger.Change<>(List.of(results), events));
  }

  /** Paper audit entries first, then one vote.recorded: the seq in every ack is that of vote.recorded, which all may see. */
  private Future<List<VoteEvent>> progress(Tx tx, MeetingId meeting, PollStore.Stored s, List<Pending> batch, List<Integer> done,
                                           Map<Integer, Ballot> valid) {
    Poll poll = s.poll();
    return store.ballotsCast(tx, poll.id()).compose(n -> store.eligibleWeight(tx, meeting).map(eligible -> {
      List<VoteEvent> events = new ArrayList<>();
      done.stream().filter(i -> batch.get(i).paperBy() != null).sorted().forEach(i ->
          events.add(new VoteEvent.PaperEntered(poll.id().value(), valid.get(i).voter(), batch.get(i).paperBy())));
      JsonArray votes = null;
      if (poll.spec().secrecy() == Secrecy.NAMED && s.settings().namedVisibility() == NamedVisibility.LIVE) {
        JsonArray named = new JsonArray();
        done.stream().sorted().forEach(i -> named.add(new JsonObject().put("voterId", valid.get(i).voter().toString())
            .put("choice", valid.get(i).choice().toJson())));
        votes = named;
      }
      events.add(new VoteEvent.Recorded(poll.id().value(), n, Decimals.text(eligible), votes));
      return events;
    }));
  }

  /** V10 for one cast, against only the people it involves: its caster, its voter and the voter's proxy if active. */
  private Ballot check(Poll poll, Pending p, Map<UUID, Voter> members, Map<UUID, UUID> holderOf) {
    List<Voter> involved = new ArrayList<>();
    for (UUID id : p.caster().equals(p.voter()) ? List.of(p.voter()) : List.of(p.caster(), p.voter())) {
      if (members.containsKey(id)) {
        involved.add(members.get(id));
      }
    }
    if (involved.isEmpty()) {
      throw PlenumException.forbidden("Account " + p.voter() + " is not eligible to vote: not a member with voting right.");
    }
    List<Proxy> active = new ArrayList<>();
    UUID holder = holderOf.get(p.voter());
    if (holder != null && holder.equals(p.caster()) && members.containsKey(holder) && members.containsKey(p.voter())
        && members.get(holder).isPresent() && !members.get(p.voter()).isPresent()) {
      active.add(new Proxy(p.voter(), holder));
    }
    Eligibility e = Eligibility.of(involved, active, Math.max(1, maxProxiesPerVoter));
    if (p.paperBy() == null) {
      return poll.ballotFor(e, p.caster(), p.voter(), p.choice());
    }
    return new Ballot(poll.id(), p.voter(), p.paperBy(), poll.spec().validate(p.choice()), e.weightFor(p.voter(), p.voter()));
  }

  private static PlenumException alreadyVoted() {
    return new PlenumException(ErrorCode.ALREADY_VOTED, "This member has already voted in this poll.");
  }

  private static PlenumException reusedKey() {
    return PlenumException.badMessage("This idempotency key was already used for another ballot; use a new key per ballot.");
  }
}
