package org.plenum.server.vote;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
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
import org.plenum.server.core.db.Tx;
import org.plenum.server.core.ledger.Ledger;

/**
 * Group commit of ballots (D14): casts for one poll that arrive while a transaction for that poll is running wait and
 * go into the next transaction together, up to {@link #MAX_BATCH}. No timer: a lone cast is written at once, a burst
 * shares one meeting lock, one commit (one disk flush) and one {@code vote.recorded}. Every cast still gets its own
 * answer, and only after the commit: a receipt, its original receipt for a retry, or its own typed error (one bad
 * ballot never fails the others). The database's keys stay the final word on exactly-once (VT3).
 *
 * <p>Within a transaction each ballot is checked against only its caster and voter (and the voter's proxy), never the
 * whole roll; rows are inserted with one statement per table, in a shuffled order.
 */
final class BallotBatches {
  static final int MAX_BATCH = 500;

  /** What a cast returns: the receipt, and the ledger seq of vote.recorded (null for a retry). */
  record Cast(String receipt, Long seq) {}

  /** One cast waiting for its transaction. {@code paperBy} is the secretary for a paper ballot, else null. */
  record Pending(UUID caster, UUID paperBy, UUID voter, Choice choice, String receipt, String digest, Promise<Cast> answer) {}

  private static final class Queue {
    final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    boolean running;
  }

  /** How one cast of a batch ended inside the transaction. */
  private record Result(String receipt, boolean recorded, PlenumException error) {}

  private final Ledger ledger;
  private final PollStore store;
  private final int maxProxiesPerVoter;
  private final SecureRandom random = new SecureRandom();
  private final Map<PollId, Queue> queues = new ConcurrentHashMap<>();
  private final BallotSeal seal;

  /** {@code /metrics}: ballots recorded and refused, ballots per transaction — counts only, never who or what (VT7). */
  private final io.micrometer.core.instrument.Counter recorded;
  private final io.micrometer.core.instrument.Counter refused;
  private final io.micrometer.core.instrument.DistributionSummary batchSize;

  BallotBatches(Ledger ledger, PollStore store, int maxProxiesPerVoter, BallotSeal seal, io.micrometer.core.instrument.MeterRegistry registry) {
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
    List<Pending> batch = new ArrayList<>();
    synchronized (q) {
      if (q.running || q.waiting.isEmpty()) {
        return;
      }
      while (!q.waiting.isEmpty() && batch.size() < MAX_BATCH) {
        batch.add(q.waiting.poll());
      }
      q.running = true;
    }
    write(meeting, poll, batch).onComplete(ar -> {
      batchSize.record(batch.size());
      if (ar.succeeded()) {
        long seq = ar.result().lastSeq();
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
      } else {
        batch.forEach(p -> p.answer().tryFail(ar.cause()));
      }
      synchronized (q) {
        q.running = false;
        if (q.waiting.isEmpty()) {
          queues.remove(poll, q);
        }
      }
      drain(meeting, poll, q);
    });
  }

  /** One transaction for the whole batch; the results are in the order of {@code batch}. */
  private Future<Ledger.Written<List<Result>>> write(MeetingId meeting, PollId id, List<Pending> batch) {
    return ledger.write(meeting, null, (tx, head) -> store.get(tx, meeting, id).compose(s -> {
      Poll poll = s.poll();
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
          .compose(proxies -> record(tx, meeting, s, batch, voters, proxies)));
    }));
  }

  private Future<Ledger.Change<List<Result>>> record(Tx tx, MeetingId meeting, PollStore.Stored s, List<Pending> batch,
                                                     List<Voter> voters, List<Proxy> proxies) {
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
    Collections.shuffle(order, random); // nothing in the physical row order follows the order of arrival
    List<Ballot> ballots = order.stream().map(valid::get).toList();
    List<String> digests = order.stream().map(i -> batch.get(i).digest()).toList();
    return store.insertVoters(tx, poll.id(), ballots, digests).compose(inserted -> {
      List<Integer> old = order.stream().filter(i -> !inserted.contains(valid.get(i).voter())).toList();
      return store.keyDigests(tx, poll.id(), old.stream().map(i -> valid.get(i).voter()).toList()).compose(stored -> {
        for (int i : old) {
          Pending p = batch.get(i);
          String d = stored.get(valid.get(i).voter());
          results[i] = p.digest() != null && p.digest().equals(d) ? new Result(p.receipt(), false, null) : new Result(null, false, alreadyVoted());
        }
        List<Integer> fresh = order.stream().filter(i -> inserted.contains(valid.get(i).voter())).toList();
        return insertBallots(tx, poll, fresh.stream().map(valid::get).toList(), fresh.stream().map(i -> batch.get(i).receipt()).toList())
            .compose(stored2 -> finish(tx, meeting, s, batch, valid, fresh, stored2, results));
      });
    });
  }

  /**
   * A NAMED poll's ballots go into {@code ballot} as they are; a SECRET poll's only sealed under the poll key (D24,
   * VT16), so nothing stored in the casting transaction, not even its {@code xmin}, joins a voter to a choice.
   */
  private Future<Set<String>> insertBallots(Tx tx, Poll poll, List<Ballot> ballots, List<String> receipts) {
    if (poll.spec().secrecy() != Secrecy.SECRET) {
      return store.insertBallots(tx, poll.id(), ballots, receipts);
    }
    Map<String, String> receiptOfTag = new HashMap<>();
    List<byte[]> tags = new ArrayList<>();
    List<byte[]> sealed = new ArrayList<>();
    for (int i = 0; i < ballots.size(); i++) {
      byte[] tag = seal.tag(poll.id(), receipts.get(i));
      receiptOfTag.put(BallotSeal.hex(tag), receipts.get(i));
      tags.add(tag);
      sealed.add(seal.seal(poll.spec(), poll.id(), new PublishedResult.Entry(receipts.get(i), ballots.get(i).choice(), ballots.get(i).weight())));
    }
    return store.insertSealed(tx, poll.id(), tags, sealed).map(fresh -> {
      Set<String> out = new HashSet<>();
      fresh.forEach(t -> out.add(receiptOfTag.get(t)));
      return out;
    });
  }

  private Future<Ledger.Change<List<Result>>> finish(Tx tx, MeetingId meeting, PollStore.Stored s, List<Pending> batch,
                                                     Map<Integer, Ballot> valid, List<Integer> fresh, Set<String> newReceipts, Result[] results) {
    Poll poll = s.poll();
    List<Integer> clashed = fresh.stream().filter(i -> !newReceipts.contains(batch.get(i).receipt())).toList();
    List<Integer> done = fresh.stream().filter(i -> newReceipts.contains(batch.get(i).receipt())).toList();
    clashed.forEach(i -> results[i] = new Result(null, false, reusedKey()));
    done.forEach(i -> results[i] = new Result(batch.get(i).receipt(), true, null));
    List<Ballot> recorded = done.stream().map(valid::get).toList();
    Future<Void> named = poll.spec().secrecy() == Secrecy.NAMED ? store.insertNamed(tx, poll.id(), recorded) : Future.succeededFuture();
    return store.deleteVoters(tx, poll.id(), clashed.stream().map(i -> valid.get(i).voter()).toList())
        .compose(v -> named)
        .compose(v -> recorded.isEmpty() ? Future.succeededFuture(List.<VoteEvent>of()) : progress(tx, meeting, s, batch, done, valid))
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
