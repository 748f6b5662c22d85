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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plenum.media.agent.PeerSession;
import org.plenum.media.agent.PlenumLink;
import org.plenum.media.agent.RoomAgent;
import org.plenum.media.agent.RoomAgentConfig;
import org.plenum.media.janus.JanusAdmin;
import org.plenum.media.janus.JanusProcess;
import org.plenum.server.core.MeetingId;
import org.plenum.server.testing.LiveClient;
import org.plenum.server.testing.LiveMeetingFixture;

/**
 * Bridge loss racing {@code media.publish} (issue 10, decision D20), inside the test's network namespace: one real
 * Janus whose control connection runs through a {@link CuttableLink}; two meetings on it; ten sockets. Each of 100
 * rounds sends {@code media.publish} from nine sockets at once (SDP offers made by webrtc-java) while the bridge goes
 * at a random moment among them — the control connection cut, or every tenth round Janus killed and started again.
 * After each round the rooms must be consistent: no feed recorded on a dead bridge, the floor as the speaker queue
 * says, Janus holding no session or handle the server does not know, and the room usable again (a real webrtc-java
 * room publishes live again after the return).
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class MediaRaceVideoIT {
  static final int ROUNDS = 100;
  static final int CODE_AGENT = 7;

  private final VideoRig rig = new VideoRig();
  private final List<AutoCloseable> cleanup = rig.cleanup;
  private Vertx vertx;
  private ExecutorService threads;

  @AfterEach
  void tearDown() throws Exception {
    if (threads != null) {
      threads.shutdownNow();
    }
    rig.close();
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** A socket that publishes in every round, as {@code user} of {@code meeting}. */
  private record Publisher(String meeting, String user, String accountId, LiveClient socket) {}

  @Test
  @DisplayName("MV1, MV2, MV9, MV10: 100 rounds of media.publish from 9 sockets racing the loss of the bridge (control connection cut, "
      + "or Janus killed) — every publish answers ack or MEDIA_UNAVAILABLE in time; afterwards no feed on a dead bridge, the floor "
      + "consistent, no Janus session or handle leaked, and the room usable again")
  void bridge_loss_racing_publish_leaves_consistent_rooms() throws Exception {
    requireNamespace();
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "race-");
    vertx = Vertx.vertx();
    JanusProcess janus = rig.janus(dir.resolve("janus"), "race", 34000);
    CuttableLink link = CuttableLink.to(vertx, janus.config().wsPort());
    cleanup.add(link);
    LiveMeetingFixture fx = rig.fixture(Map.of("PLENUM_MEDIA_BRIDGES",
        "j1=ws://127.0.0.1:" + link.port() + "/|" + janus.adminUrl()), janus);
    MediaService media = fx.server().app().live().features().all().stream().filter(MediaFeature.class::isInstance)
        .map(f -> ((MediaFeature) f).media()).findFirst().orElseThrow();
    JanusAdmin admin = new JanusAdmin(vertx, janus.adminUrl(), VideoRig.ADMIN_SECRET, Duration.ofSeconds(3));
    cleanup.add(admin);
    String server = "http://127.0.0.1:" + fx.server().port();

    // two meetings on the bridge; delegate1 has the floor in both (so it may publish); room3 of the first is a real agent
    String m1 = fx.demo();
    String m2 = fx.newMeeting();
    Map<String, LiveClient> chairs = new LinkedHashMap<>();
    for (String m : List.of(m1, m2)) {
      LiveClient chair = fx.client(m, "chair");
      cleanup.add(chair);
      chairs.put(m, chair);
      grant(fx, chair, "delegate1");
    }
    RoomAgent agent = new RoomAgent(vertx, RoomAgentConfig.of("room3", CODE_AGENT));
    cleanup.add(agent);
    PlenumLink agentLink = await(PlenumLink.connect(vertx, agent, server, m1, "room3", "plenum-demo"));
    cleanup.add(agentLink);
    assertThat(await(agentLink.publish())).isEqualTo(fx.id("room3"));
    String offer = cannedOffer(agent);

    List<Publisher> publishers = new ArrayList<>();
    for (String m : List.of(m1, m2)) {
      List<String> users = m.equals(m1) ? List.of("chair", "room1", "room2", "delegate1")
          : List.of("chair", "room1", "room2", "room3", "delegate1");
      for (String user : users) {
        LiveClient socket = user.equals("chair") ? chairs.get(m) : fx.client(m, user);
        if (!user.equals("chair")) {
          cleanup.add(socket);
        }
        publishers.add(new Publisher(m, user, fx.id(user), socket));
      }
    }
    until(() -> feedLive(media, m1, fx.id("room3")), Duration.ofSeconds(30), () -> "room3 never went live: " + report(media, m1));
    for (LiveClient chair : chairs.values()) {
      assertThat(chair.command("media.state", null).getBoolean("available")).as("both rooms are placed before the first round").isTrue();
    }

    threads = Executors.newFixedThreadPool(publishers.size() + 1);
    Map<String, Integer> outcomes = new HashMap<>();
    long started = System.nanoTime();
    for (int round = 0; round < ROUNDS; round++) {
      boolean kill = round % 10 == 9;
      chairs.values().forEach(LiveClient::drainInbox);
      long delayMs = ThreadLocalRandom.current().nextLong(-10, 60);
      CyclicBarrier go = new CyclicBarrier(publishers.size() + 1);
      List<java.util.concurrent.Future<JsonObject>> replies = new ArrayList<>();
      for (Publisher p : publishers) {
        replies.add(threads.submit(() -> {
          String requestId = "race-" + p.user() + "-" + System.nanoTime();
          go.await(10, TimeUnit.SECONDS);
          if (delayMs < 0) {
            Thread.sleep(-delayMs);
          }
          long sent = System.nanoTime();
          p.socket().sendText(new JsonObject().put("type", "media.publish").put("requestId", requestId).put("sdp", offer).encode());
          JsonObject reply = p.socket().next(f -> requestId.equals(f.getString("requestId")), 20);
          return reply.put("elapsedMs", (System.nanoTime() - sent) / 1_000_000);
        }));
      }
      java.util.concurrent.Future<?> loss = threads.submit(() -> {
        go.await(10, TimeUnit.SECONDS);
        if (delayMs > 0) {
          Thread.sleep(delayMs);
        }
        if (kill) {
          janus.kill();
        } else {
          assertThat(link.cut()).as("control connections cut").isPositive();
        }
        return null;
      });
      loss.get(30, TimeUnit.SECONDS);

      // MV1, MV2, MV9: every publish is answered, in time, with its feed or MEDIA_UNAVAILABLE — nothing else
      for (int i = 0; i < publishers.size(); i++) {
        Publisher p = publishers.get(i);
        JsonObject reply = replies.get(i).get(30, TimeUnit.SECONDS);
        String outcome = reply.getString("type").equals("ack") ? "ack" : reply.getString("code");
        outcomes.merge(outcome, 1, Integer::sum);
        assertThat(outcome).as("round %d, %s in %s: %s", round, p.user(), p.meeting(), reply.encode()).isIn("ack", "MEDIA_UNAVAILABLE");
        if (outcome.equals("ack")) {
          assertThat(reply.getString("feedId")).isEqualTo(p.accountId());
          assertThat(reply.getString("sdp")).startsWith("v=0");
        }
        assertThat(reply.getLong("elapsedMs")).as("round %d, %s answered within the request timeout", round, p.user())
            .isLessThan(10_000);
      }
      for (LiveClient chair : chairs.values()) {
        assertThat(status(chair)).as("round %d: media.status after the loss", round).isEqualTo("unavailable");
      }
      if (kill) {
        janus.start(Duration.ofSeconds(15));
      }
      int r = round;
      for (LiveClient chair : chairs.values()) {
        assertThat(status(chair)).as("round %d: media.status after the return", r).isEqualTo("available");
      }
      // MV10: usable again — the real room publishes again (on media.status rejoin) and its feed goes live
      until(() -> feedLive(media, m1, fx.id("room3")), Duration.ofSeconds(30),
          () -> "round " + r + ": room3 not live again: " + report(media, m1) + ", agent errors " + agentLink.errors());
      for (String m : List.of(m1, m2)) {
        consistent(r, m, report(media, m), fx.id("delegate1"));
      }
      noLeaks(r, admin, media, List.of(m1, m2));
    }
    System.out.printf("MEDIA-RACE %d rounds in %d s; publish outcomes %s%n", ROUNDS, (System.nanoTime() - started) / 1_000_000_000,
        outcomes);
    assertThat(outcomes).containsKeys("ack", "MEDIA_UNAVAILABLE");

    // after the last return the video flows: the floor goes to the agent's room and a second agent decodes it
    grant(fx, chairs.get(m1), "room3");
    RoomAgent watcher = new RoomAgent(vertx, RoomAgentConfig.of("delegate2", 1));
    cleanup.add(watcher);
    PlenumLink watcherLink = await(PlenumLink.connect(vertx, watcher, server, m1, "delegate2", "plenum-demo"));
    cleanup.add(watcherLink);
    until(() -> Boolean.TRUE.equals(call(() -> watcherLink.command("media.state", null)).map(s -> fx.id("room3")
        .equals(s.getString("speakerFeedId"))).orElse(false)), Duration.ofSeconds(20), () -> "room3 never became the speaker feed");
    await(watcherLink.watchSpeaker());
    until(() -> watcher.receivedTracks().stream().mapToLong(t -> t.framesWithCode(CODE_AGENT)).sum() > 15, Duration.ofSeconds(30),
        () -> "the watcher received " + watcher.receivedTracks());

    // every socket gone: Janus keeps nothing of theirs
    publishers.forEach(p -> p.socket().close());
    agentLink.close();
    watcherLink.close();
    until(() -> peerSessions(admin).isEmpty(), Duration.ofSeconds(15), () -> "Janus still holds " + peerSessions(admin));
  }

  // ---- checks ----

  /** No feed on a dead or other bridge; the floor is the speaker queue's; the room is placed and not cascaded. */
  private static void consistent(int round, String meeting, RoomReport room, String floorHolder) {
    String where = "round " + round + ", meeting " + meeting + ": " + room;
    assertThat(room.bridge()).as(where).isEqualTo("j1");
    assertThat(room.unavailable()).as(where).isFalse();
    assertThat(room.cascaded()).as(where).isFalse();
    for (RoomReport.Feed f : room.feeds()) {
      assertThat(f.publishedOn()).as("feed %s is published on the room's bridge; %s", f.accountId(), where).isEqualTo(room.bridge());
    }
    assertThat(room.floor()).as(where).hasToString(floorHolder);
    Set<String> live = new HashSet<>();
    room.feeds().forEach(f -> live.add(f.accountId().toString()));
    assertThat(room.floorData().getString("speakerAccountId")).as(where).isEqualTo(floorHolder);
    String speakerFeed = room.floorData().getString("speakerFeedId");
    if (speakerFeed != null) {
      assertThat(live).as("the speaker feed is live; " + where).contains(speakerFeed);
    }
    String chairFeed = room.floorData().getString("chairFeedId");
    if (chairFeed != null) {
      assertThat(live).as("the chair feed is live; " + where).contains(chairFeed);
    }
  }

  /**
   * Janus holds exactly what the server knows (polled until it settles): each session that holds publisher or
   * subscriber handles is a session of a peer, with handles the server knows, and each session the server
   * believes alive exists in Janus.
   */
  private static void noLeaks(int round, JanusAdmin admin, MediaService media, List<String> meetings) throws InterruptedException {
    AtomicReference<String> problem = new AtomicReference<>();
    until(() -> {
      Map<Long, Set<Long>> known = new HashMap<>();
      for (String m : meetings) {
        for (MediaPeer.JanusRefs s : report(media, m).sessions()) {
          known.put(s.session(), new HashSet<>(s.handles()));
        }
      }
      Map<Long, List<Long>> janus = peerSessions(admin);
      for (Map.Entry<Long, List<Long>> s : janus.entrySet()) {
        Set<Long> mine = known.get(s.getKey());
        if (mine == null || !mine.containsAll(s.getValue())) {
          problem.set("Janus session " + s.getKey() + " with handles " + s.getValue() + " is not known to the server " + known);
          return false;
        }
      }
      Map<Long, List<Long>> all = sessions(admin);
      for (Long s : known.keySet()) {
        if (!all.containsKey(s)) {
          problem.set("the server believes session " + s + " alive; Janus has " + all.keySet());
          return false;
        }
      }
      return true;
    }, Duration.ofSeconds(10), () -> "round " + round + ": " + problem.get());
  }

  /** Janus sessions with at least one VideoRoom publisher or subscriber handle (the server's control session has none). */
  private static Map<Long, List<Long>> peerSessions(JanusAdmin admin) {
    Map<Long, List<Long>> out = new HashMap<>();
    sessions(admin).forEach((s, handles) -> {
      List<Long> roles = new ArrayList<>();
      for (long h : handles) {
        JsonObject info = call(() -> admin.handleInfo(s, h).recover(err -> Future.succeededFuture(new JsonObject())))
            .orElse(new JsonObject());
        String type = info.getJsonObject("plugin_specific", new JsonObject()).getString("type", "");
        if (type.equals("publisher") || type.equals("subscriber")) {
          roles.add(h);
        }
      }
      if (!roles.isEmpty()) {
        out.put(s, handles);
      }
    });
    return out;
  }

  private static Map<Long, List<Long>> sessions(JanusAdmin admin) {
    Map<Long, List<Long>> out = new HashMap<>();
    for (long s : call(admin::listSessions).orElse(List.of())) {
      out.put(s, call(() -> admin.listHandles(s)).orElse(List.of()));
    }
    return out;
  }

  private static boolean feedLive(MediaService media, String meeting, String account) {
    RoomReport r = report(media, meeting);
    return r.bridge() != null && r.feeds().stream().anyMatch(f -> f.accountId().toString().equals(account) && r.bridge().equals(f.publishedOn()));
  }

  private static RoomReport report(MediaService media, String meeting) {
    return call(() -> media.report(MeetingId.parse(meeting))).flatMap(o -> o).orElseThrow();
  }

  /** The state of the next {@code media.status} event the chair's socket receives. */
  private static String status(LiveClient chair) {
    return chair.next(f -> "media.status".equals(f.getString("type")), 30).getJsonObject("data").getString("state");
  }

  // ---- helpers ----

  /** An SDP offer webrtc-java makes for the agent's camera: real, and Janus answers it (no ICE follows for the copies). */
  private static String cannedOffer(RoomAgent agent) throws Exception {
    PeerSession session = agent.newSession("canned-offer");
    agent.publishOn(session);
    return await(session.createOffer());
  }

  private static <T> Optional<T> call(java.util.concurrent.Callable<Future<T>> f) {
    try {
      return Optional.ofNullable(await(f.call()));
    } catch (Exception e) {
      return Optional.empty();
    }
  }
}
