package org.plenum.media.janus;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * VideoRoom control calls against two real Janus 1.1.2 processes. No WebRTC peer here: a "feed" is a remote
 * publisher (announced with add_remote_publisher), which Janus treats as an active publisher with streams.
 * Media flow is tested elsewhere (network namespace).
 */
class VideoRoomIT {

  static final Feed CHAIR = new Feed("chair", "Chair", List.of(new Feed.Stream("audio", 0, "0", "opus"),
      new Feed.Stream("video", 1, "1", "vp8")));

  @TempDir
  Path tmp;
  Vertx vertx;
  JanusProcess janusA;
  JanusProcess janusB;
  JanusClient clientA;
  JanusClient clientB;
  VideoRoom roomsA;
  VideoRoom roomsB;

  @BeforeEach
  void start() throws Exception {
    JanusFixture.requireJanus();
    vertx = Vertx.vertx();
    janusA = JanusFixture.start(tmp, "a");
    janusB = JanusFixture.start(tmp, "b");
    clientA = JanusClient.connect(vertx, JanusFixture.clientOptions(janusA)).await(5, SECONDS);
    clientB = JanusClient.connect(vertx, JanusFixture.clientOptions(janusB)).await(5, SECONDS);
    roomsA = new VideoRoom(clientA);
    roomsB = new VideoRoom(clientB);
  }

  @AfterEach
  void stop() throws Exception {
    clientA.close();
    clientB.close();
    janusA.close();
    janusB.close();
    vertx.close().await(5, SECONDS);
  }

  @Test
  @DisplayName("moderate mutes one m-line of a participant, kick removes it; both need the room secret")
  void moderate_and_kick() throws Exception {
    roomsA.create(RoomSpec.of("m", "sec").withPin("1234")).await(5, SECONDS);
    roomsA.addRemotePublisher("m", "sec", CHAIR, Optional.empty()).await(5, SECONDS);
    assertThat(listedOnceSettled(roomsA, "m", false)).containsExactly(new Participant("chair", "Chair", true, true, false));
    roomsA.moderate("m", "sec", "chair", "0", true).await(5, SECONDS);
    roomsA.moderate("m", "sec", "chair", "0", false).await(5, SECONDS);
    assertThatThrownBy(() -> roomsA.moderate("m", "wrong", "chair", "0", true).await(5, SECONDS))
        .isInstanceOfSatisfying(JanusException.class, e -> assertThat(e.code()).isEqualTo(433));
    assertThatThrownBy(() -> roomsA.moderate("m", "sec", "nobody", "0", true).await(5, SECONDS))
        .isInstanceOfSatisfying(JanusException.class, e -> assertThat(e.code()).isEqualTo(428));
    roomsA.kick("m", "sec", "chair").await(5, SECONDS);
    assertThat(listedOnceSettled(roomsA, "m", true)).isEmpty();
  }

  @Test
  @DisplayName("activeFeeds joins passively and reports each publisher with its streams")
  void active_feeds() throws Exception {
    roomsA.create(RoomSpec.of("f", "sec").withPin("42")).await(5, SECONDS);
    roomsA.addRemotePublisher("f", "sec", CHAIR, Optional.empty()).await(5, SECONDS);
    // Janus 1.1.2 sets a remote publisher up on its own thread: it may be listed a moment after add_remote_publisher answers
    List<Feed> feeds = List.of();
    for (long until = System.nanoTime() + SECONDS.toNanos(10); feeds.isEmpty() && System.nanoTime() < until; Thread.sleep(100)) {
      feeds = roomsA.activeFeeds("f", Optional.of("42")).await(5, SECONDS);
    }
    assertThat(feeds).containsExactly(CHAIR);
    assertThatThrownBy(() -> roomsA.activeFeeds("f", Optional.of("wrong")).await(5, SECONDS))
        .isInstanceOfSatisfying(JanusException.class, e -> assertThat(e.code()).isEqualTo(433));
  }

  @Test
  @DisplayName("rtp_forward from instance A into a remote publisher on instance B is accepted, listed and stopped")
  void rtp_forward_between_instances() throws Exception {
    RoomSpec spec = RoomSpec.of("council", "sec");
    roomsA.create(spec).await(5, SECONDS);
    roomsB.create(spec).await(5, SECONDS);
    roomsA.addRemotePublisher("council", "sec", CHAIR, Optional.empty()).await(5, SECONDS);
    RemotePublisher target = roomsB.addRemotePublisher("council", "sec", CHAIR, Optional.of("127.0.0.1"))
        .await(5, SECONDS);
    assertThat(target.ip()).isEqualTo("127.0.0.1");
    assertThat(target.port()).isPositive();
    assertThat(listedOnceSettled(roomsB, "council", false)).extracting(Participant::remote).containsExactly(true);

    List<RtpForwarder> forwarders = roomsA.rtpForward("council", "sec", "chair", target.ip(), List.of(
        new JsonObject().put("mid", "0").put("port", target.port()),
        new JsonObject().put("mid", "1").put("port", target.port()))).await(5, SECONDS);
    assertThat(forwarders).extracting(RtpForwarder::type).containsExactlyInAnyOrder("audio", "video");
    assertThat(roomsA.listForwarders("council", "sec").await(5, SECONDS))
        .containsExactlyInAnyOrderElementsOf(forwarders);
    for (RtpForwarder f : forwarders) {
      roomsA.stopRtpForward("council", "sec", "chair", f.streamId()).await(5, SECONDS);
    }
    assertThat(roomsA.listForwarders("council", "sec").await(5, SECONDS)).isEmpty();
    roomsB.removeRemotePublisher("council", "sec", "chair").await(5, SECONDS);
    assertThat(listedOnceSettled(roomsB, "council", true)).isEmpty();
  }

  @Test
  @DisplayName("Janus 1.1.2 quirk: publish_remotely of a remote publisher fails with 430")
  void publish_remotely_needs_a_local_publisher() throws Exception {
    RoomSpec spec = RoomSpec.of("q", "sec");
    roomsA.create(spec).await(5, SECONDS);
    roomsB.create(spec).await(5, SECONDS);
    roomsA.addRemotePublisher("q", "sec", CHAIR, Optional.empty()).await(5, SECONDS);
    RemotePublisher target = roomsB.addRemotePublisher("q", "sec", CHAIR, Optional.of("127.0.0.1")).await(5, SECONDS);
    assertThatThrownBy(() -> roomsA.publishRemotely("q", "sec", "chair", "to-b", target).await(5, SECONDS))
        .isInstanceOfSatisfying(JanusException.class, e -> assertThat(e.code()).isEqualTo(430));
  }

  @Test
  @DisplayName("allowed tokens: enable with a token list, add, remove")
  void allowed_tokens() throws Exception {
    roomsA.create(RoomSpec.of("acl", "sec")).await(5, SECONDS);
    assertThat(roomsA.allowed("acl", "sec", "add", List.of("t1", "t2")).await(5, SECONDS))
        .containsExactlyInAnyOrder("t1", "t2");
    assertThat(roomsA.allowed("acl", "sec", "remove", List.of("t1")).await(5, SECONDS)).containsExactly("t2");
    roomsA.allowed("acl", "sec", "enable", List.of()).await(5, SECONDS);
  }

  /**
   * The room's participants once Janus's list caught up: it answers add/remove_remote_publisher a moment before the
   * list shows the change (seen in CI). Waits up to 5 s for a list that is empty ({@code empty}) or not.
   */
  private static List<Participant> listedOnceSettled(VideoRoom rooms, String room, boolean empty) throws Exception {
    List<Participant> listed = rooms.listParticipants(room).await(5, SECONDS);
    for (long until = System.nanoTime() + SECONDS.toNanos(5); listed.isEmpty() != empty && System.nanoTime() < until; ) {
      Thread.sleep(50);
      listed = rooms.listParticipants(room).await(5, SECONDS);
    }
    return listed;
  }
}
