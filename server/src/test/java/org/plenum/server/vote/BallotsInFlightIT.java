package org.plenum.server.vote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.testing.LiveMeetingFixture.acked;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.LiveClient;
import org.plenum.server.testing.LiveMeetingFixture;
import org.plenum.server.testing.Metrics;
import org.plenum.server.testing.Voters;

/**
 * D47: ballot batches of one poll commit without the meeting lock, several at once; a close waits for the batches in
 * flight and refuses the later ones. Real sockets, real PostgreSQL; nothing here waits on a clock.
 */
class BallotsInFlightIT {
  static LiveMeetingFixture fx;

  @BeforeAll
  static void start() {
    fx = LiveMeetingFixture.start();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  /** {@code n} members with voting right, checked in, each live on their own socket. */
  private static List<LiveClient> members(String meeting, int n) {
    Api api = fx.api();
    List<Voters.Member> members;
    try (Connection db = fx.server().jdbc()) {
      members = Voters.seed(db, api, meeting, n, "PRESENT");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    List<LiveClient> clients = new ArrayList<>();
    for (Voters.Member member : members) {
      LiveClient c = new LiveClient(api, fx.server().port(), meeting, member.token());
      clients.add(c);
      acked(c.connect());
    }
    return clients;
  }

  private static int count(String sql) throws Exception {
    try (Connection db = fx.server().jdbc(); Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  @DisplayName("D47, VT18, VT3, VT5, VT15: 200 members casting at once: batches of the poll are in flight together, each ballot is acked and counted once, and vote.recorded (counts only, no actor) reaches the exact count")
  void batches_overlap() throws Exception {
    int n = 200;
    String m = fx.newMeeting(List.of("One"), List.of("chair"));
    List<LiveClient> clients = members(m, n);
    ExecutorService pool = Executors.newFixedThreadPool(64);
    try (LiveClient chair = fx.client(m, "chair"); LiveClient observer = fx.client(m, "chair")) {
      String id = VoteIT.openPoll(chair, VoteIT.yesNo("Together", "SECRET"));
      // the first ballot teaches this process the poll's kind (it still takes the meeting lock and carries its seq)
      JsonObject first = clients.get(0).command("vote.cast", VoteIT.ballot(id, VoteIT.key(), "YES"));
      assertThat(acked(first)).as("the first ballot's ack carries its vote.recorded").isNotNull();
      CountDownLatch go = new CountDownLatch(1);
      List<CompletableFuture<JsonObject>> replies = new ArrayList<>();
      for (int i = 1; i < n; i++) {
        LiveClient c = clients.get(i);
        replies.add(CompletableFuture.supplyAsync(() -> {
          await(go);
          return c.command("vote.cast", VoteIT.ballot(id, VoteIT.key(), "NO"));
        }, pool));
      }
      go.countDown();
      Set<String> receipts = new HashSet<>();
      receipts.add(first.getString("receipt"));
      for (CompletableFuture<JsonObject> r : replies) {
        JsonObject reply = r.get();
        acked(reply);
        assertThat(reply.getLong("seq")).as("D47: no meeting lock, no seq in the ack").isNull();
        receipts.add(reply.getString("receipt"));
      }
      assertThat(receipts).hasSize(n);
      assertThat(Metrics.value(fx.api(), "plenum_ballot_batches_in_flight_max", null)).as("two batches of one poll in flight at once")
          .isGreaterThan(1);
      int last = 0;
      while (last < n) {
        JsonObject progress = observer.event("vote.recorded");
        assertThat(progress.getString("by")).isNull();
        assertThat(progress.getJsonObject("data").fieldNames()).containsExactlyInAnyOrder("pollId", "ballotsCast", "eligible");
        int cast = progress.getJsonObject("data").getInteger("ballotsCast");
        assertThat(cast).as("progress never goes back").isGreaterThanOrEqualTo(last);
        last = cast;
      }
      assertThat(last).isEqualTo(n);
      long seq = acked(chair.command("poll.close", VoteIT.poll(id)));
      JsonObject result = LiveMeetingFixture.eventAt(chair, seq).getJsonObject("data").getJsonObject("result");
      assertThat(result.getInteger("ballots")).isEqualTo(n);
      assertThat(result.getJsonObject("totals").getString("NO")).isEqualTo(Integer.toString(n - 1));
      assertThat(count("select count(distinct voter_id) from poll_voter where poll_id = '" + id + "'")).isEqualTo(n);
      assertThat(count("select count(*) from ballot where poll_id = '" + id + "'")).isEqualTo(n);
    } finally {
      clients.forEach(LiveClient::close);
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("D47, VT18, VT2, VT5: a close racing ballots in flight counts exactly the acked ballots and refuses every other with POLL_NOT_OPEN; no vote.recorded follows poll.closed (12 runs, SECRET and NAMED)")
  void close_races_batches() throws Exception {
    int n = 60;
    String m = fx.newMeeting(List.of("One"), List.of("chair"));
    List<LiveClient> clients = members(m, n);
    ExecutorService pool = Executors.newFixedThreadPool(32);
    try (LiveClient chair = fx.client(m, "chair")) {
      for (int run = 0; run < 12; run++) {
        String secrecy = run % 2 == 0 ? "SECRET" : "NAMED";
        String id = VoteIT.openPoll(chair, VoteIT.yesNo("Race " + run, secrecy));
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch some = new CountDownLatch(n / 4);
        AtomicInteger acks = new AtomicInteger();
        List<CompletableFuture<JsonObject>> replies = new ArrayList<>();
        for (LiveClient c : clients) {
          replies.add(CompletableFuture.supplyAsync(() -> {
            await(go);
            JsonObject reply = c.command("vote.cast", VoteIT.ballot(id, VoteIT.key(), "YES"));
            some.countDown();
            return reply;
          }, pool));
        }
        go.countDown();
        await(some); // a quarter answered: the rest are queued or in flight while the close goes in
        JsonObject closedReply = chair.command("poll.close", VoteIT.poll(id));
        long seq = acked(closedReply);
        for (CompletableFuture<JsonObject> r : replies) {
          JsonObject reply = r.get();
          if ("ack".equals(reply.getString("type"))) {
            acks.incrementAndGet();
          } else {
            assertThat(reply.getString("code")).as(reply.encode()).isEqualTo("POLL_NOT_OPEN");
          }
        }
        JsonObject closed = LiveMeetingFixture.eventAt(chair, seq).getJsonObject("data");
        assertThat(closed.getInteger("ballotsCast")).as("run %d (%s): counted = acked", run, secrecy).isEqualTo(acks.get());
        assertThat(closed.getJsonObject("result").getInteger("ballots")).isEqualTo(acks.get());
        assertThat(closed.getJsonObject("result").getJsonObject("totals").getString("YES")).isEqualTo(Integer.toString(acks.get()));
        assertThat(count("select count(*) from poll_voter where poll_id = '" + id + "'")).isEqualTo(acks.get());
        assertThat(count("select count(*) from ballot where poll_id = '" + id + "'")).isEqualTo(acks.get());
        boolean afterClose = false;
        for (Object o : fx.ledger(m)) {
          JsonObject e = (JsonObject) o;
          if (e.getJsonObject("data") == null || !id.equals(e.getJsonObject("data").getString("pollId"))) {
            continue;
          }
          afterClose |= "poll.closed".equals(e.getString("type"));
          assertThat(afterClose && "vote.recorded".equals(e.getString("type"))).as("vote.recorded after poll.closed").isFalse();
        }
      }
    } finally {
      clients.forEach(LiveClient::close);
      pool.shutdownNow();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
