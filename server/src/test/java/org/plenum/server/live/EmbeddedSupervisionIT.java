package org.plenum.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.core.db.EmbeddedSupervisor;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.LiveClient;
import org.plenum.server.testing.LogCapture;
import org.plenum.server.testing.TestServer;

/**
 * The server on its own embedded PostgreSQL, whose postmaster is killed with SIGKILL while the server runs and
 * sockets are open: the server notices, restarts PostgreSQL on the same data folder and port, and carries on.
 */
class EmbeddedSupervisionIT {

  @Test
  @DisplayName("ST2: the embedded PostgreSQL killed under the running server: /ready turns 503 and commands answer UNAVAILABLE on the "
      + "open socket; the server restarts it by itself on the same data, /ready is 200 again within 60 s, the same socket's commands are "
      + "acknowledged, a resumed socket misses nothing, nothing acknowledged before is lost; the outage is logged once")
  void a_killed_embedded_postgres_is_restarted() throws Exception {
    try (LogCapture log = new LogCapture()) {
      Map<String, String> env = new HashMap<>();
      env.put("PLENUM_DB_URL", ""); // the embedded database, under the test server's data folder
      env.put("PLENUM_DB_READY_TIMEOUT", "1s");
      env.put("PLENUM_DB_EMBEDDED_CHECK_INTERVAL", "2s"); // the outage lasts long enough to be seen
      TestServer server = TestServer.start(env);
      List<LiveClient> clients = new ArrayList<>();
      try {
        EmbeddedSupervisor supervisor = server.app().embeddedDatabase();
        assertThat(supervisor).as("embedded mode is supervised").isNotNull();
        Api api = server.api();
        String admin = api.login("admin", TestServer.DEMO_PASSWORD);
        String meeting = api.get("/api/meetings", admin).array("meetings").getJsonObject(0).getString("id");
        LiveClient chair = new LiveClient(api, server.port(), meeting, api.login("chair", TestServer.DEMO_PASSWORD));
        LiveClient delegate = new LiveClient(api, server.port(), meeting, api.login("delegate1", TestServer.DEMO_PASSWORD));
        clients.add(chair);
        clients.add(delegate);
        chair.connect();
        delegate.connect();

        List<Long> acked = new ArrayList<>();
        for (int page = 1; page <= 5; page++) {
          JsonObject ack = show(chair, page);
          assertThat(ack.getString("type")).as(ack.encode()).isEqualTo("ack");
          acked.add(ack.getLong("seq"));
        }
        assertThat(api.get("/ready").status()).isEqualTo(200);

        Path pidFile = server.app().config().data().dir().resolve("postgres").resolve("postmaster.pid");
        long postmaster = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
        assertThat(postmaster).isEqualTo(supervisor.database().postmasterPid());
        ProcessHandle pg = ProcessHandle.of(postmaster).orElseThrow();
        assertThat(pg.destroyForcibly()).as("SIGKILL sent to the postmaster").isTrue();
        pg.onExit().get(10, TimeUnit.SECONDS);
        long killed = System.nanoTime();

        assertThat(waitFor(api, 503, Duration.ofSeconds(30))).as("/ready turns 503 once PostgreSQL is gone").isTrue();
        Api.Response during = api.get("/api/meetings", admin);
        assertThat(during.status()).as(during.toString()).isEqualTo(503);
        assertThat(during.code()).isEqualTo("UNAVAILABLE");
        JsonObject refused = show(chair, 99);
        assertThat(refused.getString("type")).as(refused.encode()).isEqualTo("error");
        assertThat(refused.getString("code")).as(refused.encode()).isEqualTo("UNAVAILABLE");
        assertThat(api.get("/health").status()).as("the server itself lives").isEqualTo(200);

        assertThat(waitFor(api, 200, Duration.ofSeconds(60))).as("/ready is 200 again without anyone restarting anything").isTrue();
        long outageMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
        // PostgreSQL accepts connections a moment before its start returns to the supervisor
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (supervisor.restarts() == 0 && System.nanoTime() < until) {
          Thread.sleep(50);
        }
        assertThat(supervisor.restarts()).isEqualTo(1);
        assertThat(supervisor.database().postmasterPid()).isNotEqualTo(postmaster);
        assertThat(supervisor.database().port()).as("same port, so the pool's target is unchanged").isEqualTo(supervisor.port());

        JsonObject after = show(chair, 6);
        assertThat(after.getString("type")).as("the socket opened before the outage works after it: " + after.encode()).isEqualTo("ack");
        acked.add(after.getLong("seq"));

        // a tablet that lost its socket meanwhile reconnects and resumes from its last seq
        delegate.close();
        JsonObject resumed = delegate.connect();
        assertThat(resumed.getString("type")).as(resumed.encode()).isEqualTo("ack");

        List<JsonObject> ledger = LiveSupport.ledger(api, meeting, admin);
        long head = ledger.get(ledger.size() - 1).getLong("seq");
        assertThat(LiveSupport.seqs(ledger)).as("every acknowledged command is in the ledger").containsAll(acked);
        assertThat(head).isEqualTo(after.getLong("seq"));
        assertThat(LiveSupport.seqs(ledger)).as("the ledger has no gaps").containsExactlyElementsOf(LongStream.rangeClosed(1, head).boxed().toList());
        assertThat(LiveSupport.verify(api, meeting, admin).getBoolean("valid")).isTrue();
        delegate.awaitSeq(head, 30);
        assertThat(LiveSupport.seqs(List.copyOf(delegate.events))).as("the resumed socket got every event once, in order")
            .containsExactlyElementsOf(LiveSupport.seqs(LiveSupport.ledger(api, meeting, delegate.token())));

        List<String> lines = log.lines();
        assertThat(lines.stream().filter(l -> l.contains("is gone; restarting")).count()).as("one WARN for the outage").isEqualTo(1);
        assertThat(lines.stream().filter(l -> l.contains("The embedded PostgreSQL is back")).count()).isEqualTo(1);
        assertThat(lines).noneMatch(l -> l.contains("Could not stop postmaster"));
        System.out.println("ST2 outage lasted " + outageMs + " ms");
      } finally {
        clients.forEach(LiveClient::close);
        server.close();
      }
    }
  }

  @Test
  @DisplayName("ST2: with db.embedded_restart_attempts 0 nothing restarts the killed embedded PostgreSQL: the server stays alive and not ready")
  void supervision_can_be_turned_off() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("PLENUM_DB_URL", "");
    env.put("PLENUM_DB_READY_TIMEOUT", "1s");
    env.put("PLENUM_DB_EMBEDDED_CHECK_INTERVAL", "100ms");
    env.put("PLENUM_DB_EMBEDDED_RESTART_ATTEMPTS", "0");
    LogCapture log = new LogCapture();
    TestServer server = TestServer.start(env);
    try {
      Api api = server.api();
      assertThat(api.get("/ready").status()).isEqualTo(200);
      long postmaster = server.app().embeddedDatabase().database().postmasterPid();
      ProcessHandle pg = ProcessHandle.of(postmaster).orElseThrow();
      pg.destroyForcibly();
      pg.onExit().get(10, TimeUnit.SECONDS);
      assertThat(waitFor(api, 503, Duration.ofSeconds(30))).isTrue();
      Thread.sleep(5_000);
      assertThat(api.get("/ready").status()).as("still not ready: nobody restarted it").isEqualTo(503);
      assertThat(api.get("/health").status()).isEqualTo(200);
      assertThat(server.app().embeddedDatabase().restarts()).isZero();
      assertThat(server.app().embeddedDatabase().database().running()).isFalse();
    } finally {
      server.close();
      log.close();
    }
    assertThat(log.lines()).as("nothing restarted, and closing a server whose database is dead stops nothing, quietly")
        .noneMatch(l -> l.contains("Could not stop postmaster")).noneMatch(l -> l.contains("is gone; restarting"));
  }

  private static JsonObject show(LiveClient chair, int page) {
    return chair.command("presentation.show", new JsonObject().put("document", "budget-2027.pdf").put("page", page));
  }

  private static boolean waitFor(Api api, int status, Duration within) throws InterruptedException {
    long until = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < until) {
      if (api.get("/ready").status() == status) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }
}
