package org.plenum.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.media.ServerVideoIT.await;
import static org.plenum.server.media.ServerVideoIT.requireNamespace;
import static org.plenum.server.media.ServerVideoIT.until;
import static org.plenum.server.media.WallVideoIT.field;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plenum.media.agent.RoomAgent;
import org.plenum.media.agent.RoomAgentConfig;
import org.plenum.media.agent.WhipClient;
import org.plenum.media.janus.JanusProcess;
import org.plenum.media.testsupport.Chromium;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.LiveClient;
import org.plenum.server.testing.LiveMeetingFixture;

/**
 * Issue 13's hall encoder by WHIP, with issue 19's codecs (failsafe execution {@code video-it}): the chair issues a
 * HALL credential for the main hall's room; a webrtc-java agent publishes H.264 only through it, like the hall's
 * hardware encoder; it is the meeting's hall feed, and the kiosk in Chromium decodes it in its chair tile exactly as
 * the chair console's camera (MV18).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class HallWhipVideoIT {
  private final VideoRig rig = new VideoRig();
  private final List<AutoCloseable> cleanup = rig.cleanup;
  private final Map<String, String> devices = new java.util.concurrent.ConcurrentHashMap<>();
  private Vertx vertx;

  @AfterEach
  void tearDown() throws Exception {
    rig.close();
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  @DisplayName("MV27, MV20, MV18: an H.264 encoder publishing by a HALL credential is the hall feed (chairFeedId, never muted) and the "
      + "Chromium kiosk decodes it in its chair tile; DELETE ends the hall feed")
  void hall_encoder_by_whip_is_the_hall_feed() throws Exception {
    requireNamespace();
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "hallwhip-");
    JanusProcess janus = rig.janus(dir.resolve("janus"), "plenum-test", 36000);
    LiveMeetingFixture fx = rig.fixture(Map.of(), janus);
    String meeting = fx.demo();
    String server = "http://127.0.0.1:" + fx.server().port();
    Api api = fx.api();
    String chairToken = fx.token("chair");
    Map<String, String> rooms = EndpointConformanceVideoIT.importRooms(api, meeting, chairToken, "HT");
    Api.Response issued = api.post("/api/meetings/" + meeting + "/rooms/" + rooms.get("HT") + "/credentials",
        new JsonObject().put("kind", "HALL"), chairToken);
    assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
    JsonObject hall = issued.json();
    assertThat(hall.getString("url")).endsWith("/whip/" + meeting + "/HT");
    LiveClient secretary = fx.client(meeting, "secretary");
    cleanup.add(secretary);

    vertx = Vertx.vertx();
    RoomAgent encoder = new RoomAgent(vertx, RoomAgentConfig.of("hall-encoder", 21));
    cleanup.add(encoder);
    WhipClient pub = await(WhipClient.publish(vertx, encoder, hall.getString("url"), hall.getString("secret"),
        EndpointConformanceVideoIT::h264Only));
    cleanup.add(pub);
    assertThat(SdpLines.codecs(pub.created().body(), "video")).containsExactly("H264");
    until(() -> rooms.get("HT").equals(secretary.command("media.state", new JsonObject()).getString("chairFeedId")),
        Duration.ofSeconds(30), () -> "no hall feed: " + secretary.command("media.state", new JsonObject()));
    JsonObject state = secretary.command("media.state", new JsonObject());
    JsonObject feed = state.getJsonArray("feeds").getJsonObject(0);
    assertThat(feed.getBoolean("chair")).as(state.encode()).isTrue();
    assertThat(feed.getString("displayName")).isEqualTo("Điểm cầu HT");

    // the browser room decodes the hall encoder's H.264 in its chair tile
    Chromium kiosk = Chromium.openWithDevTools(server + "/kiosk.html" + fx.kioskFragment(meeting, "room1") + "&meeting=" + meeting + "&diag=1",
        dir.resolve("kiosk.log"));
    cleanup.add(kiosk);
    until(() -> field(HallFeedVideoIT.kioskLine(secretary, devices), "h") > 15, Duration.ofSeconds(60),
        () -> "kiosk: " + devices.get("kiosk") + "; see " + kiosk.log());

    // DELETE ends it: no hall feed any more
    assertThat(await(pub.delete())).isEqualTo(200);
    until(() -> secretary.command("media.state", new JsonObject()).getValue("chairFeedId") == null, Duration.ofSeconds(20),
        () -> "still a hall feed: " + secretary.command("media.state", new JsonObject()));
  }
}
