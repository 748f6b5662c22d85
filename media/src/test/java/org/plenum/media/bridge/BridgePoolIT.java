package org.plenum.media.bridge;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenum.media.MediaUnavailableException;
import org.plenum.media.MediaUnavailableException.Reason;
import org.plenum.media.janus.Feed;
import org.plenum.media.janus.JanusClient;
import org.plenum.media.janus.JanusFixture;
import org.plenum.media.janus.JanusProcess;
import org.plenum.media.janus.JanusSession;
import org.plenum.media.janus.RoomSpec;
import org.plenum.media.janus.VideoRoom;

/** BridgePool over two real Janus 1.1.2 processes. */
class BridgePoolIT {

  @TempDir
  Path tmp;
  Vertx vertx;
  JanusProcess janusA;
  JanusProcess janusB;
  BridgePool pool;

  @BeforeEach
  void start() throws Exception {
    JanusFixture.requireJanus();
    vertx = Vertx.vertx();
    janusA = JanusFixture.start(tmp, "a");
    janusB = JanusFixture.start(tmp, "b");
    BridgePoolConfig config = new BridgePoolConfig(List.of(bridge("a", janusA), bridge("b", janusB)),
        Duration.ofHours(1), Duration.ofSeconds(2), 100);
    pool = BridgePool.start(vertx, config).await(10, SECONDS);
    awaitHealthy(2);
  }

  @AfterEach
  void stop() throws Exception {
    pool.close();
    janusA.close();
    janusB.close();
    vertx.close().await(5, SECONDS);
  }

  @Test
  @DisplayName("a room goes to the less-loaded bridge; placing it again keeps it there")
  void placement_prefers_the_less_loaded_bridge() throws Exception {
    JanusClient load = JanusClient.connect(vertx, JanusFixture.clientOptions(janusA)).await(5, SECONDS);
    JanusSession session = load.createSession().await(5, SECONDS);
    for (int i = 0; i < 10; i++) {
      session.attach(VideoRoom.PLUGIN).await(5, SECONDS);
    }
    pool.sampleNow().await(5, SECONDS);
    Bridge a = pool.find("a").orElseThrow();
    Bridge b = pool.find("b").orElseThrow();
    assertThat(a.lastSample().otherHandles()).isGreaterThanOrEqualTo(10);
    assertThat(a.score()).isGreaterThan(b.score());

    assertThat(pool.place(RoomSpec.of("council", "s")).await(5, SECONDS).name()).isEqualTo("b");
    assertThat(b.videoRoom().exists("council").await(5, SECONDS)).isTrue();
    assertThat(pool.place(RoomSpec.of("council", "s")).await(5, SECONDS).name()).isEqualTo("b");
    load.close();
  }

  @Test
  @DisplayName("a killed bridge is avoided at once; with both down placement fails with MediaUnavailableException")
  void placement_avoids_dead_bridges() throws Exception {
    janusB.kill();
    awaitHealthy(1);
    assertThat(pool.healthy()).extracting(Bridge::name).containsExactly("a");
    assertThat(pool.place(RoomSpec.of("r1", "s")).await(5, SECONDS).name()).isEqualTo("a");

    janusA.kill();
    awaitHealthy(0);
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> pool.place(RoomSpec.of("r2", "s")).await(5, SECONDS))
        .isInstanceOfSatisfying(MediaUnavailableException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NO_BRIDGE));
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));

    janusB.start(Duration.ofSeconds(10));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (pool.healthy().isEmpty() && System.nanoTime() < deadline) {
      pool.sampleNow().await(5, SECONDS);
      Thread.sleep(100);
    }
    assertThat(pool.place(RoomSpec.of("r2", "s")).await(5, SECONDS).name()).isEqualTo("b");
  }

  @Test
  @DisplayName("cascade creates the room on the second bridge; a feed that is remote on the source is skipped")
  void cascade_to_a_second_bridge() throws Exception {
    RoomSpec spec = RoomSpec.of("plenary", "s").withPin("7");
    Bridge a = pool.find("a").orElseThrow();
    Bridge b = pool.find("b").orElseThrow();
    a.videoRoom().create(spec).await(5, SECONDS);
    Feed chair = new Feed("chair", "Chair", List.of(new Feed.Stream("audio", 0, "0", "opus")));
    a.videoRoom().addRemotePublisher("plenary", "s", chair, Optional.empty()).await(5, SECONDS);
    // Janus 1.1.2 sets a remote publisher up on its own thread: wait until the room lists it
    for (long until = System.nanoTime() + SECONDS.toNanos(10);
         a.videoRoom().activeFeeds("plenary", Optional.of("7")).await(5, SECONDS).isEmpty() && System.nanoTime() < until; ) {
      Thread.sleep(100);
    }

    Cascade cascade = pool.cascade(spec, a, b).await(10, SECONDS);
    assertThat(b.videoRoom().exists("plenary").await(5, SECONDS)).isTrue();
    assertThat(cascade.relayed()).isEmpty();
    assertThat(cascade.skipped()).extracting(Cascade.Skipped::feedId).containsExactly("chair");
    pool.uncascade(cascade, "s").await(5, SECONDS);
  }

  private static BridgeConfig bridge(String name, JanusProcess janus) {
    return new BridgeConfig(name, janus.wsUrl(), janus.adminUrl(), janus.config().apiSecret(),
        janus.config().adminSecret(), 1.0, Optional.of("127.0.0.1"));
  }

  private void awaitHealthy(int count) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (pool.healthy().size() != count && System.nanoTime() < deadline) {
      pool.sampleNow().await(5, SECONDS);
      Thread.sleep(50);
    }
    assertThat(pool.healthy()).hasSize(count);
  }
}
