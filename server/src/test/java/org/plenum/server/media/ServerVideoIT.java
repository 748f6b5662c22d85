package org.plenum.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.testing.LiveMeetingFixture.acked;
import static org.plenum.server.testing.LiveMeetingFixture.dataOf;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plenum.media.agent.PlenumLink;
import org.plenum.media.agent.RoomAgent;
import org.plenum.media.agent.RoomAgentConfig;
import org.plenum.media.janus.JanusProcess;
import org.plenum.media.testsupport.Chromium;
import org.plenum.server.testing.LiveClient;
import org.plenum.server.testing.LiveMeetingFixture;

/**
 * Issue 6 end to end, inside the test's network namespace (DESIGN §3; failsafe execution {@code video-it}): a real
 * Janus (ICE on veth {@code va} only), the real server with media pointed at it, remote rooms as webrtc-java agents
 * joined over the meeting socket ({@link PlenumLink}); the chair moves the floor and the rooms see the speaker.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ServerVideoIT {
  static final int CODE_A = 2;
  static final int CODE_B = 3;

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
  @DisplayName("MV2, MV3, MV4, MV5, MV6, MV7, MV8, MV9, MV10: floor to room A → room B sees A; floor to B → A sees B; "
      + "Janus killed → MEDIA_UNAVAILABLE, media.status and the meeting goes on; Janus back → rooms rejoin and frames flow again")
  void floor_moves_video_between_rooms_and_survives_janus_restart() throws Exception {
    requireNamespace();
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "video-");
    JanusProcess janus = rig.janus(dir.resolve("janus"), "plenum-test", 30000);
    LiveMeetingFixture fx = rig.fixture(Map.of(), janus);
    String meeting = fx.demo();
    String server = "http://127.0.0.1:" + fx.server().port();
    LiveClient chair = fx.client(meeting, "chair");
    cleanup.add(chair);

    vertx = Vertx.vertx();
    RoomAgent a = agent("room2", CODE_A);
    RoomAgent b = agent("room3", CODE_B);
    PlenumLink linkA = join(a, server, meeting, "room2");
    PlenumLink linkB = join(b, server, meeting, "room3");
    assertThat(await(linkA.command("media.state", null)).getBoolean("available")).isTrue();
    assertThat(await(linkA.publish())).isEqualTo(fx.id("room2"));
    assertThat(await(linkB.publish())).isEqualTo(fx.id("room3"));
    await(linkA.watchSpeaker());
    await(linkB.watchSpeaker());

    // the browser room: the kiosk page as room1 in headless Chromium (fake camera), reporting what it decodes
    LiveClient watcher = fx.client(meeting, "secretary");
    cleanup.add(watcher);
    Chromium kiosk = Chromium.open(server + "/kiosk.html" + fx.kioskFragment(meeting, "room1") + "&meeting=" + meeting + "&diag=1",
        dir.resolve("chromium.log"));
    cleanup.add(kiosk);
    until(() -> kioskDevice(watcher) != null, Duration.ofSeconds(40), () -> "the kiosk never joined; see " + kiosk.log());

    // floor to room A: B and the kiosk receive A's identity
    long g1 = System.nanoTime();
    grant(fx, chair, "room2");
    until(() -> frames(b, CODE_A) > 0, Duration.ofSeconds(30), () -> "B received " + b.receivedTracks());
    report("floor to A: first frame of A at agent B", g1);
    until(() -> frames(b, CODE_A) > 15, Duration.ofSeconds(30), () -> "B received " + b.receivedTracks());
    assertThat(linkB.watchedFeed()).isEqualTo(fx.id("room2"));
    until(() -> kioskFrames(watcher, CODE_A) > 15, Duration.ofSeconds(30), () -> "kiosk: " + lastKiosk);
    report("floor to A: 16 frames of A at the Chromium kiosk (reported once a second)", g1);

    // floor to room B: A and the kiosk receive B's identity
    long g2 = System.nanoTime();
    grant(fx, chair, "room3");
    until(() -> frames(a, CODE_B) > 0, Duration.ofSeconds(30), () -> "A received " + a.receivedTracks());
    report("floor to B: first frame of B at agent A", g2);
    until(() -> frames(a, CODE_B) > 15, Duration.ofSeconds(30), () -> "A received " + a.receivedTracks());
    until(() -> kioskFrames(watcher, CODE_B) > 15, Duration.ofSeconds(30), () -> "kiosk: " + lastKiosk);

    // /metrics counts the media plane (issue 17): the healthy bridge, both rooms' feeds, the watchers' subscriptions
    until(() -> metric(fx, "plenum_media_bridges", "state=\"healthy\"") == 1 && metric(fx, "plenum_media_publishers", null) >= 2
        && metric(fx, "plenum_media_subscriptions", null) >= 2 && metric(fx, "plenum_media_rooms", null) == 1, Duration.ofSeconds(10),
        () -> "media metrics: " + fx.api().get("/metrics").text().lines().filter(l -> l.startsWith("plenum_media")).toList());

    // MV4: a subscription's ack names the feed and the subscription, never Janus secrets, sessions or handles
    JsonObject sub = chair.command("media.subscribe", new JsonObject().put("feed", "speaker"));
    assertThat(sub.fieldNames()).containsExactlyInAnyOrder("type", "requestId", "seq", "subscriptionId", "feedId", "sdp");
    assertThat(sub.getString("feedId")).isEqualTo(fx.id("room3"));
    assertThat(sub.encode()).doesNotContain(VideoRig.API_SECRET, VideoRig.ADMIN_SECRET, "session_id", "handle_id");
    acked(chair.command("media.leave", new JsonObject().put("subscriptionId", sub.getString("subscriptionId"))));

    // Janus killed: media.status unavailable, media commands MEDIA_UNAVAILABLE, the meeting goes on
    chair.drainInbox();
    janus.kill();
    JsonObject down = chair.next(f -> "media.status".equals(f.getString("type")), 15);
    assertThat(down.getJsonObject("data").getString("state")).isEqualTo("unavailable");
    until(() -> metric(fx, "plenum_media_bridges", "state=\"down\"") == 1, Duration.ofSeconds(10), () -> "the bridge counted down");
    long t0 = System.nanoTime();
    Throwable refused = awaitFailure(linkA.command("media.subscribe", new JsonObject().put("feed", "speaker")));
    assertThat(refused).isInstanceOf(PlenumLink.CommandFailed.class);
    assertThat(((PlenumLink.CommandFailed) refused).code()).isEqualTo("MEDIA_UNAVAILABLE");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    assertThat(acked(chair.command("speaker.add", new JsonObject().put("accountId", fx.id("delegate1"))))).isPositive();

    // Janus back: media.status available with rejoin; the rooms publish and subscribe again; A sees B again
    long beforeRestart = frames(a, CODE_B);
    long kioskBefore = kioskFrames(watcher, CODE_B);
    long restarted = System.nanoTime();
    janus.start(Duration.ofSeconds(15));
    JsonObject up = chair.next(f -> "media.status".equals(f.getString("type")), 30);
    assertThat(up.getJsonObject("data").getBoolean("rejoin")).isTrue();
    until(() -> frames(a, CODE_B) > beforeRestart + 15, Duration.ofSeconds(40),
        () -> "A after the restart: " + a.receivedTracks() + ", errors " + linkA.errors());
    report("Janus restart: 16 new frames of B at agent A", restarted);
    until(() -> kioskFrames(watcher, CODE_B) > kioskBefore + 15, Duration.ofSeconds(40), () -> "kiosk after the restart: " + lastKiosk);
  }

  // ---- the kiosk reports its decoded frames as its presence device: "kiosk f=312 c=3:300,2:12" ----

  private volatile String lastKiosk;

  /** The kiosk's latest report seen by {@code watcher} (null before the first). */
  private String kioskDevice(LiveClient watcher) {
    while (true) {
      try {
        JsonObject f = watcher.next(ServerVideoIT::kioskReport, 1);
        for (String list : List.of("joined", "updated")) {
          for (Object o : f.getJsonArray(list, new io.vertx.core.json.JsonArray())) {
            String device = ((JsonObject) o).getString("device");
            if (device != null && device.startsWith("kiosk ")) {
              lastKiosk = device;
            }
          }
        }
      } catch (AssertionError none) {
        watcher.drainInbox();
        return lastKiosk;
      }
    }
  }

  private long kioskFrames(LiveClient watcher, int code) {
    String device = kioskDevice(watcher);
    if (device == null || !device.contains(" c=")) {
      return 0;
    }
    for (String pair : device.substring(device.indexOf(" c=") + 3).split(",")) {
      String[] kv = pair.split(":");
      if (kv.length == 2 && kv[0].equals(Integer.toString(code))) {
        return Long.parseLong(kv[1]);
      }
    }
    return 0;
  }

  private static boolean kioskReport(JsonObject f) {
    return "presence.changed".equals(f.getString("type")) && f.encode().contains("\"device\":\"kiosk ");
  }

  // ---- helpers ----

  private static void report(String what, long sinceNanos) {
    System.out.printf("VIDEO-TIMING %s: %d ms%n", what, (System.nanoTime() - sinceNanos) / 1_000_000);
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

  /** The chair puts {@code user} on the list of speakers and gives them the floor. */
  static void grant(LiveMeetingFixture fx, LiveClient chair, String user) {
    JsonObject added = chair.command("speaker.add", new JsonObject().put("accountId", fx.id(user)));
    String entry = dataOf(chair, added).getJsonObject("entry").getString("id");
    acked(chair.command("speaker.grant", new JsonObject().put("entryId", entry)));
  }

  private static double metric(LiveMeetingFixture fx, String name, String tag) {
    return org.plenum.server.testing.Metrics.value(fx.api(), name, tag);
  }

  static long frames(RoomAgent agent, int code) {
    return agent.receivedTracks().stream().mapToLong(t -> t.framesWithCode(code)).sum();
  }

  static void requireNamespace() throws Exception {
    boolean inside = NetworkInterface.getByName("va") != null;
    if (Boolean.getBoolean("plenum.netns.required")) {
      assertThat(inside).as("the video-it JVM runs inside a network namespace with veth 'va'").isTrue();
    }
    Assumptions.assumeTrue(inside, "not inside a test network namespace (run through the video-it execution)");
    Assumptions.assumeTrue(JanusProcess.installed(), "janus is not installed");
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  static Throwable awaitFailure(Future<?> f) throws Exception {
    try {
      await(f);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure");
  }

  static void until(BooleanSupplier condition, Duration timeout, Supplier<String> state) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not within " + timeout + ": " + state.get());
      }
      Thread.sleep(100);
    }
  }
}
