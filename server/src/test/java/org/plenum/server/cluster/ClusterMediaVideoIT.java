package org.plenum.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import java.util.concurrent.TimeUnit;
import org.plenum.media.agent.PlenumLink;
import org.plenum.media.agent.RoomAgent;
import org.plenum.media.agent.RoomAgentConfig;
import org.plenum.media.janus.JanusProcess;
import org.plenum.media.janus.JanusProcessConfig;
import org.plenum.server.media.MediaFeature;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.LiveClient;
import org.plenum.server.testing.Metrics;
import org.plenum.server.testing.ServerProcess;
import org.plenum.server.testing.TestServer;

/**
 * Protocol §17 CL7–CL10 (issue 18): two real nodes in this JVM (Hazelcast-clustered Vert.x, one PostgreSQL) and one real
 * Janus that both list as their bridge. Only Janus's SDP and the floor events are checked, so no WebRTC connection is made:
 * the publisher's offer is written by hand.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterMediaVideoIT {
  static final String API_SECRET = "api-secret-cm";
  static final String ADMIN_SECRET = "admin-secret-cm";
  static final String LEASE_TTL = "1500ms";
  /** A publisher's offer as a browser would make it (audio and VP8 video, ICE and DTLS attributes); no ICE follows. */
  static final String OFFER = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\n"
      + "a=msid-semantic: WMS cam\r\n"
      + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\na=ice-ufrag:cl7a\r\n"
      + "a=ice-pwd:0123456789abcdefghijklmn\r\na=ice-options:trickle\r\n" + fingerprint() + "a=setup:actpass\r\na=mid:0\r\n"
      + "a=sendonly\r\na=msid:cam mic\r\na=rtcp-mux\r\na=rtpmap:111 opus/48000/2\r\na=ssrc:1111 cname:cl7\r\n"
      + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\na=ice-ufrag:cl7a\r\n"
      + "a=ice-pwd:0123456789abcdefghijklmn\r\na=ice-options:trickle\r\n" + fingerprint() + "a=setup:actpass\r\na=mid:1\r\n"
      + "a=sendonly\r\na=msid:cam video\r\na=rtcp-mux\r\na=rtpmap:96 VP8/90000\r\na=ssrc:2222 cname:cl7\r\n";

  static ClusterNodes nodes;
  static JanusProcess janus;
  static TestServer a;
  static TestServer b;
  static String meeting;
  static Map<String, String> ids = new HashMap<>();

  private static String fingerprint() {
    StringBuilder f = new StringBuilder("a=fingerprint:sha-256 ");
    for (int i = 0; i < 32; i++) {
      f.append(i == 0 ? "" : ":").append(String.format("%02X", (i * 37 + 11) & 0xff));
    }
    return f.append("\r\n").toString();
  }

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(JanusProcess.installed(), "janus is not installed");
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "cluster-media-");
    JanusProcessConfig jc = JanusProcessConfig.loopback(dir.resolve("janus"), API_SECRET, ADMIN_SECRET).withServerName("cluster-media");
    janus = new JanusProcess(inNamespace() ? jc.withIceEnforceList("va") : jc);
    janus.start(Duration.ofSeconds(15));
    nodes = new ClusterNodes(2, LEASE_TTL);
    a = TestServer.start(withMedia(nodes.env(0)));
    b = TestServer.start(withMedia(nodes.env(1)));
    String admin = a.api().login("admin", TestServer.DEMO_PASSWORD);
    meeting = a.api().get("/api/meetings", admin).array("meetings").getJsonObject(0).getString("id");
    for (Object o : a.api().get("/api/meetings/" + meeting + "/participants", admin).array("participants")) {
      JsonObject p = (JsonObject) o;
      ids.put(p.getString("username"), p.getString("accountId"));
    }
  }

  /** Every node lists the same bridge pool (operations §12). */
  static Map<String, String> withMedia(Map<String, String> env) {
    Map<String, String> out = new HashMap<>(env);
    out.put("PLENUM_MEDIA_BRIDGES", "j1=" + janus.wsUrl() + "|" + janus.adminUrl());
    out.put("PLENUM_MEDIA_API_SECRET", API_SECRET);
    out.put("PLENUM_MEDIA_ADMIN_SECRET", ADMIN_SECRET);
    out.put("PLENUM_MEDIA_SAMPLE_INTERVAL", "500ms");
    out.put("PLENUM_MEDIA_REQUEST_TIMEOUT", "3s");
    return out;
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {b, a, janus}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        System.err.println("cleanup: " + e);
      }
    }
  }

  static LiveClient on(TestServer node, String user) {
    Api api = node.api();
    LiveClient c = new LiveClient(api, node.port(), meeting, api.login(user, TestServer.DEMO_PASSWORD));
    c.connect();
    return c;
  }

  static JsonObject acked(JsonObject reply) {
    assertThat(reply.getString("type")).as(reply.encode()).isEqualTo("ack");
    return reply;
  }

  static String error(JsonObject reply) {
    assertThat(reply.getString("type")).as(reply.encode()).isEqualTo("error");
    return reply.getString("code") + ": " + reply.getString("message");
  }

  static double rooms(TestServer node) {
    return Metrics.value(node.api(), "plenum_media_rooms", null);
  }

  static void until(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not within " + timeout + ": " + what);
      }
      Thread.sleep(50);
    }
  }

  /** The chair puts {@code user} on the list of speakers and gives them the floor; the grant's seq. */
  static long grant(LiveClient chair, String user) {
    JsonObject added = acked(chair.command("speaker.add", new JsonObject().put("accountId", ids.get(user))));
    JsonObject entry = chair.next(f -> added.getLong("seq").equals(f.getLong("seq")));
    String entryId = entry.getJsonObject("data").getJsonObject("entry").getString("id");
    return acked(chair.command("speaker.grant", new JsonObject().put("entryId", entryId))).getLong("seq");
  }

  /** The {@code media.floor} events {@code c} received after {@code seq} naming {@code account} as the speaker. */
  static List<JsonObject> floorsFor(LiveClient c, long seq, String account) {
    synchronized (c.events) {
      return c.events.stream().filter(e -> "media.floor".equals(e.getString("type")) && e.getLong("seq") != null && e.getLong("seq") > seq
          && account.equals(e.getJsonObject("data").getString("speakerAccountId"))).toList();
    }
  }

  /** Waits for the floor event of this grant, then for a later ledger event, and returns how many floor events it made. */
  static int floorEventsOf(LiveClient watcher, LiveClient chair, long grantSeq, String user) throws InterruptedException {
    until(() -> !floorsFor(watcher, grantSeq, ids.get(user)).isEmpty(), Duration.ofSeconds(15), "media.floor for " + user);
    Thread.sleep(1000);   // a second node's floor control would have written its own by now (coalescing is 30 ms)
    long marker = acked(chair.command("presentation.show", new JsonObject().put("document", "doc-cl8").put("page", 1))).getLong("seq");
    watcher.awaitSeq(marker, 15);
    return floorsFor(watcher, grantSeq, ids.get(user)).size();
  }

  @Test
  @Order(1)
  @DisplayName("CL7: a socket on the node that does not own media gets media.state and a publish answer from Janus through the "
      + "owner; the room exists on the owner only")
  void commands_on_the_other_node_run_on_the_owner() throws Exception {
    assertThat(a.app().ownership().owns(MediaFeature.MEDIA)).as("the first node runs the media plane").isTrue();
    assertThat(b.app().ownership().owns(MediaFeature.MEDIA)).isFalse();
    try (LiveClient chairB = on(b, "chair"); LiveClient d1B = on(b, "delegate1")) {
      JsonObject state = acked(d1B.command("media.state", null));
      assertThat(state.getBoolean("available")).as(state.encode()).isTrue();
      JsonObject published = acked(chairB.command("media.publish", new JsonObject().put("sdp", OFFER)));
      assertThat(published.getString("feedId")).isEqualTo(ids.get("chair"));
      assertThat(published.getString("sdp")).startsWith("v=0").contains("a=recvonly");
      until(() -> rooms(a) == 1, Duration.ofSeconds(10), "a room on the owner");
      assertThat(rooms(b)).as("no room on the other node").isZero();
      acked(chairB.command("media.leave", null));
      try (LiveClient d1A = on(a, "delegate1")) {
        hopRow(d1A, d1B);
      }
    }
  }

  /**
   * What the hop costs (docs/benchmarks.md, *Media owner*): {@code media.state} round trips from a socket on the owner
   * and from one on the other node, alternated in the same run; a markdown row with the load, and JSON in target/.
   */
  static void hopRow(LiveClient onOwner, LiveClient onOther) throws Exception {
    int n = 150;
    long[][] ns = new long[2][n];
    for (int i = 0; i < n; i++) {
      Thread.sleep(60);   // below ws.rate_per_second (20 per socket): a limited message gets no reply
      for (int side = 0; side < 2; side++) {
        LiveClient c = side == 0 ? onOwner : onOther;
        long t0 = System.nanoTime();
        acked(c.command("media.state", null));
        ns[side][i] = System.nanoTime() - t0;
      }
    }
    double[][] q = new double[2][];
    for (int side = 0; side < 2; side++) {
      long[] sorted = ns[side].clone();
      java.util.Arrays.sort(sorted);
      q[side] = new double[] {sorted[n / 2] / 1e6, sorted[(int) Math.ceil(n * 0.99) - 1] / 1e6};
    }
    String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    System.out.printf("MEDIA-HOP | %d cores | load %s | media.state on the owner p50 %.2f ms p99 %.2f ms | on the other node p50 %.2f ms "
        + "p99 %.2f ms | added p50 %.2f ms p99 %.2f ms |%n", Runtime.getRuntime().availableProcessors(), load, q[0][0], q[0][1], q[1][0],
        q[1][1], q[1][0] - q[0][0], q[1][1] - q[0][1]);
    Files.writeString(Path.of("target", "cluster-media-hop.json"), new JsonObject().put("samples", n).put("load", load)
        .put("ownerP50Ms", q[0][0]).put("ownerP99Ms", q[0][1]).put("otherP50Ms", q[1][0]).put("otherP99Ms", q[1][1]).encodePrettily());
  }

  @Test
  @Order(2)
  @DisplayName("CL7, CL8: a room agent on the other node publishes live through the owner (offer, answer, trickled candidates); "
      + "its floor's media.floor names its feed and a socket on the other node subscribes to the speaker with Janus's offer")
  void a_live_feed_published_through_the_other_node() throws Exception {
    Assumptions.assumeTrue(inNamespace(), "WebRTC needs the test's network namespace (the video-it execution)");
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    RoomAgent agent = new RoomAgent(vertx, RoomAgentConfig.of("room2", 21));
    try (LiveClient chairA = on(a, "chair"); LiveClient d1B = on(b, "delegate1")) {
      PlenumLink link = PlenumLink.connect(vertx, agent, "http://127.0.0.1:" + b.port(), meeting, "room2", TestServer.DEMO_PASSWORD)
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      try {
        assertThat(link.publish().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)).isEqualTo(ids.get("room2"));
        long g = grant(chairA, "room2");
        until(() -> floorsFor(d1B, g, ids.get("room2")).stream()
            .anyMatch(f -> ids.get("room2").equals(f.getJsonObject("data").getString("speakerFeedId"))), Duration.ofSeconds(30),
            "media.floor with the live feed of room2: " + d1B.events);
        JsonObject sub = acked(d1B.command("media.subscribe", new JsonObject().put("feed", "speaker")));
        assertThat(sub.getString("feedId")).isEqualTo(ids.get("room2"));
        assertThat(sub.getString("sdp")).as("Janus's offer").startsWith("v=0").contains("m=video");
        acked(d1B.command("media.leave", new JsonObject().put("subscriptionId", sub.getString("subscriptionId"))));
        // MV29, MV30 through the relay: a following subscription never shows the socket's own feed, so room2's own
        // socket on B finds nobody else to follow (a forwarded "speaker" without follow would get room2's feed)
        try (LiveClient room2B = on(b, "room2")) {
          JsonObject refused = room2B.command("media.subscribe", new JsonObject().put("feed", "speaker").put("follow", true));
          assertThat(refused.getString("type")).as(refused.encode()).isEqualTo("error");
          assertThat(refused.getString("code")).isEqualTo("NOT_FOUND");
          JsonObject plain = acked(room2B.command("media.subscribe", new JsonObject().put("feed", "speaker")));
          assertThat(plain.getString("feedId")).isEqualTo(ids.get("room2"));
          acked(room2B.command("media.leave", new JsonObject().put("subscriptionId", plain.getString("subscriptionId"))));
        }
        acked(chairA.command("speaker.end", new JsonObject()));
      } finally {
        link.close();
      }
    } finally {
      agent.close();
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  static boolean inNamespace() {
    try {
      return java.net.NetworkInterface.getByName("va") != null;
    } catch (java.net.SocketException e) {
      return false;
    }
  }

  @Test
  @Order(3)
  @DisplayName("CL7: bad input forwarded to the owner gets the same typed error as on the owner itself (bad feed, unknown "
      + "subscription, an SDP the bridge cannot use)")
  void forwarded_errors_are_the_same_as_local_ones() {
    try (LiveClient chairA = on(a, "chair"); LiveClient chairB = on(b, "chair"); LiveClient d1A = on(a, "delegate1");
         LiveClient d1B = on(b, "delegate1")) {
      for (JsonObject[] pair : List.of(
          new JsonObject[] {d1A.command("media.subscribe", new JsonObject().put("feed", "not-a-feed")),
              d1B.command("media.subscribe", new JsonObject().put("feed", "not-a-feed"))},
          new JsonObject[] {d1A.command("media.answer", new JsonObject().put("subscriptionId", "s-none").put("sdp", OFFER)),
              d1B.command("media.answer", new JsonObject().put("subscriptionId", "s-none").put("sdp", OFFER))},
          new JsonObject[] {chairA.command("media.publish", new JsonObject().put("sdp", "v=0\r\n")),
              chairB.command("media.publish", new JsonObject().put("sdp", "v=0\r\n"))},
          new JsonObject[] {d1A.command("media.publish", new JsonObject().put("sdp", OFFER)),
              d1B.command("media.publish", new JsonObject().put("sdp", OFFER))})) {
        String local = error(pair[0]);
        assertThat(error(pair[1])).isEqualTo(local);
      }
    }
  }

  @Test
  @Order(4)
  @DisplayName("CL10: WHIP and WHEP requests that reach the other node run on the media owner, with the status codes and the "
      + "Location, ETag and Accept-Patch headers of §13.1; a WHEP refusal is the same through either node")
  void whip_and_whep_through_the_other_node() {
    String chair = a.api().login("chair", TestServer.DEMO_PASSWORD);
    byte[] csv = "code,name,district\nCM-01,Điểm cầu CM,Huyện Sóc Sơn\nCM-02,Điểm cầu CN,Huyện Đông Anh\n"
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Api.Response imported = a.api().raw("POST", "/api/meetings/" + meeting + "/rooms/import", "text/csv; charset=utf-8", csv, chair);
    assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
    JsonObject whip = issue(chair, "CM-01", "WHIP");
    JsonObject whep = issue(chair, "CM-02", "WHEP");
    String whipPath = java.net.URI.create(whip.getString("url")).getPath();
    String whepPath = java.net.URI.create(whep.getString("url")).getPath();

    Api.Response made = b.api().raw("POST", whipPath, "application/sdp", OFFER.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        whip.getString("secret"));
    assertThat(made.status()).as(made.toString()).isEqualTo(201);
    String location = made.headers().firstValue("Location").orElseThrow();
    assertThat(location).matches("/whip/" + meeting + "/CM-01/[A-Za-z0-9_-]{20,}");
    String etag = made.headers().firstValue("ETag").orElseThrow();
    assertThat(made.headers().firstValue("Accept-Patch")).contains("application/trickle-ice-sdpfrag");
    assertThat(made.text()).startsWith("v=0");
    String frag = "a=ice-ufrag:cl7a\r\na=ice-pwd:0123456789abcdefghijklmn\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n"
        + "a=candidate:1 1 udp 2130706431 127.0.0.1 40000 typ host\r\n";
    Api.Response stale = b.api().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + b.port() + location))
        .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(frag)).header("Content-Type", "application/trickle-ice-sdpfrag")
        .header("If-Match", "\"not-it\""), whip.getString("secret"));
    assertThat(stale.status()).as(stale.toString()).isEqualTo(412);
    Api.Response trickled = b.api().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + b.port() + location))
        .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(frag)).header("Content-Type", "application/trickle-ice-sdpfrag")
        .header("If-Match", etag), whip.getString("secret"));
    assertThat(trickled.status()).as(trickled.toString()).isEqualTo(204);
    Api.Response ended = b.api().raw("DELETE", location, null, new byte[0], whip.getString("secret"));
    assertThat(ended.status()).as(ended.toString()).isEqualTo(200);
    Api.Response gone = b.api().raw("DELETE", location, null, new byte[0], whip.getString("secret"));
    Api.Response goneOnOwner = a.api().raw("DELETE", location, null, new byte[0], whip.getString("secret"));
    assertThat(gone.status()).isEqualTo(404);
    assertThat(errorBody(gone)).isEqualTo(errorBody(goneOnOwner));

    Api.Response egressB = b.api().raw("POST", whepPath, "application/sdp", new byte[0], whep.getString("secret"));
    Api.Response egressA = a.api().raw("POST", whepPath, "application/sdp", new byte[0], whep.getString("secret"));
    assertThat(egressB.status()).as(egressB.toString()).isEqualTo(egressA.status());
    assertThat(errorBody(egressB)).isEqualTo(errorBody(egressA));
  }

  /** An error body without its request id (each request has its own). */
  static JsonObject errorBody(Api.Response r) {
    JsonObject body = new JsonObject(r.text());
    body.remove("requestId");
    return body;
  }

  static JsonObject issue(String chair, String code, String kind) {
    String room = a.api().get("/api/meetings/" + meeting + "/rooms", chair).array("rooms").stream().map(o -> (JsonObject) o)
        .filter(r -> code.equals(r.getString("code"))).findFirst().orElseThrow().getString("roomId");
    Api.Response r = a.api().post("/api/meetings/" + meeting + "/rooms/" + room + "/credentials", new JsonObject().put("kind", kind), chair);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json();
  }

  @Test
  @Order(5)
  @DisplayName("CL8: a speaker.grant through either node makes exactly one media.floor, written by the media owner")
  void one_floor_event_per_change_whichever_node_grants() throws Exception {
    try (LiveClient chairA = on(a, "chair"); LiveClient chairB = on(b, "chair"); LiveClient watcherA = on(a, "delegate2");
         LiveClient watcherB = on(b, "delegate3")) {
      acked(watcherB.command("media.state", null));   // the meeting has a room (on the owner)
      long viaA = grant(chairA, "delegate1");
      assertThat(floorEventsOf(watcherB, chairA, viaA, "delegate1")).isEqualTo(1);
      long viaB = grant(chairB, "delegate4");
      assertThat(floorEventsOf(watcherA, chairB, viaB, "delegate4")).isEqualTo(1);
      assertThat(floorsFor(watcherB, viaB, ids.get("delegate4"))).hasSize(1);
    }
  }

  @Test
  @Order(6)
  @DisplayName("CL9, CL10: the media owner stops; within the lease ttl and one renewal the other node owns media, tells the "
      + "meeting's clients to rejoin, answers media commands and the floor follows the queue again with one media.floor")
  void the_other_node_takes_the_media_plane_over() throws Exception {
    try (LiveClient chairB = on(b, "chair"); LiveClient watcherB = on(b, "delegate2")) {
      long before = watcherB.lastSeq();
      long stopped = System.nanoTime();
      a.close();
      a = null;
      until(() -> b.app().ownership().owns(MediaFeature.MEDIA), Duration.ofSeconds(10), "node B owns media");
      Duration took = Duration.ofNanos(System.nanoTime() - stopped);
      Duration ttl = Duration.ofMillis(1500);
      assertThat(took).as("lease ttl + one renewal").isLessThanOrEqualTo(ttl.plus(ttl.dividedBy(3)).plusSeconds(1));
      JsonObject rejoin = watcherB.next(f -> "media.status".equals(f.getString("type")) && f.getLong("seq") > before
          && f.getJsonObject("data").getBoolean("rejoin", false), 15);
      assertThat(rejoin.getJsonObject("data").getBoolean("rejoin")).isTrue();
      JsonObject state = acked(watcherB.command("media.state", null));
      assertThat(state.getBoolean("available")).as(state.encode()).isTrue();
      JsonObject published = acked(chairB.command("media.publish", new JsonObject().put("sdp", OFFER)));
      assertThat(published.getString("sdp")).startsWith("v=0");
      until(() -> rooms(b) == 1, Duration.ofSeconds(10), "the room on the new owner");
      long grant = grant(chairB, "delegate5");
      assertThat(floorEventsOf(watcherB, chairB, grant, "delegate5")).isEqualTo(1);
    }
  }

  @Test
  @Order(7)
  @DisplayName("CL4, CL9: SIGKILL the media owner (a node in its own process): within the lease ttl and one renewal the other node "
      + "owns media, writes media.status rejoin, answers media commands, and a grant makes exactly one media.floor")
  void the_media_owner_is_killed() throws Exception {
    Path jar = Path.of("target", "plenum-server.jar").toAbsolutePath();
    assertThat(jar).as("the packaged server (built in the package phase)").exists();
    int portA = ServerProcess.freePort();
    Map<String, String> envA = new HashMap<>(Map.of("PLENUM_HTTP_PORT", String.valueOf(portA), "PLENUM_MEDIA_JANUS_AUTOSTART", "false",
        "PLENUM_DATA_DIR", Files.createTempDirectory(Path.of("target").toAbsolutePath(), "cluster-media-a-").toString()));
    envA.putAll(withMedia(Map.of()));
    Api apiA = new Api(portA);
    Process killed = nodes.launch(0, jar, envA, "cluster-media-node-a");
    try {
      ServerProcess.awaitReady(apiA, killed);
      b.close();     // B gives media back: the process A takes it
      b = null;
      until(() -> Metrics.value(apiA, "plenum_cluster_duty_owned", "duty=\"media\"") == 1, Duration.ofSeconds(10), "A owns media");
      b = TestServer.start(withMedia(nodes.env(1)));
      assertThat(b.app().ownership().owns(MediaFeature.MEDIA)).isFalse();
      try (LiveClient chairB = on(b, "chair"); LiveClient watcherB = on(b, "delegate2")) {
        assertThat(acked(watcherB.command("media.state", null)).getBoolean("available")).isTrue();
        until(() -> Metrics.value(apiA, "plenum_media_rooms", null) == 1, Duration.ofSeconds(10), "the room on A");
        long before = watcherB.lastSeq();
        long t0 = System.nanoTime();
        killed.destroyForcibly();   // SIGKILL: no lease given back, no socket closed
        until(() -> b.app().ownership().owns(MediaFeature.MEDIA), Duration.ofSeconds(15), "node B owns media");
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        Duration ttl = Duration.ofMillis(1500);
        System.out.printf("MEDIA-TAKEOVER after SIGKILL: %d ms (lease ttl %d ms)%n", took.toMillis(), ttl.toMillis());
        assertThat(took).as("lease ttl + one renewal (+ 1 s of scheduling)").isLessThanOrEqualTo(ttl.plus(ttl.dividedBy(3)).plusSeconds(1));
        JsonObject rejoin = watcherB.next(f -> "media.status".equals(f.getString("type")) && f.getLong("seq") > before
            && f.getJsonObject("data").getBoolean("rejoin", false), 15);
        assertThat(rejoin.getJsonObject("data").getString("state")).isEqualTo("available");
        assertThat(acked(watcherB.command("media.state", null)).getBoolean("available")).isTrue();
        long grant = grant(chairB, "delegate6");
        assertThat(floorEventsOf(watcherB, chairB, grant, "delegate6")).isEqualTo(1);
      }
    } finally {
      killed.destroyForcibly();
      killed.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
