package org.plenum.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.media.ServerVideoIT.await;
import static org.plenum.server.media.ServerVideoIT.grant;
import static org.plenum.server.media.ServerVideoIT.requireNamespace;
import static org.plenum.server.media.ServerVideoIT.until;

import io.vertx.core.Future;
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
import org.plenum.media.agent.PlenumLink;
import org.plenum.media.agent.RoomAgent;
import org.plenum.media.agent.RoomAgentConfig;
import org.plenum.media.janus.JanusAdmin;
import org.plenum.media.janus.JanusProcess;
import org.plenum.server.testing.LiveClient;
import org.plenum.server.testing.LiveMeetingFixture;

/**
 * MV17 end to end inside the test's network namespace: two Janus processes as {@code media.bridges} and
 * {@code media.room_max_subscribers=1}; room A publishes and has the floor; the first watcher subscribes on the room's
 * bridge, the second lands on the other bridge (counted through each bridge's Admin API), where the meeting is
 * cascaded, and decodes A's identity; a publisher that goes live later is relayed too and reaches it on a floor change.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class SpillVideoIT {
  static final int CODE_A = 5;
  static final int CODE_D = 6;

  private final VideoRig rig = new VideoRig();
  private final List<AutoCloseable> cleanup = rig.cleanup;
  private Vertx vertx;

  @AfterEach
  void tearDown() throws Exception {
    rig.close();
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  @DisplayName("MV17: with room_max_subscribers=1 the second watcher is placed on the other bridge, the meeting is cascaded "
      + "there and it decodes the speaker; a publisher going live later is relayed and reaches it on a floor change")
  void second_subscriber_lands_on_the_other_bridge() throws Exception {
    requireNamespace();
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "spill-");
    JanusProcess j1 = rig.janus(dir.resolve("j1"), "spill-1", 32000);
    JanusProcess j2 = rig.janus(dir.resolve("j2"), "spill-2", 33000);
    LiveMeetingFixture fx = rig.fixture(Map.of("PLENUM_MEDIA_ROOM_MAX_SUBSCRIBERS", "1"), j1, j2);
    String meeting = fx.demo();
    String server = "http://127.0.0.1:" + fx.server().port();
    LiveClient chair = fx.client(meeting, "chair");
    cleanup.add(chair);

    vertx = Vertx.vertx();
    JanusAdmin admin1 = new JanusAdmin(vertx, j1.adminUrl(), VideoRig.ADMIN_SECRET, Duration.ofSeconds(3));
    JanusAdmin admin2 = new JanusAdmin(vertx, j2.adminUrl(), VideoRig.ADMIN_SECRET, Duration.ofSeconds(3));
    cleanup.add(admin1);
    cleanup.add(admin2);
    RoomAgent a = agent("room2", CODE_A);
    RoomAgent b = agent("room3", 1);
    RoomAgent c = agent("delegate1", 1);
    PlenumLink linkA = join(a, server, meeting, "room2");
    PlenumLink linkB = join(b, server, meeting, "room3");
    PlenumLink linkC = join(c, server, meeting, "delegate1");
    assertThat(await(linkA.publish())).isEqualTo(fx.id("room2"));
    // the first watcher: on the room's bridge (it follows media.floor from now on)
    await(linkB.watchSpeaker());
    grant(fx, chair, "room2");
    until(() -> frames(b, CODE_A) > 15, Duration.ofSeconds(30), () -> "B received " + b.receivedTracks());
    int[] first = {subscribers(admin1), subscribers(admin2)};
    assertThat(first[0] + first[1]).isEqualTo(1);
    JanusAdmin origin = first[0] == 1 ? admin1 : admin2;
    JanusAdmin other = origin == admin1 ? admin2 : admin1;

    // the second watcher: the room's bridge holds room_max_subscribers, so it lands on the other one and decodes A there
    await(linkC.watchSpeaker());
    until(() -> frames(c, CODE_A) > 15, Duration.ofSeconds(40), () -> "C received " + c.receivedTracks() + ", errors " + linkC.errors());
    assertThat(linkC.watchedFeed()).isEqualTo(fx.id("room2"));
    assertThat(subscribers(origin)).as("subscribers on the room's bridge").isEqualTo(1);
    assertThat(subscribers(other)).as("subscribers on the second bridge").isEqualTo(1);

    // a publisher going live after the cascade is relayed as it goes live; the floor moves to it and C follows
    RoomAgent d = agent("room1", CODE_D);
    PlenumLink linkD = join(d, server, meeting, "room1");
    assertThat(await(linkD.publish())).isEqualTo(fx.id("room1"));
    grant(fx, chair, "room1");
    until(() -> frames(c, CODE_D) > 15, Duration.ofSeconds(40), () -> "C received " + c.receivedTracks() + ", errors " + linkC.errors());
    until(() -> frames(b, CODE_D) > 15, Duration.ofSeconds(40), () -> "B received " + b.receivedTracks());
    assertThat(subscribers(other)).as("C re-subscribed on the second bridge").isEqualTo(1);
  }

  /** VideoRoom subscriber handles on a bridge (Admin API: list_sessions → list_handles → handle_info). */
  private static int subscribers(JanusAdmin admin) throws Exception {
    int n = 0;
    for (long s : await(admin.listSessions())) {
      for (long h : await(admin.listHandles(s))) {
        JsonObject info = await(admin.handleInfo(s, h).recover(err -> Future.succeededFuture(new JsonObject())));
        if ("subscriber".equals(info.getJsonObject("plugin_specific", new JsonObject()).getString("type"))) {
          n++;
        }
      }
    }
    return n;
  }

  private RoomAgent agent(String name, int code) {
    RoomAgent agent = new RoomAgent(vertx, RoomAgentConfig.of(name, code));
    cleanup.add(agent);
    return agent;
  }

  private PlenumLink join(RoomAgent agent, String server, String meeting, String user) throws Exception {
    PlenumLink link = await(PlenumLink.connect(vertx, agent, server, meeting, user, "plenum-demo"));
    cleanup.add(link);
    return link;
  }

  private static long frames(RoomAgent agent, int code) {
    return agent.receivedTracks().stream().mapToLong(t -> t.framesWithCode(code)).sum();
  }
}
