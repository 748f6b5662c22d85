package org.plenum.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.media.ServerVideoIT.await;
import static org.plenum.server.media.ServerVideoIT.frames;
import static org.plenum.server.media.ServerVideoIT.grant;
import static org.plenum.server.media.ServerVideoIT.requireNamespace;
import static org.plenum.server.media.ServerVideoIT.until;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plenum.media.agent.PlenumLink;
import org.plenum.media.agent.ReceivedTrack;
import org.plenum.media.agent.RoomAgent;
import org.plenum.media.agent.WhipClient;
import org.plenum.media.janus.JanusProcess;
import org.plenum.server.testing.LiveClient;
import org.plenum.server.testing.LiveMeetingFixture;

/**
 * Issue 17, floor switch in a frame (MV29–MV31), inside the test's network namespace like {@link ServerVideoIT}: a
 * socket subscriber with {@code follow: true} (a webrtc-java agent through {@link PlenumLink}) keeps one subscription
 * and one peer connection while the floor moves — the server switches it (VideoRoom {@code switch}) — and is told
 * {@code media.resubscribe} when the bridge cannot move it (an H.264 speaker after a VP8 one), then subscribes again.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class FollowFloorVideoIT {
  static final int CODE_A = 2;
  static final int CODE_B = 3;
  static final int CODE_WATCHER = 9;
  static final int CODE_H264 = 16;

  private final VideoRig rig = new VideoRig();

  @AfterEach
  void tearDown() {
    rig.close();
  }

  /** A Janus, the demo server on it, the chair's socket, and the watcher's link recording what it is told. */
  private final class Meeting {
    final LiveMeetingFixture fx;
    final String id;
    final String server;
    final LiveClient chair;
    final List<JsonObject> told = new CopyOnWriteArrayList<>();

    Meeting(String name, int rtpMin) throws Exception {
      requireNamespace();
      Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), name + "-");
      JanusProcess janus = rig.janus(dir.resolve("janus"), "plenum-test", rtpMin);
      fx = rig.fixture(Map.of(), janus);
      id = fx.demo();
      server = "http://127.0.0.1:" + fx.server().port();
      chair = fx.client(id, "chair");
      rig.cleanup.add(chair);
    }

    PlenumLink join(RoomAgent agent, String user) throws Exception {
      return rig.join(agent, server, id, user);
    }

    /** The watcher: "secretary" (publishes nothing), its media.resubscribe events kept in {@link #told}. */
    PlenumLink watcher(RoomAgent agent) throws Exception {
      PlenumLink link = join(agent, "secretary");
      link.onEvent(f -> {
        if ("media.resubscribe".equals(f.getString("type"))) {
          told.add(f);
        }
      });
      return link;
    }
  }

  @Test
  @DisplayName("MV29, MV30: a follow:true subscriber receives each new speaker on the same peer connection after speaker.grant "
      + "(no new media.subscribe); a room that gets the floor keeps watching the previous speaker, never itself; follow goes with "
      + "\"speaker\" only")
  void following_subscription_switches_on_the_same_peer_connection() throws Exception {
    Meeting m = new Meeting("follow", 36000);
    LiveMeetingFixture fx = m.fx;
    LiveClient chair = m.chair;

    // MV29: follow goes with "speaker" only
    JsonObject wrong = chair.command("media.subscribe", new JsonObject().put("feed", "chair").put("follow", true));
    assertThat(wrong.getString("type")).isEqualTo("error");
    assertThat(wrong.getString("code")).isEqualTo("BAD_MESSAGE");

    RoomAgent a = rig.agent("room2", CODE_A);
    RoomAgent b = rig.agent("room3", CODE_B);
    RoomAgent c = rig.agent("secretary", CODE_WATCHER);
    PlenumLink linkA = m.join(a, "room2");
    PlenumLink linkB = m.join(b, "room3");
    PlenumLink linkC = m.watcher(c);
    await(linkA.publish());
    await(linkB.publish());
    await(linkA.watchSpeaker());
    await(linkC.watchSpeaker());

    // floor to A: the watcher subscribes once, following
    grant(fx, chair, "room2");
    until(() -> frames(c, CODE_A) > 15, Duration.ofSeconds(30), () -> "C received " + c.receivedTracks() + ", errors " + linkC.errors());
    assertThat(linkC.speakerSubscriptions()).isEqualTo(1);

    // floor to B: the server switches the same subscription; B's frames arrive on the track that carried A's
    long g = System.nanoTime();
    grant(fx, chair, "room3");
    until(() -> frames(c, CODE_B) > 0, Duration.ofSeconds(30), () -> "C received " + c.receivedTracks());
    System.out.printf("VIDEO-TIMING follow: floor to B, first frame of B at the watcher: %d ms%n", (System.nanoTime() - g) / 1_000_000);
    until(() -> frames(c, CODE_B) > 15, Duration.ofSeconds(30), () -> "C received " + c.receivedTracks());
    assertThat(linkC.speakerSubscriptions()).as("no new media.subscribe").isEqualTo(1);
    assertThat(c.receivedTracks()).as("one peer connection, one video track, both speakers on it")
        .anySatisfy(t -> assertThat(t.framesWithCode(CODE_A)).isPositive())
        .filteredOn(t -> t.framesWithCode(CODE_A) > 0).allSatisfy(t -> assertThat(t.framesWithCode(CODE_B)).isPositive());
    assertThat(linkC.watchedFeed()).isEqualTo(fx.id("room3"));
    // A (following since B's grant) sees B
    until(() -> frames(a, CODE_B) > 15, Duration.ofSeconds(30), () -> "A received " + a.receivedTracks());

    // MV30: floor back to A: the watcher's same track shows A again; A keeps B and never receives itself
    long cBack = frames(c, CODE_A);
    long aSeesB = frames(a, CODE_B);
    grant(fx, chair, "room2");
    until(() -> frames(c, CODE_A) > cBack + 15, Duration.ofSeconds(30), () -> "C received " + c.receivedTracks());
    until(() -> frames(a, CODE_B) > aSeesB + 15, Duration.ofSeconds(30), () -> "A received " + a.receivedTracks());
    assertThat(frames(a, CODE_A)).as("a room never watches itself").isZero();
    assertThat(linkC.speakerSubscriptions()).isEqualTo(1);
    assertThat(linkA.speakerSubscriptions()).isEqualTo(1);
    assertThat(c.receivedTracks().stream().filter(t -> t.frames() > 0).map(ReceivedTrack::trackId).distinct().count())
        .as("the watcher decoded on one track only: " + c.receivedTracks()).isEqualTo(1);
    assertThat(m.told).isEmpty();
    assertThat(linkC.errors()).isEmpty();
  }

  @Test
  @DisplayName("MV31: a switch the bridge cannot make (an H.264 speaker after a VP8 one) tells the socket media.resubscribe "
      + "(UNSUPPORTED_CODEC, its subscription id); the client subscribes again and receives the new speaker")
  void failed_switch_tells_the_socket_to_subscribe_again() throws Exception {
    Meeting m = new Meeting("follow-fail", 37000);
    LiveMeetingFixture fx = m.fx;
    LiveClient chair = m.chair;
    String chairToken = fx.token("chair");
    Map<String, String> rooms = EndpointConformanceVideoIT.importRooms(fx.api(), m.id, chairToken, "FX16");
    JsonObject whip = EndpointConformanceVideoIT.issue(fx.api(), m.id, rooms.get("FX16"), "WHIP", chairToken);

    RoomAgent a = rig.agent("room2", CODE_A);
    RoomAgent encoder = rig.agent("h264-encoder", CODE_H264);
    RoomAgent c = rig.agent("secretary", CODE_WATCHER);
    PlenumLink linkA = m.join(a, "room2");
    PlenumLink linkC = m.watcher(c);
    await(linkA.publish());
    WhipClient h264 = await(WhipClient.publish(rig.vertx(), encoder, whip.getString("url"), whip.getString("secret"),
        EndpointConformanceVideoIT::h264Only));
    rig.cleanup.add(h264);
    await(h264.session().connected());
    await(linkC.watchSpeaker());

    grant(fx, chair, "room2");
    until(() -> frames(c, CODE_A) > 15, Duration.ofSeconds(30), () -> "C received " + c.receivedTracks() + ", errors " + linkC.errors());
    assertThat(linkC.speakerSubscriptions()).isEqualTo(1);

    // floor to the H.264 encoder: the VP8 subscription cannot carry it; the socket is told, subscribes again, and sees it
    EndpointConformanceVideoIT.grant(chair, rooms.get("FX16"));
    until(() -> !m.told.isEmpty(), Duration.ofSeconds(20), () -> "no media.resubscribe; C received " + c.receivedTracks());
    JsonObject told = m.told.get(0);
    assertThat(told.containsKey("seq")).as("never stored: no seq").isFalse();
    JsonObject data = told.getJsonObject("data");
    assertThat(data.getString("code")).isEqualTo("UNSUPPORTED_CODEC");
    assertThat(data.getString("subscriptionId")).startsWith("speaker-");
    assertThat(data.getString("feedId")).isEqualTo(rooms.get("FX16"));
    assertThat(data.encode()).doesNotContainIgnoringCase("janus");
    until(() -> frames(c, CODE_H264) > 15, Duration.ofSeconds(30), () -> "C received " + c.receivedTracks() + ", errors " + linkC.errors());
    assertThat(linkC.speakerSubscriptions()).isEqualTo(2);
  }
}
