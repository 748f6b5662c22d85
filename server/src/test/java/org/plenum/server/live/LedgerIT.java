package org.plenum.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.LiveClient;
import org.plenum.server.testing.TestServer;

/** The ledger's hash chain (L2) and its single writer per meeting across server processes (L3). */
class LedgerIT {
  private static final Map<String, String> FAST = Map.of("PLENUM_WS_RATE_PER_SECOND", "1000", "PLENUM_WS_RATE_BURST", "1000");

  static String demoMeeting(TestServer s, String admin) {
    return s.api().get("/api/meetings", admin).array("meetings").getJsonObject(0).getString("id");
  }

  static JsonObject acked(JsonObject answer) {
    assertThat(answer.getString("type")).as(answer.encode()).isEqualTo("ack");
    return answer;
  }

  @Test
  @DisplayName("L2: after a mix of commands the chain verifies up to the last seq; changing one stored event's data breaks it at "
      + "exactly that seq")
  void the_hash_chain_verifies_and_catches_tampering() throws Exception {
    try (TestServer server = TestServer.start()) {
      Api api = server.api();
      String admin = api.login("admin", TestServer.DEMO_PASSWORD);
      String meeting = demoMeeting(server, admin);
      try (LiveClient chair = LiveClient.signIn(server, meeting, "chair", TestServer.DEMO_PASSWORD);
           LiveClient delegate = LiveClient.signIn(server, meeting, "delegate1", TestServer.DEMO_PASSWORD)) {
        chair.connect();
        delegate.connect();
        acked(chair.command("meeting.open", null));
        acked(chair.command("agenda.add", new JsonObject().put("title", "Dự toán ngân sách 2027").put("durationMinutes", 45)));
        acked(chair.command("agenda.add", new JsonObject().put("title", "Nhân sự (nội bộ)").put("internal", true)));
        long shown = acked(chair.command("presentation.show", new JsonObject().put("document", "budget-2027.pdf").put("page", 12)))
            .getLong("seq");
        acked(delegate.command("attendance.set", new JsonObject().put("accountId", delegate.hello.getString("accountId")).put("status", "PRESENT")));
        acked(delegate.command("speaker.request", new JsonObject().put("kind", "QUESTION")));
        Api.Response rest = api.post("/api/meetings/" + meeting + "/agenda", new JsonObject().put("title", "Các vấn đề khác"),
            api.login("secretary", TestServer.DEMO_PASSWORD));
        assertThat(rest.status()).as(rest.toString()).isEqualTo(201);
        long last = rest.json().getLong("seq");

        JsonObject ok = LiveSupport.verify(api, meeting, chair.token());
        assertThat(ok.getBoolean("valid")).as(ok.encode()).isTrue();
        assertThat(ok.getLong("head")).isEqualTo(last);
        List<JsonObject> ledger = LiveSupport.ledger(api, meeting, admin);
        assertThat(LiveSupport.seqs(ledger)).containsExactlyElementsOf(LongStream.rangeClosed(1, last).boxed().toList());
        assertThat(ok.getString("headHash")).isEqualTo(ledger.get(ledger.size() - 1).getString("hash"));

        try (Connection db = server.jdbc();
             PreparedStatement tamper = db.prepareStatement(
                 "update ledger_event set data = replace(data, '\"page\":12', '\"page\":13') where meeting_id = ? and seq = ?")) {
          tamper.setObject(1, UUID.fromString(meeting));
          tamper.setLong(2, shown);
          assertThat(tamper.executeUpdate()).isEqualTo(1);
        }
        JsonObject broken = LiveSupport.verify(api, meeting, admin);
        assertThat(broken.getBoolean("valid")).as(broken.encode()).isFalse();
        assertThat(broken.getLong("brokenAt")).isEqualTo(shown);
        assertThat(broken.getLong("head")).isEqualTo(last);
      }
    }
  }

  @Test
  @DisplayName("L3, R1: two server instances on one database write to one meeting at once — seq 1..N with no gap or duplicate and a "
      + "valid chain; a client of instance A that resumes after B's writes gets them")
  void two_instances_share_one_gap_free_ledger() throws Exception {
    try (TestServer a = TestServer.start(FAST)) {
      Map<String, String> second = new java.util.HashMap<>(FAST);
      second.put("PLENUM_DB_URL", a.dbUrl());
      second.put("PLENUM_DEMO_SEED", "never");
      try (TestServer b = TestServer.start(second)) {
        String admin = a.api().login("admin", TestServer.DEMO_PASSWORD);
        String meeting = demoMeeting(a, admin);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (LiveClient watcher = LiveClient.signIn(a, meeting, "delegate1", TestServer.DEMO_PASSWORD);
             LiveClient chairA = LiveClient.signIn(a, meeting, "chair", TestServer.DEMO_PASSWORD);
             LiveClient chairB = LiveClient.signIn(b, meeting, "chair", TestServer.DEMO_PASSWORD)) {
          watcher.connect();
          chairA.connect();
          chairB.connect();
          String secretary = a.api().login("secretary", TestServer.DEMO_PASSWORD);
          List<Long> written = Collections.synchronizedList(new ArrayList<>());
          List<Future<?>> writers = new ArrayList<>();
          for (LiveClient chair : List.of(chairA, chairB)) {
            writers.add(pool.submit(() -> {
              for (int page = 1; page <= 100; page++) {
                written.add(acked(chair.command("presentation.show", new JsonObject().put("document", "d.pdf").put("page", page))).getLong("seq"));
              }
            }));
          }
          for (TestServer s : List.of(a, b)) {
            writers.add(pool.submit(() -> {
              for (int i = 1; i <= 25; i++) {
                Api.Response r = s.api().post("/api/meetings/" + meeting + "/agenda", new JsonObject().put("title", "Mục " + s.port() + "-" + i),
                    secretary);
                assertThat(r.status()).as(r.toString()).isEqualTo(201);
                written.add(r.json().getLong("seq"));
              }
            }));
          }
          for (Future<?> w : writers) {
            w.get();
          }
          assertThat(written).hasSize(250).doesNotHaveDuplicates();

          // The watcher on A drops; B alone writes a few more; the watcher comes back to A and resumes.
          watcher.drop();
          for (int page = 101; page <= 105; page++) {
            written.add(acked(chairB.command("presentation.show", new JsonObject().put("document", "d.pdf").put("page", page))).getLong("seq"));
          }

          List<JsonObject> ledger = LiveSupport.ledger(a.api(), meeting, admin);
          long head = ledger.get(ledger.size() - 1).getLong("seq");
          assertThat(LiveSupport.seqs(ledger)).as("one gap-free sequence").containsExactlyElementsOf(LongStream.rangeClosed(1, head).boxed().toList());
          assertThat(LiveSupport.seqs(ledger)).containsAll(written);
          assertThat(ledger.stream().filter(e -> e.getString("type").equals("presentation.changed")).count()).isEqualTo(205);
          for (TestServer s : List.of(a, b)) {
            JsonObject v = LiveSupport.verify(s.api(), meeting, admin);
            assertThat(v.getBoolean("valid")).as(v.encode()).isTrue();
            assertThat(v.getLong("head")).isEqualTo(head);
          }

          JsonObject ack = watcher.connect();
          assertThat(ack.getLong("seq")).isEqualTo(head);
          List<Long> visible = LiveSupport.seqs(LiveSupport.ledger(a.api(), meeting, watcher.token()));
          assertThat(LiveSupport.seqs(List.copyOf(watcher.events))).as("everything, written through A or B, once and in order")
              .containsExactlyElementsOf(visible);
        } finally {
          pool.shutdownNow();
        }
      }
    }
  }
}
