package org.plenum.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.testing.LiveMeetingFixture.acked;
import static org.plenum.server.testing.LiveMeetingFixture.dataOf;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.LiveClient;
import org.plenum.server.testing.ServerProcess;
import org.plenum.server.testing.TestPostgres;
import org.plenum.server.testing.TestServer;
import org.plenum.server.testing.Voters;

/**
 * Node A (the packaged server, its own process) is SIGKILLed in the middle of a 200-voter ballot burst and live
 * traffic; node B (in this JVM) carries on: A's clients move to B and resume from their last seq, every acknowledged
 * ballot is there once, A's poll clock passes to B, and A comes back and rejoins.
 */
class ClusterKillIT {
  static final int VOTERS = 200;
  static final String PEER_TIMEOUT = "PLENUM_WS_PRESENCE_PEER_TIMEOUT";

  @Test
  @DisplayName("CL1, CL3, CL4, CL5, PS6: SIGKILL node A during a 200-voter burst and live traffic (page turns, shared ink): its clients resume on B with no event lost or "
      + "doubled, every acked ballot counted once (retries return the same receipt), A's timed poll closes through B, A rejoins")
  void node_a_dies_and_b_carries_on() throws Exception {
    Path jar = Path.of("target", "plenum-server.jar").toAbsolutePath();
    assertThat(jar).as("the packaged server (built in the package phase)").exists();
    ClusterNodes nodes = new ClusterNodes(2, "1500ms");
    int portA = ServerProcess.freePort();
    Map<String, String> envA = Map.of("PLENUM_HTTP_PORT", String.valueOf(portA), "PLENUM_MEDIA_JANUS_AUTOSTART", "false", PEER_TIMEOUT, "2s",
        "PLENUM_DATA_DIR", Files.createTempDirectory(Path.of("target").toAbsolutePath(), "cluster-a-").toString());
    Api apiA = new Api(portA);
    Process a = nodes.launch(0, jar, envA, "cluster-kill-node-a-1");
    TestServer b = null;
    List<LiveClient> clients = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(40);
    try {
      ServerProcess.awaitReady(apiA, a);
      Map<String, String> envB = new HashMap<>(nodes.env(1));
      envB.put(PEER_TIMEOUT, "2s");
      b = TestServer.start(envB);
      Api apiB = b.api();
      int portB = b.port();
      String admin = apiA.login("admin", TestServer.DEMO_PASSWORD);
      String meeting = apiA.get("/api/meetings", admin).array("meetings").getJsonObject(0).getString("id");
      List<Voters.Member> members;
      try (Connection db = DriverManager.getConnection("jdbc:" + nodes.dbUrl, TestPostgres.get().user(), "")) {
        members = Voters.seed(db, apiA, meeting, VOTERS, "PRESENT");
      }
      String chairToken = apiA.login("chair", TestServer.DEMO_PASSWORD);
      LiveClient chairB = new LiveClient(apiB, portB, meeting, chairToken);
      LiveClient chairA = new LiveClient(apiA, portA, meeting, chairToken);
      LiveClient watcherA = new LiveClient(apiA, portA, meeting, apiA.login("delegate1", TestServer.DEMO_PASSWORD));
      clients.addAll(List.of(chairB, chairA, watcherA));
      acked(chairB.connect());
      acked(chairA.connect());
      acked(watcherA.connect());
      long from = watcherA.lastSeq();
      String poll = dataOf(chairB, chairB.command("poll.create", yesNo("Biểu quyết khi một nút chết", "SECRET"))).getString("pollId");
      acked(chairB.command("poll.open", new JsonObject().put("pollId", poll)));
      // a timed poll opened through A: A owns the poll clocks (it started first); B must close it after A dies
      String timed = dataOf(chairA, chairA.command("poll.create", yesNo("Có thời hạn", "NAMED").put("durationSeconds", 10))).getString("pollId");
      acked(chairA.command("poll.open", new JsonObject().put("pollId", timed)));
      Instant closesAt = Instant.parse(watcherA.next(f -> "poll.opened".equals(f.getString("type"))
          && timed.equals(f.getJsonObject("data").getString("pollId"))).getJsonObject("data").getString("closesAt"));

      List<LiveClient> voters = new ArrayList<>();
      for (Voters.Member m : members) {
        LiveClient c = new LiveClient(apiA, portA, meeting, m.token());
        acked(c.connect());
        voters.add(c);
      }
      clients.addAll(voters);
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < VOTERS; i++) {
        keys.add(UUID.randomUUID().toString());
      }
      // a shared document to annotate (uploaded through A)
      Path pdf = org.plenum.server.testing.PdfCorpus.validPdf(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "kill-pdf-"), 2,
          "Biên bản khi một nút chết");
      Api.Response uploaded = apiA.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(apiA.base() + "/api/meetings/" + meeting
          + "/documents?title=Kill")).POST(java.net.http.HttpRequest.BodyPublishers.ofFile(pdf)).header("X-Filename", "kill.pdf")
          .header("Content-Type", "application/pdf"), chairToken);
      assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
      String document = uploaded.json().getString("id");
      // live traffic through A while the ballots come in: the chair turns pages and draws shared ink on the document
      AtomicBoolean traffic = new AtomicBoolean(true);
      AtomicInteger inked = new AtomicInteger();
      Future<?> pages = pool.submit(() -> {
        int page = 1;
        while (traffic.get()) {
          try {
            chairA.command("presentation.show", new JsonObject().put("document", "doc-kill").put("page", page++));
            JsonObject ink = new JsonObject().put("op", "create").put("id", UUID.randomUUID().toString())
                .put("stamp", new JsonObject().put("ms", System.currentTimeMillis()).put("c", page).put("device", "chair-tablet"))
                .put("placement", new JsonObject().put("anchor", new JsonObject().put("document", document).put("version", 1).put("page", 1))
                    .put("shape", new JsonObject().put("kind", "INK").put("points", new JsonArray()
                        .add(new JsonArray().add(100.0 + page).add(600.0).add(0.5)).add(new JsonArray().add(180.0).add(640.0 - page).add(0.5)))))
                .put("style", new JsonObject().put("color", "#d62828").put("width", 2.5).put("tool", "PEN"))
                .put("visibility", new JsonObject().put("kind", "SHARED"));
            if ("ack".equals(chairA.command("annotation.push", new JsonObject().put("ops", new JsonArray().add(ink))).getString("type"))) {
              inked.incrementAndGet();
            }
            Thread.sleep(150); // two commands per round, under ws.rate_per_second
          } catch (RuntimeException | AssertionError deadNode) {
            return;
          } catch (InterruptedException stop) {
            return;
          }
        }
      });
      Map<Integer, String> ackedBeforeKill = new ConcurrentHashMap<>();
      AtomicInteger acks = new AtomicInteger();
      long start = System.nanoTime();
      List<Future<?>> sends = new ArrayList<>();
      for (int i = 0; i < VOTERS; i++) {
        int n = i;
        sends.add(pool.submit(() -> {
          long at = start + TimeUnit.MILLISECONDS.toNanos(10L * n);
          while (System.nanoTime() < at) {
            java.util.concurrent.locks.LockSupport.parkNanos(at - System.nanoTime());
          }
          try {
            JsonObject reply = voters.get(n).command("vote.cast", ballot(poll, keys.get(n), n % 3 == 0 ? "NO" : "YES"));
            if ("ack".equals(reply.getString("type"))) {
              ackedBeforeKill.put(n, reply.getString("receipt"));
              acks.incrementAndGet();
            }
          } catch (RuntimeException | AssertionError lost) {
            // A died before answering: this voter retries on B
          }
        }));
      }
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (acks.get() < 80 && System.nanoTime() < until) {
        Thread.sleep(2);
      }
      a.destroyForcibly(); // SIGKILL
      assertThat(a.waitFor(10, TimeUnit.SECONDS)).isTrue();
      traffic.set(false);
      for (Future<?> f : sends) {
        f.get(60, TimeUnit.SECONDS);
      }
      pages.get(30, TimeUnit.SECONDS);
      Map<Integer, String> before = Map.copyOf(ackedBeforeKill);
      assertThat(before.size()).as("ballots were being acknowledged when A was killed").isBetween(80, VOTERS - 1);

      // A's clients move to B and resume from their last seq; every voter sends its ballot again with its key
      List<Future<JsonObject>> retries = new ArrayList<>();
      List<LiveClient> moved = new ArrayList<>();
      for (int i = 0; i < VOTERS; i++) {
        LiveClient onB = new LiveClient(apiB, portB, meeting, members.get(i).token());
        moved.add(onB);
        clients.add(onB);
        int n = i;
        retries.add(pool.submit(() -> {
          onB.open();
          acked(onB.resume(voters.get(n).lastSeq()));
          return onB.command("vote.cast", ballot(poll, keys.get(n), n % 3 == 0 ? "NO" : "YES"));
        }));
      }
      Map<String, Integer> receipts = new HashMap<>();
      for (int i = 0; i < VOTERS; i++) {
        JsonObject reply = retries.get(i).get(120, TimeUnit.SECONDS);
        acked(reply);
        if (before.containsKey(i)) {
          assertThat(reply.getString("receipt")).as("voter %d's retry on B returns the receipt A gave", i).isEqualTo(before.get(i));
          assertThat(reply.getLong("seq")).as("a retry records nothing new").isNull();
        }
        receipts.put(reply.getString("receipt"), i);
      }
      assertThat(receipts).hasSize(VOTERS);

      // the watcher on A moves too: old socket + new socket = every event from its start, once, in order
      LiveClient watcherB = new LiveClient(apiB, portB, meeting, watcherA.token());
      clients.add(watcherB);
      watcherB.open();
      acked(watcherB.resume(watcherA.lastSeq()));
      JsonObject closedPoll = chairB.next(f -> "poll.closed".equals(f.getString("type")) && timed.equals(f.getJsonObject("data").getString("pollId")), 40);
      assertThat(Duration.between(closesAt, Instant.parse(closedPoll.getString("at"))))
          .as("A's timed poll closes through B: lease 1.5 s + renewal 0.5 s + sweep 1 s at most late").isBetween(Duration.ZERO, Duration.ofSeconds(5));
      long head = acked(chairB.command("poll.close", new JsonObject().put("pollId", poll)));
      watcherB.awaitSeq(head, 30);
      List<Long> seqs = new ArrayList<>();
      for (LiveClient c : List.of(watcherA, watcherB)) {
        synchronized (c.events) {
          c.events.stream().filter(e -> e.getLong("seq") != null && e.getString("hash") != null && e.getLong("seq") > from)
              .forEach(e -> seqs.add(e.getLong("seq")));
        }
      }
      List<Long> expected = new ArrayList<>();
      for (long s = from + 1; s <= head; s++) {
        expected.add(s);
      }
      assertThat(seqs).as("no event lost or doubled across the failover").containsExactlyElementsOf(expected);
      assertThat(inked.get()).as("shared ink was being drawn through A").isPositive();
      long inkSeen;
      synchronized (watcherA.events) {
        inkSeen = watcherA.events.stream().filter(e -> "annotation.changed".equals(e.getString("type"))).count();
      }
      synchronized (watcherB.events) {
        inkSeen += watcherB.events.stream().filter(e -> "annotation.changed".equals(e.getString("type"))).count();
      }
      assertThat(inkSeen).as("the watcher got every acked stroke once, across both sockets").isGreaterThanOrEqualTo(inked.get());

      try (Connection db = DriverManager.getConnection("jdbc:" + nodes.dbUrl, TestPostgres.get().user(), "");
           Statement st = db.createStatement();
           ResultSet rs = st.executeQuery("select (select count(*) from poll_voter where poll_id = '" + poll + "'), "
               + "(select count(*) from ballot where poll_id = '" + poll + "')")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(VOTERS);
        assertThat(rs.getInt(2)).isEqualTo(VOTERS);
      }

      // PS6: A died without its presence "bye": its connections leave B's presence once A's channels fall silent
      LiveClient observer = new LiveClient(apiB, portB, meeting, chairToken);
      clients.add(observer);
      acked(observer.connect());
      java.util.Set<String> onB = new java.util.HashSet<>(org.plenum.server.live.PresenceAcrossLoopsIT.ids(moved));
      onB.addAll(org.plenum.server.live.PresenceAcrossLoopsIT.ids(List.of(chairB, watcherB, observer)));
      org.plenum.server.live.PresenceAcrossLoopsIT.presenceUntil(observer, onB);

      // A comes back, rejoins the cluster and serves the meeting again
      a = nodes.launch(0, jar, envA, "cluster-kill-node-a-2");
      ServerProcess.awaitReady(apiA, a);
      LiveClient back = new LiveClient(apiA, portA, meeting, apiA.login("delegate2", TestServer.DEMO_PASSWORD));
      clients.add(back);
      acked(back.connect());
      long seq = acked(chairB.command("presentation.show", new JsonObject().put("document", "doc-rejoin").put("page", 1)));
      back.awaitSeq(seq, 15);
      assertThat(back.lastSeq()).isEqualTo(seq);
    } finally {
      pool.shutdownNow();
      clients.forEach(LiveClient::close);
      a.destroyForcibly();
      a.waitFor(10, TimeUnit.SECONDS);
      if (b != null) {
        b.close();
      }
    }
  }

  static JsonObject yesNo(String title, String secrecy) {
    return new JsonObject().put("title", title).put("kind", "YES_NO_ABSTAIN").put("secrecy", secrecy);
  }

  static JsonObject ballot(String pollId, String key, String choice) {
    return new JsonObject().put("pollId", pollId).put("choice", new JsonArray(List.of(choice))).put("idempotencyKey", key);
  }
}
