package org.plenum.server.vote;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.LiveClient;
import org.plenum.server.testing.ServerProcess;
import org.plenum.server.testing.TestPostgres;
import org.plenum.server.testing.TestServer;
import org.plenum.server.testing.Voters;

/** The packaged server SIGKILLed in the middle of a burst of 500 ballots, then started again on the same database (VT14). */
class VoteKillIT {
  static final int VOTERS = 500;

  @Test
  @DisplayName("VT14, VT4, VT8: SIGKILL during a burst of 500 voters: after the restart every acknowledged ballot is there, none is doubled, "
      + "every retry with its key gets the original receipt, the tally is exact; a timed poll's clock survives the restart")
  void a_killed_server_keeps_every_acknowledged_ballot() throws Exception {
    Path jar = Path.of("target", "plenum-server.jar").toAbsolutePath();
    assertThat(jar).as("the packaged server (built in the package phase)").exists();
    int port = ServerProcess.freePort();
    String dbUrl = TestPostgres.newDatabase();
    Map<String, String> env = new HashMap<>();
    env.put("PLENUM_DB_URL", dbUrl);
    env.put("PLENUM_DB_USER", TestPostgres.get().user());
    env.put("PLENUM_DEMO_SEED", "always");
    env.put("PLENUM_DATA_DIR", Files.createTempDirectory(Path.of("target").toAbsolutePath(), "votekill-").toString());
    env.put("PLENUM_MEDIA_JANUS_AUTOSTART", "false"); // no video here; a SIGKILLed server would orphan its Janus
    env.put("PLENUM_HTTP_PORT", String.valueOf(port));
    Api api = new Api(port);
    Process server = ServerProcess.launch(jar, env, "votekill-server-1");
    List<LiveClient> clients = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(50);
    try {
      ServerProcess.awaitReady(api, server);
      String admin = api.login("admin", TestServer.DEMO_PASSWORD);
      String meeting = api.get("/api/meetings", admin).array("meetings").getJsonObject(0).getString("id");
      List<Voters.Member> members;
      try (Connection db = DriverManager.getConnection("jdbc:" + dbUrl, TestPostgres.get().user(), "")) {
        members = Voters.seed(db, api, meeting, VOTERS, "PRESENT");
      }
      LiveClient chair = new LiveClient(api, port, meeting, api.login("chair", TestServer.DEMO_PASSWORD));
      clients.add(chair);
      acked(chair.connect());
      String poll = dataOf(chair, chair.command("poll.create", VoteIT.yesNo("Biểu quyết trong sự cố", "SECRET"))).getString("pollId");
      acked(chair.command("poll.open", VoteIT.poll(poll)));
      String timed = dataOf(chair, chair.command("poll.create", VoteIT.yesNo("Có thời hạn", "NAMED").put("durationSeconds", 10))).getString("pollId");
      acked(chair.command("poll.open", VoteIT.poll(timed)));

      List<LiveClient> voters = new ArrayList<>();
      for (Voters.Member m : members) {
        LiveClient c = new LiveClient(api, port, meeting, m.token());
        acked(c.connect());
        voters.add(c);
      }
      clients.addAll(voters);
      List<String> keys = new ArrayList<>();
      List<String> choices = new ArrayList<>();
      for (int i = 0; i < VOTERS; i++) {
        keys.add(UUID.randomUUID().toString());
        choices.add(i % 3 == 0 ? "NO" : "YES");
      }

      // the burst: one ballot per voter, spread over two seconds; SIGKILL once 150 acks are in
      Map<Integer, String> ackedBeforeKill = new ConcurrentHashMap<>();
      AtomicInteger acks = new AtomicInteger();
      long start = System.nanoTime();
      String pollId = poll;
      List<Future<?>> sends = new ArrayList<>();
      for (int i = 0; i < VOTERS; i++) {
        int n = i;
        sends.add(pool.submit(() -> {
          long at = start + TimeUnit.MILLISECONDS.toNanos(4L * n);
          while (System.nanoTime() < at) {
            java.util.concurrent.locks.LockSupport.parkNanos(at - System.nanoTime());
          }
          try {
            JsonObject reply = voters.get(n).command("vote.cast", VoteIT.ballot(pollId, keys.get(n), choices.get(n)));
            if ("ack".equals(reply.getString("type"))) {
              ackedBeforeKill.put(n, reply.getString("receipt"));
              acks.incrementAndGet();
            }
          } catch (RuntimeException | AssertionError lost) {
            // the server died before answering: this voter retries after the restart
          }
        }));
      }
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (acks.get() < 150 && System.nanoTime() < until) {
        Thread.sleep(2);
      }
      server.destroyForcibly(); // SIGKILL in the middle of the burst
      assertThat(server.waitFor(10, TimeUnit.SECONDS)).isTrue();
      for (Future<?> f : sends) {
        f.get(60, TimeUnit.SECONDS);
      }
      Map<Integer, String> before = Map.copyOf(ackedBeforeKill);
      assertThat(before.size()).as("ballots were being acknowledged when the server was killed").isBetween(150, VOTERS - 1);

      server = ServerProcess.launch(jar, env, "votekill-server-2");
      ServerProcess.awaitReady(api, server);
      List<Future<JsonObject>> retries = new ArrayList<>();
      for (int i = 0; i < VOTERS; i++) {
        int n = i;
        retries.add(pool.submit(() -> {
          ServerProcess.reconnect(voters.get(n), Duration.ofSeconds(60));
          return voters.get(n).command("vote.cast", VoteIT.ballot(pollId, keys.get(n), choices.get(n)));
        }));
      }
      Map<String, String> receiptChoice = new HashMap<>();
      for (int i = 0; i < VOTERS; i++) {
        JsonObject reply = retries.get(i).get(120, TimeUnit.SECONDS);
        acked(reply);
        if (before.containsKey(i)) {
          assertThat(reply.getString("receipt")).as("voter %d retries with its key after the restart", i).isEqualTo(before.get(i));
          assertThat(reply.getLong("seq")).as("a retry records nothing new").isNull();
        }
        receiptChoice.put(reply.getString("receipt"), choices.get(i));
      }
      assertThat(receiptChoice).hasSize(VOTERS);

      ServerProcess.reconnect(chair, Duration.ofSeconds(60));
      JsonObject result = org.plenum.server.testing.LiveMeetingFixture.eventAt(chair, acked(chair.command("poll.close", VoteIT.poll(pollId))))
          .getJsonObject("data").getJsonObject("result");
      int no = (VOTERS + 2) / 3;
      assertThat(result.getInteger("ballots")).isEqualTo(VOTERS);
      assertThat(result.getJsonObject("totals").getString("NO")).isEqualTo(Integer.toString(no));
      assertThat(result.getJsonObject("totals").getString("YES")).isEqualTo(Integer.toString(VOTERS - no));
      JsonObject published = api.get("/api/meetings/" + meeting + "/polls/" + pollId + "/result", admin).json();
      Map<String, String> listed = new HashMap<>();
      for (Object o : published.getJsonArray("entries")) {
        JsonObject e = (JsonObject) o;
        listed.put(e.getString("receipt"), e.getJsonArray("choice").getString(0));
      }
      assertThat(listed).isEqualTo(receiptChoice);
      try (Connection db = DriverManager.getConnection("jdbc:" + dbUrl, TestPostgres.get().user(), "");
           Statement st = db.createStatement();
           ResultSet rs = st.executeQuery("select (select count(*) from poll_voter where poll_id = '" + pollId + "'), (select count(distinct voter_id) "
               + "from poll_voter where poll_id = '" + pollId + "'), (select count(*) from ballot where poll_id = '" + pollId + "')")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(VOTERS);
        assertThat(rs.getInt(2)).isEqualTo(VOTERS);
        assertThat(rs.getInt(3)).isEqualTo(VOTERS);
      }
      // the timed poll was opened before the kill; the restarted server closes it when its time is up
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      String status = null;
      while (System.nanoTime() < deadline) {
        JsonArray polls = api.get("/api/meetings/" + meeting + "/snapshot", admin).json().getJsonArray("polls");
        status = polls.stream().map(p -> (JsonObject) p).filter(p -> timed.equals(p.getString("pollId"))).findFirst().orElseThrow().getString("status");
        if ("CLOSED".equals(status)) {
          break;
        }
        Thread.sleep(200);
      }
      assertThat(status).isEqualTo("CLOSED");
    } finally {
      pool.shutdownNow();
      clients.forEach(LiveClient::close);
      server.destroyForcibly();
      server.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
