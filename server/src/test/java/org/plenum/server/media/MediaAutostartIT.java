package org.plenum.server.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.media.janus.JanusProcess;
import org.plenum.server.testing.LiveClient;
import org.plenum.server.testing.LiveMeetingFixture;

/** media.janus_autostart: the server starts and stops its own Janus (control on 127.0.0.1); no WebRTC here. */
class MediaAutostartIT {

  @Test
  @DisplayName("MV6: with media.janus_autostart and janus installed, media.state says video is available; the Janus stops with the server")
  void autostarted_janus_serves_the_meeting() throws Exception {
    Assumptions.assumeTrue(JanusProcess.installed(), "janus is not installed");
    long janusBefore = janusProcesses();
    try (LiveMeetingFixture fx = LiveMeetingFixture.start(Map.of("PLENUM_MEDIA_JANUS_AUTOSTART", "true",
        "PLENUM_MEDIA_RTP_PORT_RANGE", "31000-31099"))) {
      assertThat(janusProcesses()).isEqualTo(janusBefore + 1);
      try (LiveClient room = fx.client(fx.demo(), "room1")) {
        JsonObject state = room.command("media.state", null);
        assertThat(state.getString("type")).as(state.encode()).isEqualTo("ack");
        assertThat(state.getBoolean("available")).isTrue();
        JsonObject sub = room.command("media.subscribe", new JsonObject().put("feed", "speaker"));
        assertThat(sub.getString("code")).as("nobody has the floor").isEqualTo("NOT_FOUND");
      }
    }
    assertThat(janusProcesses()).isEqualTo(janusBefore);
  }

  /** Janus processes that are children of this JVM. */
  private static long janusProcesses() {
    return ProcessHandle.current().descendants().filter(p -> p.info().command().map(c -> c.endsWith("/janus")).orElse(false))
        .filter(ProcessHandle::isAlive).count();
  }
}
