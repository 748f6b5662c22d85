package org.plenum.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.LiveClient;
import org.plenum.server.testing.TestServer;

/** Resume after a lost connection (protocol §3), with many real WebSocket clients in one meeting. */
class ResumeIT {
  static TestServer server;
  static String meeting;
  static String admin;

  @BeforeAll
  static void start() {
    // The chair drives 200 commands in ~10 s; lift the per-socket rate so the generator is never throttled.
    server = TestServer.start(Map.of("PLENUM_WS_RATE_PER_SECOND", "1000", "PLENUM_WS_RATE_BURST", "1000"));
    admin = server.api().login("admin", TestServer.DEMO_PASSWORD);
    meeting = server.api().get("/api/meetings", admin).array("meetings").getJsonObject(0).getString("id");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static LiveClient client(String user) {
    return LiveClient.signIn(server, meeting, user, TestServer.DEMO_PASSWORD);
  }

  static JsonObject show(LiveClient chair, int page) {
    JsonObject ack = chair.command("presentation.show", new JsonObject().put("document", "budget-2027.pdf").put("page", page));
    assertThat(ack.getString("type")).as(ack.encode()).isEqualTo("ack");
    return ack;
  }

  @Test
  @DisplayName("R1, R5: 50 clients; one drops for 10 s while 200 events happen; on reconnect it receives exactly those 200, in order, "
      + "no duplicates; the others saw all 200 live")
  void a_dropped_client_gets_exactly_what_it_missed() throws Exception {
    // 50 tablets: every demo participant but the chair (six delegates, the secretary, three remote rooms) signed in
    // on five devices each — a mix of views, each device with its own login session and socket.
    List<String> accounts = List.of("delegate1", "delegate2", "delegate3", "delegate4", "delegate5", "delegate6", "secretary", "room1",
        "room2", "room3");
    List<String> users = new ArrayList<>();
    for (int device = 0; device < 5; device++) {
      users.addAll(accounts);
    }
    assertThat(users).hasSize(50);

    List<LiveClient> clients = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (LiveClient chair = client("chair")) {
      List<Future<LiveClient>> opening = new ArrayList<>();
      for (String u : users) {
        opening.add(pool.submit(() -> {
          LiveClient c = client(u);
          JsonObject ack = c.connect();
          assertThat(ack.getString("mode")).as(ack.encode()).isEqualTo("replay");
          return c;
        }));
      }
      for (Future<LiveClient> f : opening) {
        clients.add(f.get());
      }
      long before = chair.connect().getLong("seq");

      LiveClient dropped = clients.get(0);
      int heardBeforeDrop = dropped.events.size();
      dropped.drop();

      // ~10 s of meeting: 200 page turns, each acknowledged with its seq.
      List<Long> written = new ArrayList<>();
      long startedAt = System.nanoTime();
      for (int page = 1; page <= 200; page++) {
        written.add(show(chair, page).getLong("seq"));
        long due = startedAt + page * 50_000_000L;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000);
        }
      }
      assertThat(written).as("the 200 events have consecutive seqs after the head").containsExactlyElementsOf(
          LongStream.rangeClosed(before + 1, before + 200).boxed().toList());
      long last = written.get(written.size() - 1);

      for (LiveClient c : clients.subList(1, clients.size())) {
        c.awaitSeq(last, 30);
        List<Long> live = LiveSupport.seqs(List.copyOf(c.events)).stream().filter(s -> s > before).toList();
        assertThat(live).as("a client that stayed connected saw all 200 live, in order, once").containsExactlyElementsOf(written);
      }

      JsonObject ack = dropped.connect();
      assertThat(ack.getString("mode")).isEqualTo("replay");
      assertThat(ack.getInteger("replayed")).isEqualTo(200);
      assertThat(ack.getLong("seq")).isEqualTo(last);
      List<JsonObject> replayed = List.copyOf(dropped.events).subList(heardBeforeDrop, dropped.events.size());
      assertThat(LiveSupport.seqs(replayed)).as("exactly the missed events, in order").containsExactlyElementsOf(written);
      for (int i = 0; i < replayed.size(); i++) {
        assertThat(replayed.get(i).getString("type")).isEqualTo("presentation.changed");
        assertThat(replayed.get(i).getJsonObject("data").getInteger("page")).isEqualTo(i + 1);
      }
      assertThat(LiveSupport.seqs(List.copyOf(dropped.events))).doesNotHaveDuplicates().isSorted();

      // R5: live again after the ack — the next event reaches it once.
      long next = show(chair, 201).getLong("seq");
      dropped.awaitSeq(next, 15);
      assertThat(LiveSupport.seqs(List.copyOf(dropped.events)).stream().filter(s -> s > before).toList())
          .containsExactlyElementsOf(LongStream.rangeClosed(before + 1, next).boxed().toList());
    } finally {
      clients.forEach(LiveClient::close);
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("R5: ten clients that drop and resume again and again while the chair keeps turning pages each end with every event "
      + "exactly once, in order")
  void resuming_during_a_stream_loses_and_doubles_nothing() throws Exception {
    List<String> accounts = List.of("delegate1", "delegate2", "delegate3", "delegate4", "delegate5", "delegate6", "secretary", "room1",
        "room2", "room3");
    List<LiveClient> clients = new ArrayList<>();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (LiveClient chair = client("chair")) {
      for (String a : accounts) {
        LiveClient c = client(a);
        c.connect();
        clients.add(c);
      }
      long before = chair.connect().getLong("seq");
      Future<List<Long>> stream = pool.submit(() -> {
        List<Long> seqs = new ArrayList<>();
        for (int page = 1; page <= 150; page++) {
          seqs.add(show(chair, page).getLong("seq"));
          Thread.sleep(10);
        }
        return seqs;
      });
      int round = 0;
      while (!stream.isDone()) {
        LiveClient c = clients.get(round++ % clients.size());
        c.drop();
        Thread.sleep(round % 3 * 15L);
        JsonObject ack = c.connect();
        assertThat(ack.getString("mode")).as(ack.encode()).isEqualTo("replay");
      }
      List<Long> written = stream.get();
      assertThat(round).as("clients resumed while the stream ran").isGreaterThanOrEqualTo(5);
      long last = written.get(written.size() - 1);
      for (LiveClient c : clients) {
        c.awaitSeq(last, 15);
        List<Long> got = LiveSupport.seqs(List.copyOf(c.events)).stream().filter(seq -> seq > before).toList();
        assertThat(got).as("every event once, in order").containsExactlyElementsOf(written);
      }
    } finally {
      clients.forEach(LiveClient::close);
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("R4: a lastSeq ahead of the server gets a snapshot at the server's head with ack reason STALE_CLOCK; the client is then live")
  void a_client_ahead_of_the_server_gets_a_snapshot() {
    try (LiveClient chair = client("chair"); LiveClient d = client("delegate2")) {
      long head = chair.connect().getLong("seq");
      d.open();
      d.sendText(new JsonObject().put("type", "session.resume").put("requestId", "ahead1").put("lastSeq", head + 1000).encode());
      JsonObject first = d.next(f -> !f.getString("type").startsWith("presence."));
      assertThat(first.getString("type")).as(first.encode()).isEqualTo("snapshot");
      assertThat(first.getLong("seq")).isEqualTo(head);
      assertThat(first.getJsonObject("data").getLong("seq")).isEqualTo(head);
      JsonObject ack = d.next(f -> !f.getString("type").startsWith("presence."));
      assertThat(ack.getString("type")).as(ack.encode()).isEqualTo("ack");
      assertThat(ack.getString("requestId")).isEqualTo("ahead1");
      assertThat(ack.getString("mode")).isEqualTo("snapshot");
      assertThat(ack.getString("reason")).isEqualTo("STALE_CLOCK");
      assertThat(ack.getLong("seq")).isEqualTo(head);

      long seq = show(chair, 7).getLong("seq");
      assertThat(d.event("presentation.changed").getLong("seq")).isEqualTo(seq);
      assertThat(d.lastSeq()).isEqualTo(seq);
    }
  }

  @Test
  @DisplayName("R6: a second session.resume on one socket is BAD_MESSAGE; the socket stays live and gets each event once")
  void a_socket_resumes_once() {
    try (LiveClient chair = client("chair"); LiveClient d = client("delegate3")) {
      chair.connect();
      d.connect();
      int heard = d.events.size();
      JsonObject again = d.resume(0L);
      assertThat(again.getString("type")).as(again.encode()).isEqualTo("error");
      assertThat(again.getString("code")).isEqualTo("BAD_MESSAGE");
      assertThat(d.events).as("the refused resume replays nothing").hasSize(heard);

      assertThat(d.command("ping", null).getString("type")).isEqualTo("pong");
      long seq = show(chair, 9).getLong("seq");
      d.awaitSeq(seq, 15);
      assertThat(d.events.subList(heard, d.events.size())).extracting(e -> e.getLong("seq")).containsExactly(seq);
    }
  }
}
