package org.plenum.server.media;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.plenum.media.janus.JanusProcess;
import org.plenum.media.janus.JanusProcessConfig;
import org.plenum.server.testing.LiveMeetingFixture;

/**
 * What every server video test sets up inside its network namespace: Janus bridges with ICE on the veth {@code va}, a
 * test server whose {@code media.bridges} are those bridges, and everything to close afterwards, newest first.
 */
final class VideoRig implements AutoCloseable {
  static final String API_SECRET = "api-secret-t";
  static final String ADMIN_SECRET = "admin-secret-t";

  final List<AutoCloseable> cleanup = new ArrayList<>();
  private io.vertx.core.Vertx vertx;

  /** One Vert.x for the test's room agents and links, made on first use and closed last. */
  io.vertx.core.Vertx vertx() {
    if (vertx == null) {
      io.vertx.core.Vertx made = io.vertx.core.Vertx.vertx();
      vertx = made;
      cleanup.add(0, () -> made.close().toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS));
    }
    return vertx;
  }

  /** A webrtc-java room agent named {@code name} sending identity {@code code}, closed with the rig. */
  org.plenum.media.agent.RoomAgent agent(String name, int code) {
    org.plenum.media.agent.RoomAgent agent = new org.plenum.media.agent.RoomAgent(vertx(),
        org.plenum.media.agent.RoomAgentConfig.of(name, code));
    cleanup.add(agent);
    return agent;
  }

  /** {@code agent} signed in as {@code user} (demo password) on the meeting socket of {@code meeting}, closed with the rig. */
  org.plenum.media.agent.PlenumLink join(org.plenum.media.agent.RoomAgent agent, String server, String meeting, String user)
      throws Exception {
    org.plenum.media.agent.PlenumLink link = ServerVideoIT.await(
        org.plenum.media.agent.PlenumLink.connect(vertx(), agent, server, meeting, user, "plenum-demo"));
    cleanup.add(link);
    return link;
  }

  /** A started Janus in {@code folder}, RTP ports {@code rtpMin}..{@code rtpMin + 999}, closed with the rig. */
  JanusProcess janus(Path folder, String serverName, int rtpMin) {
    JanusProcess janus = new JanusProcess(JanusProcessConfig.loopback(folder, API_SECRET, ADMIN_SECRET)
        .withIceEnforceList("va").withRtpPortRange(rtpMin, rtpMin + 999).withServerName(serverName));
    cleanup.add(janus);
    janus.start(Duration.ofSeconds(15));
    return janus;
  }

  /** The demo server with {@code bridges} as its video bridges (named j1, j2, …) and {@code extra} settings. */
  LiveMeetingFixture fixture(Map<String, String> extra, JanusProcess... bridges) {
    Map<String, String> env = new HashMap<>(Map.of(
        "PLENUM_MEDIA_BRIDGES", Stream.of(bridges).map(j -> "j" + (List.of(bridges).indexOf(j) + 1) + "=" + j.wsUrl() + "|" + j.adminUrl())
            .collect(Collectors.joining(",")),
        "PLENUM_MEDIA_API_SECRET", API_SECRET,
        "PLENUM_MEDIA_ADMIN_SECRET", ADMIN_SECRET,
        "PLENUM_MEDIA_SAMPLE_INTERVAL", "500ms",
        "PLENUM_MEDIA_REQUEST_TIMEOUT", "3s"));
    env.putAll(extra);
    LiveMeetingFixture fx = LiveMeetingFixture.start(env);
    cleanup.add(fx);
    return fx;
  }

  @Override
  public void close() {
    for (int i = cleanup.size() - 1; i >= 0; i--) {
      try {
        cleanup.get(i).close();
      } catch (Exception | Error e) {
        System.err.println("cleanup: " + e);
      }
    }
    cleanup.clear();
  }
}
