package org.plenum.media.bridge;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.plenum.media.agent.PeerSession;
import org.plenum.media.agent.RoomAgent;
import org.plenum.media.agent.RoomAgentConfig;
import org.plenum.media.agent.VideoFormat;
import org.plenum.media.bench.JanusDirectSignalling;
import org.plenum.media.bench.RoomSignalling;
import org.plenum.media.janus.Feed;
import org.plenum.media.janus.JanusClient;
import org.plenum.media.janus.JanusClientOptions;
import org.plenum.media.janus.JanusFixture;
import org.plenum.media.janus.JanusHandle;
import org.plenum.media.janus.JanusProcess;
import org.plenum.media.janus.JanusProcessConfig;
import org.plenum.media.janus.JanusSession;
import org.plenum.media.janus.PluginResponse;
import org.plenum.media.janus.RoomSpec;
import org.plenum.media.janus.VideoRoom;
import org.plenum.media.testsupport.NetNamespace;

/**
 * A meeting that spans two Janus processes (issue 6, "a meeting larger than one instance spans two by cascading"):
 * a room publishes on bridge A, {@link BridgePool#cascade} relays its feed to bridge B as a VideoRoom remote publisher
 * (plain RTP between the two bridges), and a room subscribed on B decodes the publisher's identity code.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CascadeVideoIT {
  static final int CODE = 41;

  @TempDir
  Path tmp;

  @Test
  @DisplayName("a room publishing on Janus A is seen by a room subscribed on Janus B after BridgePool.cascade; uncascade ends the relay")
  void a_publisher_on_one_bridge_reaches_a_subscriber_on_another() throws Exception {
    NetNamespace.require();
    JanusFixture.requireJanus();
    Vertx vertx = Vertx.vertx();
    JanusProcess a = new JanusProcess(JanusProcessConfig.loopback(tmp.resolve("a"), "api-a", "admin-a").withIceEnforceList("va")
        .withServerName("cascade-a")).start(Duration.ofSeconds(15));
    JanusProcess b = new JanusProcess(JanusProcessConfig.loopback(tmp.resolve("b"), "api-b", "admin-b").withIceEnforceList("va")
        .withServerName("cascade-b")).start(Duration.ofSeconds(15));
    RoomAgent publisher = new RoomAgent(vertx, new RoomAgentConfig("publisher", CODE, VideoFormat.SMALL, List.of()));
    RoomAgent receiver = new RoomAgent(vertx, new RoomAgentConfig("receiver", 1, VideoFormat.SMALL, List.of()));
    BridgePool pool = null;
    RoomSignalling onA = null;
    JanusClient clientB = null;
    try {
      pool = BridgePool.start(vertx, new BridgePoolConfig(List.of(bridge("a", a), bridge("b", b)), Duration.ofHours(1),
          Duration.ofSeconds(5), 100)).await(10, SECONDS);
      RoomSpec spec = RoomSpec.of("council", "s");
      onA = JanusDirectSignalling.open(vertx, JanusClientOptions.of(a.wsUrl(), "api-a"), spec).await(10, SECONDS);
      RoomSignalling.RoomLink chair = onA.join("chair").await(10, SECONDS);
      PeerSession camera = publisher.newSession("camera");
      publisher.publishOn(camera);
      chair.publish(camera).compose(v -> camera.connected()).await(30, SECONDS);
      Bridge bridgeA = pool.find("a").orElseThrow();
      Bridge bridgeB = pool.find("b").orElseThrow();
      List<Feed> feeds = List.of();
      for (long until = System.nanoTime() + SECONDS.toNanos(10); feeds.isEmpty() && System.nanoTime() < until; Thread.sleep(100)) {
        feeds = bridgeA.videoRoom().activeFeeds("council", Optional.empty()).await(5, SECONDS);
      }
      assertThat(feeds).extracting(Feed::id).containsExactly("chair");

      Cascade cascade = pool.cascade(spec, bridgeA, bridgeB).await(10, SECONDS);
      assertThat(cascade.relayed()).extracting(Cascade.Relayed::feedId).containsExactly("chair");
      String remoteFeed = cascade.relayed().get(0).target().id();

      clientB = JanusClient.connect(vertx, JanusClientOptions.of(b.wsUrl(), "api-b")).await(10, SECONDS);
      JanusSession session = clientB.createSession().await(10, SECONDS);
      JanusHandle sub = session.attach(VideoRoom.PLUGIN).await(10, SECONDS);
      PeerSession speaker = receiver.newSession("speaker");
      speaker.onLocalCandidate(c -> sub.trickle(new JsonObject().put("candidate", c.candidate()).put("sdpMid", c.mid())
          .put("sdpMLineIndex", c.mLineIndex())));
      PluginResponse offered = sub.message(new JsonObject().put("request", "join").put("ptype", "subscriber").put("room", "council")
          .put("streams", new JsonArray().add(new JsonObject().put("feed", remoteFeed))), null, Duration.ofSeconds(20)).await(30, SECONDS);
      String answer = speaker.answer(offered.jsep().orElseThrow().getString("sdp")).await(10, SECONDS);
      sub.message(new JsonObject().put("request", "start"), new JsonObject().put("type", "answer").put("sdp", answer), Duration.ofSeconds(20))
          .await(30, SECONDS);
      long frames = 0;
      for (long until = System.nanoTime() + SECONDS.toNanos(30); frames < 20 && System.nanoTime() < until; Thread.sleep(100)) {
        frames = receiver.receivedTracks().stream().mapToLong(t -> t.framesWithCode(CODE)).sum();
      }
      assertThat(frames).as("frames with the publisher's code decoded on bridge B").isGreaterThanOrEqualTo(20);

      pool.uncascade(cascade, "s").await(10, SECONDS);
      assertThat(bridgeB.videoRoom().activeFeeds("council", Optional.empty()).await(5, SECONDS)).isEmpty();
    } finally {
      if (clientB != null) {
        clientB.close();
      }
      if (onA != null) {
        onA.close().await(10, SECONDS);
      }
      receiver.close();
      publisher.close();
      if (pool != null) {
        pool.close();
      }
      a.close();
      b.close();
      vertx.close().await(10, SECONDS);
    }
  }

  private static BridgeConfig bridge(String name, JanusProcess janus) {
    return new BridgeConfig(name, janus.wsUrl(), janus.adminUrl(), janus.config().apiSecret(), janus.config().adminSecret(), 1.0,
        Optional.of("127.0.0.1"));
  }
}
