package org.plenum.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.LiveClient;
import org.plenum.server.testing.TestServer;

/**
 * Limits, backpressure and liveness of the meeting socket (protocol §8), strict parsing (§2) and sign-out (S4),
 * seen from real clients — including a hand-written one that misbehaves on purpose.
 */
class LimitsIT {
  /** Defaults, but a small write queue and a short slow-consumer grace (B3). */
  static TestServer server;
  /** A tight rate limit and fast heartbeats (B2, B4). */
  static TestServer strict;
  static String meeting;
  static String strictMeeting;

  @BeforeAll
  static void start() {
    // Slow heartbeats here: the slow consumer of B3 answers no pings either, and must be closed for being slow.
    server = TestServer.start(Map.of("PLENUM_WS_WRITE_QUEUE_MAX_BYTES", "16384", "PLENUM_WS_SLOW_CONSUMER_GRACE", "500ms",
        "PLENUM_WS_HEARTBEAT_INTERVAL", "1m", "PLENUM_WS_HEARTBEAT_TIMEOUT", "10m"));
    strict = TestServer.start(Map.of("PLENUM_WS_RATE_PER_SECOND", "5", "PLENUM_WS_RATE_BURST", "5", "PLENUM_WS_HEARTBEAT_INTERVAL", "200ms",
        "PLENUM_WS_HEARTBEAT_TIMEOUT", "800ms"));
    meeting = demoMeeting(server);
    strictMeeting = demoMeeting(strict);
  }

  @AfterAll
  static void stop() {
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      if (strict != null) {
        strict.close();
      }
    }
  }

  static String demoMeeting(TestServer s) {
    String admin = s.api().login("admin", TestServer.DEMO_PASSWORD);
    return s.api().get("/api/meetings", admin).array("meetings").getJsonObject(0).getString("id");
  }

  static LiveClient client(TestServer s, String m, String user) {
    return LiveClient.signIn(s, m, user, TestServer.DEMO_PASSWORD);
  }

  static RawWebSocket raw(TestServer s, String m, String user, int receiveBuffer) throws IOException {
    String token = s.api().login(user, TestServer.DEMO_PASSWORD);
    RawWebSocket ws = RawWebSocket.open(s.port(), LiveSupport.wsPath(s.api(), m, token), receiveBuffer);
    assertThat(ws.nextText(f -> true).getString("type")).isEqualTo("hello");
    return ws;
  }

  static JsonObject nextError(LiveClient c) {
    return c.next(f -> "error".equals(f.getString("type")) || "closed".equals(f.getString("type")));
  }

  @Test
  @DisplayName("B1: a message over ws.max_message_bytes is answered PAYLOAD_TOO_LARGE with its requestId and the socket stays usable")
  void an_oversized_message_is_refused() {
    try (LiveClient d = client(server, meeting, "delegate1")) {
      d.connect();
      int limit = d.hello.getJsonObject("limits").getInteger("maxMessageBytes");
      String big = new JsonObject().put("type", "ping").put("requestId", "big1").put("pad", "x".repeat(limit + 100)).encode();
      d.sendText(big);
      JsonObject err = nextError(d);
      assertThat(err.getString("code")).as(err.encode()).isEqualTo("PAYLOAD_TOO_LARGE");
      assertThat(err.getString("requestId")).isEqualTo("big1");
      assertThat(d.command("ping", null).getString("type")).isEqualTo("pong");
    }
  }

  @Test
  @DisplayName("B1: a frame over ws.max_frame_bytes makes the server close the socket with 1009")
  void an_oversized_frame_closes_the_socket() throws IOException {
    try (RawWebSocket ws = raw(server, meeting, "delegate2", 0)) {
      ws.sendHeaderOnly(RawWebSocket.TEXT, 131_072 + 1);
      RawWebSocket.Frame f = ws.readFrame();
      while (f != null && f.opcode() != RawWebSocket.CLOSE) {
        f = ws.readFrame();
      }
      assertThat(f).as("a close frame before the end of the stream").isNotNull();
      assertThat(f.closeCode()).isEqualTo(1009);
      assertThat(ws.readFrame()).as("then the server ends the connection").isNull();
    }
  }

  @Test
  @DisplayName("B1: a message reassembled from frames to more than ws.max_frame_bytes makes the server close the socket with 1009")
  void an_oversized_fragmented_message_closes_the_socket() throws IOException {
    try (RawWebSocket ws = raw(server, meeting, "delegate2", 0)) {
      byte[] part = "x".repeat(100_000).getBytes(StandardCharsets.UTF_8);
      ws.sendFrame(RawWebSocket.TEXT, false, part);
      ws.sendFrame(0, true, part);
      RawWebSocket.Frame f = ws.readFrame();
      while (f != null && f.opcode() != RawWebSocket.CLOSE) {
        f = ws.readFrame();
      }
      assertThat(f).as("a close frame, not silence").isNotNull();
      assertThat(f.closeCode()).isEqualTo(1009);
    }
  }

  @Test
  @DisplayName("P2, P5: not JSON, not an object, a missing or bad type or requestId, duplicate keys, an unknown type, an unknown "
      + "field or a field of the wrong type are each answered BAD_MESSAGE, with the requestId when it is readable; nothing changes")
  void bad_messages_are_answered_bad_message() {
    Api api = server.api();
    String admin = api.login("admin", TestServer.DEMO_PASSWORD);
    try (LiveClient d = client(server, meeting, "delegate3")) {
      d.connect();
      long head = LiveSupport.verify(api, meeting, admin).getLong("head");
      int heard = d.events.size();
      String[][] cases = {
          {"this is not JSON", null},
          {"[1,2,3]", null},
          {"\"ping\"", null},
          {"{\"requestId\":\"p3\"}", "p3"},
          {"{\"type\":\"\",\"requestId\":\"p4\"}", "p4"},
          {"{\"type\":42,\"requestId\":\"p5\"}", "p5"},
          {"{\"type\":\"ping\"}", null},
          {"{\"type\":\"ping\",\"requestId\":7}", null},
          {"{\"type\":\"ping\",\"requestId\":\"has space\"}", null},
          {"{\"type\":\"ping\",\"requestId\":\"p6\",\"requestId\":\"p7\"}", null},
          {"{\"type\":\"no.such.command\",\"requestId\":\"p8\"}", "p8"},
          {"{\"type\":\"ping\",\"requestId\":\"p9\",\"extra\":true}", "p9"},
          {"{\"type\":\"presentation.show\",\"requestId\":\"p10\",\"document\":\"d.pdf\",\"page\":\"three\"}", "p10"},
          {"{\"type\":\"session.resume\",\"requestId\":\"p11\",\"lastSeq\":\"yesterday\"}", "p11"},
      };
      for (String[] c : cases) {
        d.sendText(c[0]);
        JsonObject err = nextError(d);
        assertThat(err.getString("type")).as("answer to %s: %s", c[0], err.encode()).isEqualTo("error");
        assertThat(err.getString("code")).as("answer to %s: %s", c[0], err.encode()).isEqualTo("BAD_MESSAGE");
        assertThat(err.getString("requestId")).as("requestId of the answer to %s", c[0]).isEqualTo(c[1]);
      }
      assertThat(d.command("ping", null).getString("type")).as("the socket stays usable").isEqualTo("pong");
      assertThat(LiveSupport.verify(api, meeting, admin).getLong("head")).as("no bad message changed the meeting").isEqualTo(head);
      assertThat(d.events).hasSize(heard);
    }
  }

  @Test
  @DisplayName("P6: a binary frame is answered BAD_MESSAGE and the socket stays open")
  void a_binary_frame_is_answered_bad_message() throws IOException {
    try (RawWebSocket ws = raw(server, meeting, "delegate4", 0)) {
      ws.sendFrame(RawWebSocket.BINARY, "{\"type\":\"ping\",\"requestId\":\"bin1\"}".getBytes(StandardCharsets.UTF_8));
      JsonObject err = ws.nextText(f -> "error".equals(f.getString("type")));
      assertThat(err.getString("code")).isEqualTo("BAD_MESSAGE");
      ws.sendText("{\"type\":\"ping\",\"requestId\":\"after-binary\"}");
      JsonObject pong = ws.nextText(f -> "after-binary".equals(f.getString("requestId")));
      assertThat(pong.getString("type")).isEqualTo("pong");
    }
  }

  @Test
  @DisplayName("S4: signing out closes the sockets of that login session with 4001; another session of the same account stays open")
  void sign_out_closes_the_session_sockets() {
    try (LiveClient tablet = client(server, meeting, "delegate5"); LiveClient phone = client(server, meeting, "delegate5")) {
      tablet.connect();
      phone.connect();
      Api.Response out = server.api().post("/api/auth/logout", null, tablet.token());
      assertThat(out.status()).as(out.toString()).isEqualTo(204);
      JsonObject closed = tablet.next(f -> "closed".equals(f.getString("type")));
      assertThat(closed.getInteger("code")).isEqualTo(4001);
      assertThat(phone.command("ping", null).getString("type")).isEqualTo("pong");
    }
  }

  @Test
  @DisplayName("B3, R1: a client that stops reading while ~10 MB of events are produced is closed (4008); a client resuming from 0 then "
      + "gets every event 1..head in order — nothing was lost")
  void a_slow_consumer_is_closed_and_nothing_is_lost() throws Exception {
    // A meeting of its own, so its 10 MB of agenda events do not weigh on the other tests' replays.
    Api api = server.api();
    String admin = api.login("admin", TestServer.DEMO_PASSWORD);
    Api.Response created = api.post("/api/meetings", new JsonObject().put("title", "Kỳ họp chuyên đề"), admin);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String big = created.json().getString("id");
    for (String user : List.of("secretary", "delegate6")) {
      Api.Response p = api.put("/api/meetings/" + big + "/participants", new JsonObject().put("accountId", accountId(api, admin, user))
          .put("role", user.equals("secretary") ? "SECRETARY" : "DELEGATE"), admin);
      assertThat(p.status()).as(p.toString()).isEqualTo(200);
    }
    String secretary = api.login("secretary", TestServer.DEMO_PASSWORD);
    List<Long> seen = new ArrayList<>();
    long head;
    try (RawWebSocket slow = raw(server, big, "delegate6", 4096)) {
      slow.sendText("{\"type\":\"session.resume\",\"requestId\":\"slow1\",\"lastSeq\":0}");
      JsonObject ack = slow.nextText(f -> {
        if (f.getLong("seq") != null && !"ack".equals(f.getString("type"))) {
          seen.add(f.getLong("seq"));
        }
        return "slow1".equals(f.getString("requestId"));
      });
      assertThat(ack.getString("mode")).isEqualTo("replay");
      // From here on the client reads nothing. Each agenda.changed carries the whole agenda: 180 items of ~460
      // characters make ~10 MB of frames for this one socket — more than the kernel's socket buffers hold.
      head = 0;
      for (int i = 1; i <= 180; i++) {
        String title = String.format("%03d ", i) + "Báo cáo tình hình kinh tế – xã hội ".repeat(13);
        Api.Response r = api.post("/api/meetings/" + big + "/agenda", new JsonObject().put("title", title.strip()), secretary);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        head = r.json().getLong("seq");
      }

      // Now read what the server had queued for it: events in order, then the close — the server did not wait.
      slow.setReadTimeout(20_000);
      RawWebSocket.Frame f;
      int closeCode = -1;
      try {
        while ((f = slow.readMessage()) != null) {
          if (f.opcode() == RawWebSocket.CLOSE) {
            closeCode = f.closeCode();
            break;
          }
          if (f.opcode() == RawWebSocket.TEXT) {
            JsonObject frame = f.json();
            if (frame.getLong("seq") != null && !"ack".equals(frame.getString("type"))) {
              seen.add(frame.getLong("seq"));
            }
          }
        }
      } catch (java.net.SocketTimeoutException e) {
        throw new AssertionError("the server never closed the slow socket (it got events up to " + seen.get(seen.size() - 1) + ")", e);
      }
      assertThat(closeCode).as("closed by the server as a slow consumer (or cut off: -1)").isIn(4008, -1);
      assertThat(seen).as("what it did get came in order, once").isSorted().doesNotHaveDuplicates();
    }

    try (LiveClient back = LiveClient.signIn(server, big, "delegate6", TestServer.DEMO_PASSWORD)) {
      JsonObject ack = back.connect();
      assertThat(ack.getString("mode")).isEqualTo("replay");
      assertThat(ack.getLong("seq")).isEqualTo(head);
      List<Long> all = LiveSupport.seqs(LiveSupport.ledger(api, big, back.token()));
      assertThat(all).as("the ledger as this delegate may see it").endsWith(head);
      assertThat(LiveSupport.seqs(List.copyOf(back.events))).as("resuming from 0 gives every event, in order").containsExactlyElementsOf(all);
      assertThat(all).as("and what the slow socket had got is part of it").containsAll(seen);
    }
    try (LiveClient runner = LiveClient.signIn(server, big, "admin", TestServer.DEMO_PASSWORD)) {
      JsonObject ack = runner.connect();
      assertThat(LiveSupport.seqs(List.copyOf(runner.events))).as("nothing is missing from the ledger: 1..head")
          .containsExactlyElementsOf(LongStream.rangeClosed(1, ack.getLong("seq")).boxed().toList());
    }
  }

  static String accountId(Api api, String admin, String username) {
    for (Object o : api.get("/api/meetings/" + meeting + "/participants", admin).array("participants")) {
      JsonObject p = (JsonObject) o;
      if (username.equals(p.getString("username"))) {
        return p.getString("accountId");
      }
    }
    throw new AssertionError("no participant " + username);
  }

  @Test
  @DisplayName("B2: with 5 messages per second and bursts of 5, a burst of 20 pings gets some RATE_LIMITED errors and the socket stays "
      + "open; a client that keeps flooding is closed with 4029")
  void flooding_is_rate_limited_then_closed() throws Exception {
    try (LiveClient d = client(strict, strictMeeting, "delegate1")) {
      d.connect();
      Thread.sleep(300); // the bucket refills to its burst of 5
      for (int i = 0; i < 20; i++) {
        d.sendText("{\"type\":\"ping\",\"requestId\":\"burst" + i + "\"}");
      }
      Thread.sleep(300); // a token comes back
      d.sendText("{\"type\":\"ping\",\"requestId\":\"after-burst\"}");
      int pongs = 0;
      int limited = 0;
      while (true) {
        JsonObject f = d.next(x -> List.of("pong", "error", "closed").contains(x.getString("type")));
        assertThat(f.getString("type")).as("still open after the burst: %s", f.encode()).isNotEqualTo("closed");
        if ("after-burst".equals(f.getString("requestId"))) {
          assertThat(f.getString("type")).isEqualTo("pong");
          break;
        }
        if (f.getString("type").equals("pong")) {
          pongs++;
        } else {
          assertThat(f.getString("code")).isEqualTo("RATE_LIMITED");
          limited++;
        }
      }
      assertThat(pongs).as("the burst allowance was served, the rest was not").isBetween(1, 19);
      assertThat(limited).as("the excess was refused with RATE_LIMITED").isPositive();

      long until = System.nanoTime() + 15_000_000_000L;
      int sent = 0;
      try {
        while (!d.closed().isDone() && System.nanoTime() < until) {
          d.sendText("{\"type\":\"ping\",\"requestId\":\"flood" + sent++ + "\"}");
        }
      } catch (CompletionException | IllegalStateException closedWhileSending) {
        // the server closed the socket under us
      }
      JsonObject closed = d.next(x -> "closed".equals(x.getString("type")), 10);
      assertThat(closed.getInteger("code")).as("after %d flood messages: %s", sent, closed.encode()).isEqualTo(4029);
    }
  }

  @Test
  @DisplayName("B4: a client that never answers pings is closed with 4000 within a few heartbeats; a client that answers them stays open")
  void a_silent_client_is_closed_by_the_heartbeat() throws Exception {
    try (LiveClient polite = client(strict, strictMeeting, "delegate2"); RawWebSocket silent = raw(strict, strictMeeting, "delegate3", 0)) {
      polite.connect();
      long openedAt = System.nanoTime();
      silent.setReadTimeout(5000);
      int pings = 0;
      RawWebSocket.Frame f;
      while ((f = silent.readFrame()) != null && f.opcode() != RawWebSocket.CLOSE) {
        if (f.opcode() == RawWebSocket.PING) {
          pings++;
        }
      }
      assertThat(f).as("a close frame from the server").isNotNull();
      assertThat(f.closeCode()).isEqualTo(4000);
      assertThat(pings).as("it was pinged before being given up").isPositive();

      long waited = (System.nanoTime() - openedAt) / 1_000_000;
      Thread.sleep(Math.max(0, 2000 - waited)); // well past the 800 ms timeout
      assertThat(polite.command("ping", null).getString("type")).isEqualTo("pong");
      assertThat(polite.closed()).isNotDone();
    }
  }
}
