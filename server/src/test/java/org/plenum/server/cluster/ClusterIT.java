package org.plenum.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.LiveClient;
import org.plenum.server.testing.TestServer;
import org.plenum.server.vote.VoteFeature;

/**
 * Protocol §17 with two real nodes in this JVM: each a whole Plenum (Hazelcast-clustered Vert.x, its own HTTP port)
 * on one PostgreSQL, a cluster name and member ports unique to this run, all on loopback.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
  static ClusterNodes nodes;
  static TestServer a;
  static TestServer b;
  static String meeting;

  @BeforeAll
  static void start() throws Exception {
    nodes = new ClusterNodes(2, "1500ms");
    a = TestServer.start(nodes.env(0));
    b = TestServer.start(nodes.env(1));
    String admin = a.api().login("admin", TestServer.DEMO_PASSWORD);
    meeting = a.api().get("/api/meetings", admin).array("meetings").getJsonObject(0).getString("id");
  }

  @AfterAll
  static void stop() {
    if (b != null) {
      b.close();
    }
    if (a != null) {
      a.close();
    }
  }

  static LiveClient on(TestServer node, String user) {
    Api api = node.api();
    return new LiveClient(api, node.port(), meeting, api.login(user, TestServer.DEMO_PASSWORD));
  }

  static List<String> ledgerFrames(LiveClient c, long from, long to) {
    List<String> out = new ArrayList<>();
    synchronized (c.events) {
      for (JsonObject e : c.events) {
        Long seq = e.getLong("seq");
        if (seq != null && seq > from && seq <= to && e.getString("hash") != null) {
          out.add(seq + " " + e.getString("type") + " " + e.getString("hash"));
        }
      }
    }
    return out;
  }

  @Test
  @Order(1)
  @DisplayName("CL1: clients on node A and node B of one meeting see each other's events, every one once, in the same order")
  void both_nodes_see_the_same_events_in_the_same_order() {
    try (LiveClient chairA = on(a, "chair"); LiveClient chairB = on(b, "chair"); LiveClient d1B = on(b, "delegate1");
         LiveClient d2A = on(a, "delegate2")) {
      chairA.connect();
      chairB.connect();
      d1B.connect();
      d2A.connect();
      long from = d2A.lastSeq();
      long last = 0;
      for (int i = 0; i < 20; i++) {
        LiveClient sender = i % 2 == 0 ? chairA : chairB;
        JsonObject ack = sender.command("presentation.show", new JsonObject().put("document", "doc-cl1").put("page", i + 1));
        assertThat(ack.getString("type")).as(ack.encode()).isEqualTo("ack");
        last = Math.max(last, ack.getLong("seq"));
      }
      for (LiveClient c : List.of(chairA, chairB, d1B, d2A)) {
        c.awaitSeq(last, 15);
      }
      long start = from;
      List<String> seen = ledgerFrames(d2A, start, last);
      assertThat(seen).hasSize((int) (last - start));
      assertThat(ledgerFrames(d1B, start, last)).containsExactlyElementsOf(seen);
      assertThat(ledgerFrames(chairA, start, last)).containsExactlyElementsOf(seen);
      assertThat(ledgerFrames(chairB, start, last)).containsExactlyElementsOf(seen);
    }
  }

  @Test
  @Order(3)
  @DisplayName("CL2: signing out through node A closes that login session's socket on node B with 4001")
  void sign_out_on_a_closes_the_socket_on_b() {
    String token = a.api().login("delegate5", TestServer.DEMO_PASSWORD);
    try (LiveClient onB = new LiveClient(b.api(), b.port(), meeting, token); LiveClient other = on(b, "delegate5")) {
      onB.connect();
      other.connect();
      Api.Response out = a.api().post("/api/auth/logout", null, token);
      assertThat(out.status()).as(out.toString()).isEqualTo(204);
      JsonObject closed = onB.next(f -> "closed".equals(f.getString("type")));
      assertThat(closed.getInteger("code")).isEqualTo(4001);
      assertThat(other.command("ping", null).getString("type")).isEqualTo("pong");
    }
  }

  @Test
  @Order(2)
  @DisplayName("CL6, PS5: presence is one across nodes: sockets on A and on B each see every connection of the meeting, an update "
      + "made on B and a leave on A")
  void presence_is_merged_across_nodes() {
    try (LiveClient chairA = on(a, "chair"); LiveClient d1B = on(b, "delegate1"); LiveClient d2A = on(a, "delegate2")) {
      List<LiveClient> all = List.of(chairA, d1B, d2A);
      all.forEach(LiveClient::connect);
      for (LiveClient c : all) {
        org.plenum.server.live.PresenceAcrossLoopsIT.presenceUntil(c, org.plenum.server.live.PresenceAcrossLoopsIT.ids(all));
      }
      assertThat(d1B.command("presence.update", new JsonObject().put("device", "Máy tính bảng B")).getString("type")).isEqualTo("ack");
      String onB = d1B.hello.getString("connectionId");
      chairA.next(f -> "presence.changed".equals(f.getString("type")) && f.getJsonArray("updated").stream()
          .anyMatch(o -> onB.equals(((JsonObject) o).getString("connectionId")) && "Máy tính bảng B".equals(((JsonObject) o).getString("device"))));
      String leaving = d2A.hello.getString("connectionId");
      d2A.close();
      d1B.next(f -> "presence.changed".equals(f.getString("type")) && f.getJsonArray("left").contains(leaving));
    }
  }

  @Test
  @Order(4)
  @DisplayName("CL3, CL4: one node owns the poll clocks; a timed poll opened through A closes on time through B after A stops")
  void a_timed_poll_opened_through_a_closes_through_b() throws Exception {
    assertThat(a.app().ownership().owns(VoteFeature.POLL_TIMERS)).as("the first node took the poll clocks").isTrue();
    assertThat(b.app().ownership().owns(VoteFeature.POLL_TIMERS)).isFalse();
    try (LiveClient chairA = on(a, "chair"); LiveClient watcher = on(b, "delegate3")) {
      chairA.connect();
      watcher.connect();
      JsonObject created = chairA.command("poll.create", new JsonObject().put("title", "Có thời hạn qua hai nút")
          .put("kind", "YES_NO_ABSTAIN").put("secrecy", "NAMED").put("durationSeconds", 10));
      assertThat(created.getString("type")).as(created.encode()).isEqualTo("ack");
      String poll = chairA.event("poll.created").getJsonObject("data").getString("pollId");
      assertThat(chairA.command("poll.open", new JsonObject().put("pollId", poll)).getString("type")).isEqualTo("ack");
      JsonObject opened = watcher.event("poll.opened");
      Instant closesAt = Instant.parse(opened.getJsonObject("data").getString("closesAt"));
      chairA.close();
      a.close();   // A leaves: its clock is gone, B takes the poll clocks over
      a = null;
      JsonObject closed = watcher.next(f -> "poll.closed".equals(f.getString("type")), 30);
      Instant at = Instant.parse(closed.getString("at"));
      assertThat(closed.getJsonObject("data").getString("pollId")).isEqualTo(poll);
      assertThat(Duration.between(closesAt, at)).as("closed at its time, give or take the takeover (lease 1.5 s + sweep 1 s)")
          .isBetween(Duration.ZERO, Duration.ofSeconds(5));
      assertThat(b.app().ownership().owns(VoteFeature.POLL_TIMERS)).isTrue();
    }
  }
}
