package org.plenum.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The measured phase: the chair opens a yes/no/abstain poll; each of the N voters sends {@code vote.cast} at its
 * own scheduled time, the N times spread evenly over {@code window} (open loop: a late reply never delays the next
 * send); the latency of a ballot is from its scheduled time (not its actual send, so a stalled sender cannot hide
 * queueing: no coordinated omission) to its ack. Then the chair closes the poll and the count is checked against the
 * published tally and the tables.
 */
final class BallotBurst {
  private static final String[] OPTIONS = {"YES", "NO", "ABSTAIN"};
  private static final long REPLY_DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(60);

  /** One burst's outcome. Latencies in microseconds. */
  record Result(String secrecy, int voters, Histogram latencyMicros, int acks, Map<String, Integer> errors, double ballotsPerSecond,
                double sendSpreadMs, String countCheck, boolean countOk, Cpu.Usage cpu, long framesToVoters) {}

  private BallotBurst() {}

  static Result run(BenchMeeting m, Pool db, String secrecy, int run, long windowNanos, Cpu cpu) {
    int n = m.voters.size();
    JsonObject spec = new JsonObject().put("title", "Bench " + run + " " + secrecy).put("kind", "YES_NO_ABSTAIN").put("secrecy", secrecy);
    MeetingSocket.Reply created = BenchMeeting.require(m.chair.command("poll.create", spec).await(), "poll.create");
    String pollId = m.chair.event(created.frame().getLong("seq")).await().getJsonObject("data").getString("pollId");
    MeetingSocket.Reply opened = BenchMeeting.require(m.chair.command("poll.open", new JsonObject().put("pollId", pollId)).await(), "poll.open");
    m.chair.event(opened.frame().getLong("seq")).await();
    sleep(500); // let poll.opened reach every socket

    Random random = new Random(run);
    String[] choice = new String[n];
    String[] text = new String[n];
    String[] requestId = new String[n];
    for (int i = 0; i < n; i++) {
      choice[i] = OPTIONS[random.nextInt(OPTIONS.length)];
      requestId[i] = "b" + run + "-" + i;
      text[i] = new JsonObject().put("type", "vote.cast").put("requestId", requestId[i]).put("pollId", pollId)
          .put("choice", new JsonArray().add(choice[i])).put("idempotencyKey", UUID.randomUUID().toString()).encode();
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    Collections.shuffle(order, random);

    long[] scheduled = new long[n];
    long[] sent = new long[n];
    long[] received = new long[n];
    String[] outcome = new String[n];
    CountDownLatch replies = new CountDownLatch(n);
    long framesBefore = m.voters.stream().mapToLong(MeetingSocket::frames).sum();
    Cpu.Mark before = cpu.mark();
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
    for (int k = 0; k < n; k++) {
      scheduled[order.get(k)] = start + (n == 1 ? 0 : k * windowNanos / n);
    }
    for (int k = 0; k < n; k++) {
      int i = order.get(k);
      waitUntil(scheduled[i]);
      sent[i] = System.nanoTime();
      m.voters.get(i).send(requestId[i], text[i]).onComplete(ar -> {
        if (ar.succeeded()) {
          received[i] = ar.result().receivedNanos();
          outcome[i] = ar.result().ok() ? "ack" : ar.result().code();
        } else {
          received[i] = System.nanoTime();
          outcome[i] = "SOCKET_CLOSED";
        }
        replies.countDown();
      });
    }
    long lastSend = System.nanoTime();
    try {
      replies.await(Math.max(0, start + REPLY_DEADLINE_NANOS - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Cpu.Usage used = cpu.since(before);

    Histogram h = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
    Map<String, Integer> errors = new TreeMap<>();
    Map<String, Integer> acked = new TreeMap<>();
    int acks = 0;
    long firstSend = Long.MAX_VALUE;
    long lastAck = Long.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      firstSend = Math.min(firstSend, sent[i]);
      String o = outcome[i];
      if (o == null) {
        errors.merge("NO_REPLY", 1, Integer::sum);
        continue;
      }
      if (o.equals("ack")) {
        acks++;
        acked.merge(choice[i], 1, Integer::sum);
        lastAck = Math.max(lastAck, received[i]);
        h.recordValue(Math.max(0, (received[i] - scheduled[i]) / 1000));
      } else {
        errors.merge(o, 1, Integer::sum);
      }
    }
    double rate = acks == 0 ? 0 : acks / ((lastAck - firstSend) / 1e9);
    long frames = m.voters.stream().mapToLong(MeetingSocket::frames).sum() - framesBefore;

    MeetingSocket.Reply closed = BenchMeeting.require(m.chair.command("poll.close", new JsonObject().put("pollId", pollId)).await(), "poll.close");
    JsonObject result = m.chair.event(closed.frame().getLong("seq")).await().getJsonObject("data").getJsonObject("result");
    Check check = countCheck(db, pollId, secrecy, n, acks, acked, result);
    return new Result(secrecy, n, h, acks, errors, rate, (lastSend - start) / 1e6, check.text, check.ok, used, frames);
  }

  private record Check(boolean ok, String text) {}

  /**
   * Passes when all N are acked, acks == the published tally's ballots == its totals summed, the totals per option ==
   * the acked choices, and the tables hold exactly N voter rows (N distinct voters) and N ballot rows (and N named
   * votes for a NAMED poll). When only some were acked it still says whether those few were counted exactly once.
   */
  private static Check countCheck(Pool db, String pollId, String secrecy, int n, int acks, Map<String, Integer> acked, JsonObject result) {
    Row r = db.preparedQuery("select (select count(*) from poll_voter where poll_id = $1), (select count(distinct voter_id) from poll_voter where poll_id = $1), "
            + "(select count(*) from ballot where poll_id = $1), (select count(*) from named_vote where poll_id = $1)")
        .execute(Tuple.of(UUID.fromString(pollId))).await().iterator().next();
    long voters = r.getLong(0);
    long distinct = r.getLong(1);
    long ballots = r.getLong(2);
    long named = r.getLong(3);
    int tallied = result.getInteger("ballots");
    JsonObject totals = result.getJsonObject("totals");
    long totalSum = 0;
    List<String> problems = new ArrayList<>();
    for (String option : OPTIONS) {
      long t = new java.math.BigDecimal(totals.getString(option, "0")).longValueExact();
      totalSum += t;
      if (t != acked.getOrDefault(option, 0)) {
        problems.add(option + " tallied " + t + " but acked " + acked.getOrDefault(option, 0));
      }
    }
    long expectedNamed = secrecy.equals("NAMED") ? acks : 0;
    if (acks != n) {
      problems.add(acks + " acks of " + n);
    }
    if (tallied != acks || totalSum != acks) {
      problems.add("tally " + tallied + " ballots (options sum " + totalSum + ") vs " + acks + " acks");
    }
    if (voters != acks || distinct != acks) {
      problems.add("poll_voter " + voters + " rows, " + distinct + " distinct voters");
    }
    if (ballots != acks) {
      problems.add("ballot " + ballots + " rows");
    }
    if (named != expectedNamed) {
      problems.add("named_vote " + named + " rows (expected " + expectedNamed + ")");
    }
    boolean consistent = problems.size() == 1 && acks != n;
    if (consistent) {
      // exactly-once held for what was acked; the rest got an error or no reply
      return new Check(false, "FAILED: " + acks + " of " + n + " acked; acked = tally = poll_voter = ballot" + (expectedNamed > 0 ? " = named_vote" : "")
          + " = " + acks + ", 0 duplicates");
    }
    if (problems.isEmpty()) {
      return new Check(true, "ok: " + acks + " acks = tally = " + voters + " poll_voter = " + ballots + " ballot" + (expectedNamed > 0 ? " = " + named
          + " named_vote" : "") + ", 0 duplicates");
    }
    return new Check(false, "FAILED: " + String.join("; ", problems));
  }

  private static void waitUntil(long deadline) {
    long left;
    while ((left = deadline - System.nanoTime()) > 0) {
      if (left > 200_000) {
        java.util.concurrent.locks.LockSupport.parkNanos(left - 100_000);
      } else {
        Thread.onSpinWait();
      }
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
