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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.LiveClient;
import org.plenum.server.testing.ServerProcess;
import org.plenum.server.testing.TestPostgres;
import org.plenum.server.testing.TestServer;

/**
 * The server as its own OS process (the packaged jar), killed with SIGKILL in the middle of a meeting and started
 * again on the same port and database. Clients only reconnect and resume, as tablets do.
 */
class SigkillIT {
  private static final List<String> TABLETS = List.of("delegate1", "delegate2", "delegate3", "delegate4", "delegate5", "delegate6", "secretary",
      "room1", "room2", "room3");

  @Test
  @DisplayName("L1, R1: after SIGKILL of the server and a restart, clients reconnect and resume; every event any client was sent is in "
      + "the ledger")
  void a_killed_server_loses_nothing_it_sent() throws Exception {
    Path jar = Path.of("target", "plenum-server.jar").toAbsolutePath();
    assertThat(jar).as("the packaged server (built in the package phase)").exists();
    int port = ServerProcess.freePort();
    Map<String, String> env = new HashMap<>();
    env.put("PLENUM_DB_URL", TestPostgres.newDatabase());
    env.put("PLENUM_DB_USER", TestPostgres.get().user());
    env.put("PLENUM_DEMO_SEED", "always");
    env.put("PLENUM_DATA_DIR", Files.createTempDirectory(Path.of("target").toAbsolutePath(), "sigkill-").toString());
    env.put("PLENUM_MEDIA_JANUS_AUTOSTART", "false"); // no video here; a SIGKILLed server would orphan its Janus
    env.put("PLENUM_HTTP_PORT", String.valueOf(port));
    env.put("PLENUM_WS_RATE_PER_SECOND", "1000");
    env.put("PLENUM_WS_RATE_BURST", "1000");
    Api api = new Api(port);

    Process server = ServerProcess.launch(jar, env, "sigkill-server-1");
    List<LiveClient> clients = new ArrayList<>();
    Thread generator = null;
    AtomicBoolean stop = new AtomicBoolean();
    try {
      ServerProcess.awaitReady(api, server);
      String admin = api.login("admin", TestServer.DEMO_PASSWORD);
      String meeting = api.get("/api/meetings", admin).array("meetings").getJsonObject(0).getString("id");
      for (String user : TABLETS) {
        LiveClient c = new LiveClient(api, port, meeting, api.login(user, TestServer.DEMO_PASSWORD));
        c.connect();
        clients.add(c);
      }
      LiveClient chair = new LiveClient(api, port, meeting, api.login("chair", TestServer.DEMO_PASSWORD));
      chair.connect();
      clients.add(chair);

      AtomicInteger acked = new AtomicInteger();
      generator = new Thread(() -> generate(chair, acked, stop), "page-turner");
      generator.start();
      awaitCount(acked, 60, 30);

      server.destroyForcibly(); // SIGKILL: no shutdown hook, no close frames, nothing flushed
      assertThat(server.waitFor(10, TimeUnit.SECONDS)).isTrue();
      int beforeKill = acked.get();

      server = ServerProcess.launch(jar, env, "sigkill-server-2");
      ServerProcess.awaitReady(api, server);
      for (LiveClient c : clients.subList(0, clients.size() - 1)) {
        ServerProcess.reconnect(c, Duration.ofSeconds(30));
      }
      awaitCount(acked, beforeKill + 60, 60);
      stop.set(true);
      generator.join(30_000);
      assertThat(generator.isAlive()).isFalse();

      List<JsonObject> ledger = LiveSupport.ledger(api, meeting, admin);
      long head = ledger.get(ledger.size() - 1).getLong("seq");
      assertThat(LiveSupport.seqs(ledger)).as("the ledger itself has no gaps").containsExactlyElementsOf(
          LongStream.rangeClosed(1, head).boxed().toList());
      assertThat(LiveSupport.verify(api, meeting, admin).getBoolean("valid")).isTrue();
      Map<Long, String> hashes = new HashMap<>();
      ledger.forEach(e -> hashes.put(e.getLong("seq"), e.getString("hash")));

      for (int i = 0; i < clients.size(); i++) {
        LiveClient c = clients.get(i);
        c.awaitSeq(head, 30);
        List<JsonObject> got = List.copyOf(c.events);
        for (JsonObject e : got) {
          assertThat(hashes.get(e.getLong("seq"))).as("event %s sent to client %d is in the ledger with the same hash", e.getLong("seq"), i)
              .isEqualTo(e.getString("hash"));
        }
        List<Long> visible = LiveSupport.seqs(LiveSupport.ledger(api, meeting, c.token()));
        assertThat(LiveSupport.seqs(got)).as("client %d got every event it may see, once, in order", i).containsExactlyElementsOf(visible);
      }
      assertThat(beforeKill).as("events were flowing when the server was killed").isGreaterThanOrEqualTo(60);
    } finally {
      stop.set(true);
      if (generator != null) {
        generator.join(30_000);
      }
      clients.forEach(LiveClient::close);
      server.destroyForcibly();
      server.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Turns pages as the chair until told to stop, riding out the server's death: reconnect, resume, go on. */
  private static void generate(LiveClient chair, AtomicInteger acked, AtomicBoolean stop) {
    int page = 0;
    while (!stop.get()) {
      page++;
      String requestId = "turn" + page;
      try {
        chair.sendText(new JsonObject().put("type", "presentation.show").put("requestId", requestId).put("document", "budget-2027.pdf")
            .put("page", page).encode());
        JsonObject answer = chair.next(f -> requestId.equals(f.getString("requestId")) || "closed".equals(f.getString("type")), 5);
        if ("ack".equals(answer.getString("type"))) {
          acked.incrementAndGet();
          Thread.sleep(20);
          continue;
        }
      } catch (RuntimeException | AssertionError lost) {
        // the socket died under us, or the answer never came
      } catch (InterruptedException e) {
        return;
      }
      if (!stop.get()) {
        ServerProcess.reconnect(chair, Duration.ofSeconds(60));
      }
    }
  }

  private static void awaitCount(AtomicInteger n, int atLeast, int seconds) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (n.get() < atLeast) {
      if (System.nanoTime() > until) {
        throw new AssertionError(atLeast + " events not acknowledged within " + seconds + " s (" + n.get() + ")");
      }
      Thread.sleep(10);
    }
  }

}
