package org.plenum.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.LiveClient;
import org.plenum.server.testing.TestServer;

class LiveChannelIT {
  static TestServer server;
  static String meeting;

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of("PLENUM_WS_RESUME_MAX_EVENTS", "20"));
    String admin = server.api().login("admin", TestServer.DEMO_PASSWORD);
    meeting = server.api().get("/api/meetings", admin).array("meetings").getJsonObject(0).getString("id");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  LiveClient client(String user) {
    return LiveClient.signIn(server, meeting, user, TestServer.DEMO_PASSWORD);
  }

  @Test
  @DisplayName("P1, P3, P4, R1: a socket greets with hello; a command is acked with its seq and every live client gets the event with that seq")
  void command_ack_and_event() {
    try (LiveClient chair = client("chair"); LiveClient d1 = client("delegate1")) {
      assertThat(chair.open().hello.getString("role")).isEqualTo("CHAIR");
      chair.resume(chair.lastSeq());
      d1.connect();
      JsonObject ack = chair.command("presentation.show", new JsonObject().put("document", "doc-1").put("page", 3));
      assertThat(ack.getString("type")).as(ack.encode()).isEqualTo("ack");
      long seq = ack.getLong("seq");
      JsonObject ev = d1.event("presentation.changed");
      assertThat(ev.getLong("seq")).isEqualTo(seq);
      assertThat(ev.getJsonObject("data").getInteger("page")).isEqualTo(3);
      assertThat(ev.getString("hash")).hasSize(64);
      assertThat(ev.getString("by")).isEqualTo(chair.hello.getString("accountId"));
      assertThat(java.time.Instant.parse(ev.getString("at"))).isNotNull();
      assertThat(chair.event("presentation.changed").getLong("seq")).isEqualTo(seq);
    }
  }

  @Test
  @DisplayName("R2: resuming with lastSeq null gives a snapshot at a seq; R3: a gap over ws.resume_max_events gives a snapshot too")
  void snapshot_modes() {
    try (LiveClient chair = client("chair")) {
      chair.connect();
      for (int i = 0; i < 25; i++) {
        assertThat(chair.command("presentation.show", new JsonObject().put("document", "d").put("page", i + 1)).getString("type")).isEqualTo("ack");
      }
    }
    try (LiveClient d = client("delegate2")) {
      d.open();
      JsonObject ack = d.resume(null);
      assertThat(ack.getString("mode")).isEqualTo("snapshot");
      try (LiveClient e = client("delegate3")) {
        e.open();
        JsonObject ack2 = e.resume(1L);
        assertThat(ack2.getString("mode")).isEqualTo("snapshot");
        assertThat(ack2.getString("reason")).isEqualTo("GAP_TOO_OLD");
      }
    }
  }
}
