package org.plenum.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.media.ServerVideoIT.await;
import static org.plenum.server.media.ServerVideoIT.requireNamespace;
import static org.plenum.server.media.ServerVideoIT.until;
import static org.plenum.server.testing.LiveMeetingFixture.acked;
import static org.plenum.server.testing.LiveMeetingFixture.dataOf;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plenum.media.agent.PlenumLink;
import org.plenum.media.agent.RoomAgent;
import org.plenum.media.agent.RoomAgentConfig;
import org.plenum.media.agent.WhipClient;
import org.plenum.media.janus.JanusProcess;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.LiveClient;
import org.plenum.server.testing.LiveMeetingFixture;

/**
 * Issue 19, inside the test's network namespace (failsafe execution {@code video-it}): the HTTP details encoder and
 * player vendors test (RFC 9725, the WHEP draft), codecs (VP8 and H.264 publishers, a refused offer), WHEP by client
 * offer (406 + counter-offer) and a WHEP session that follows the floor by {@code switch}. Publishers and decoders are
 * webrtc-java agents (libwebrtc with OpenH264) speaking WHIP/WHEP like hardware; the hall feed is an agent signed in as
 * the chair.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class EndpointConformanceVideoIT {
  static final int HALL = 10;
  static final String ORIGIN = "https://player.example.vn";
  static final String H265_OFFER = "v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n"
      + "c=IN IP4 0.0.0.0\r\na=mid:0\r\na=sendonly\r\na=rtpmap:96 H265/90000\r\n";
  /** A player's offer: what the bridge cannot take from a subscriber (it counter-offers), but its codecs are checked. */
  static final String PLAYER_OFFER = "v=0\r\no=- 7 2 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\n"
      + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=recvonly\r\na=ice-ufrag:pl4y\r\n"
      + "a=ice-pwd:0123456789abcdefghijklmn\r\na=rtpmap:111 opus/48000/2\r\n"
      + "m=video 9 UDP/TLS/RTP/SAVPF 96 102\r\nc=IN IP4 0.0.0.0\r\na=mid:1\r\na=recvonly\r\na=rtpmap:96 VP8/90000\r\n"
      + "a=rtpmap:102 H264/90000\r\na=fmtp:102 profile-level-id=42e01f;packetization-mode=1\r\n";

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
  @DisplayName("MV20, MV21, MV22, MV23, MV24, MV25, MV26: OPTIONS with CORS and Accept-Post, Allow on 405, an offer without a codec "
      + "the room takes is 422, If-Match 428/412, an ICE restart 422, Link ice-server with TURN, WHEP by client offer gets 406 with the "
      + "counter-offer, the same WHEP session follows the hall feed and three floor changes by switch, a replaced WHIP session is 404, "
      + "the feed carries the room's name, no bridge internals in errors")
  void http_details_client_offer_and_floor_following() throws Exception {
    requireNamespace();
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "conf-");
    JanusProcess janus = rig.janus(dir.resolve("janus"), "plenum-test", 32000);
    LiveMeetingFixture fx = rig.fixture(Map.of("PLENUM_MEDIA_ENDPOINT_ALLOWED_ORIGINS", ORIGIN,
        "PLENUM_TURN_URLS", "turn:10.77.0.1:3478?transport=udp", "PLENUM_TURN_SECRET", "turn-secret-for-the-test-0123"), janus);
    String meeting = fx.demo();
    Api api = fx.api();
    String chairToken = fx.token("chair");
    Map<String, String> rooms = importRooms(api, meeting, chairToken, "HW01", "HW02", "HW03", "HW09");
    JsonObject whip1 = issue(api, meeting, rooms.get("HW01"), "WHIP", chairToken);
    JsonObject whip2 = issue(api, meeting, rooms.get("HW02"), "WHIP", chairToken);
    JsonObject whip3 = issue(api, meeting, rooms.get("HW03"), "WHIP", chairToken);
    JsonObject whep = issue(api, meeting, rooms.get("HW09"), "WHEP", chairToken);
    String whipPath = URI.create(whip1.getString("url")).getPath();
    String whepPath = URI.create(whep.getString("url")).getPath();

    // MV24: OPTIONS needs no credential; an allowed origin gets CORS, another none; other methods get 405 with Allow
    Api.Response options = send(api, "OPTIONS", whipPath, null, null, Map.of("Origin", ORIGIN, "Access-Control-Request-Method", "POST"));
    assertThat(options.status()).isEqualTo(204);
    assertThat(header(options, "Allow")).isEqualTo("OPTIONS, POST");
    assertThat(header(options, "Accept-Post")).isEqualTo("application/sdp");
    assertThat(header(options, "Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
    assertThat(header(options, "Access-Control-Allow-Methods")).contains("POST");
    assertThat(header(options, "Access-Control-Allow-Headers")).contains("Authorization").contains("If-Match");
    Api.Response foreign = send(api, "OPTIONS", whepPath, null, null, Map.of("Origin", "https://elsewhere.example"));
    assertThat(foreign.status()).isEqualTo(204);
    assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    Api.Response get = send(api, "GET", whipPath, null, whip1.getString("secret"), Map.of());
    assertThat(get.status()).isEqualTo(405);
    assertThat(header(get, "Allow")).isEqualTo("OPTIONS, POST");
    Api.Response getSession = send(api, "GET", whipPath + "/nosuchsession", null, whip1.getString("secret"), Map.of());
    assertThat(getSession.status()).isEqualTo(405);
    assertThat(header(getSession, "Allow")).isEqualTo("OPTIONS, PATCH, DELETE");

    // MV20: an offer with no codec the room takes is 422 UNSUPPORTED_CODEC, on WHIP and on WHEP, before the bridge is asked
    Api.Response h265 = send(api, "POST", whipPath, "application/sdp", whip1.getString("secret"), Map.of(), H265_OFFER);
    assertThat(h265.status()).as(h265.toString()).isEqualTo(422);
    assertThat(h265.code()).isEqualTo("UNSUPPORTED_CODEC");
    assertThat(h265.json().getString("message")).contains("H265").contains("VP8").contains("H.264");
    Api.Response h265Whep = send(api, "POST", whepPath, "application/sdp", whep.getString("secret"), Map.of(),
        H265_OFFER.replace("a=sendonly", "a=recvonly"));
    assertThat(h265Whep.status()).isEqualTo(422);

    // MV22 (hall): the chair's agent publishes the hall feed
    vertx = Vertx.vertx();
    String server = "http://127.0.0.1:" + fx.server().port();
    RoomAgent hall = agent("hall", HALL);
    PlenumLink chairLink = await(PlenumLink.connect(vertx, hall, server, meeting, "chair", "plenum-demo"));
    cleanup.add(chairLink);
    await(chairLink.publish());

    // MV11, MV25, MV26: three rooms publish through WHIP; the 201 carries Link ice-server with TURN credentials
    WhipClient p1 = publish(whip1, 11);
    assertThat(p1.created().links()).anySatisfy(l -> assertThat(l).startsWith("<turn:10.77.0.1:3478?transport=udp>; rel=\"ice-server\"")
        .contains("username=\"").contains("credential=\"").contains("credential-type=\"password\""));
    WhipClient p2 = publish(whip2, 12);
    WhipClient p3 = publish(whip3, 13);
    LiveClient chair = fx.client(meeting, "chair");
    cleanup.add(chair);
    until(() -> feeds(chair).size() >= 4, Duration.ofSeconds(20), () -> "feeds: " + feeds(chair));
    assertThat(feeds(chair)).contains("Điểm cầu HW01", "Điểm cầu HW02", "Điểm cầu HW03");

    // MV23: PATCH without If-Match is 428, with another tag 412, an ICE restart 422; the right tag takes candidates
    String session1 = p1.resource().getPath();
    String frag = "a=ice-ufrag:" + ufragOf(p1) + "\r\na=mid:0\r\na=candidate:1 1 udp 2122260223 10.77.0.2 40000 typ host\r\n";
    Api.Response noTag = send(api, "PATCH", session1, "application/trickle-ice-sdpfrag", whip1.getString("secret"), Map.of(), frag);
    assertThat(noTag.status()).as(noTag.toString()).isEqualTo(428);
    Api.Response wrongTag = send(api, "PATCH", session1, "application/trickle-ice-sdpfrag", whip1.getString("secret"),
        Map.of("If-Match", "\"not-the-tag\""), frag);
    assertThat(wrongTag.status()).isEqualTo(412);
    Api.Response restart = send(api, "PATCH", session1, "application/trickle-ice-sdpfrag", whip1.getString("secret"), Map.of("If-Match", "*"),
        "a=ice-ufrag:newU\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\nm=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=mid:0\r\n");
    assertThat(restart.status()).isEqualTo(422);
    assertThat(restart.code()).isEqualTo("ICE_RESTART_UNSUPPORTED");
    Api.Response rightTag = send(api, "PATCH", session1, "application/trickle-ice-sdpfrag", whip1.getString("secret"),
        Map.of("If-Match", p1.etag()), frag);
    assertThat(rightTag.status()).as(rightTag.toString()).isEqualTo(204);

    // MV21: a player's offer gets 406 with the bridge's counter-offer, Location and ETag; its answer goes by PATCH.
    // Nobody has the floor: MV22 the session shows the hall feed
    Api.Response raw406 = send(api, "POST", whepPath, "application/sdp", whep.getString("secret"), Map.of("Origin", ORIGIN), PLAYER_OFFER);
    assertThat(raw406.status()).as(raw406.toString()).isEqualTo(406);
    assertThat(header(raw406, "Content-Type")).isEqualTo("application/sdp");
    assertThat(header(raw406, "Location")).startsWith(whepPath + "/");
    assertThat(header(raw406, "ETag")).isNotBlank();
    assertThat(header(raw406, "Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
    assertThat(header(raw406, "Access-Control-Expose-Headers")).contains("Location");
    assertThat(raw406.text()).startsWith("v=0").contains("m=video");
    assertThat(send(api, "DELETE", header(raw406, "Location"), null, whep.getString("secret"), Map.of()).status()).isEqualTo(200);
    // MV26: an answer the bridge cannot use names no bridge internals
    RoomAgent decoder = agent("decoder", 90);
    WhipClient player = await(WhipClient.watchByOffer(vertx, decoder, whep.getString("url"), whep.getString("secret"), PLAYER_OFFER));
    cleanup.add(player);
    until(() -> frames(decoder, HALL) > 15, Duration.ofSeconds(30), () -> "decoder (hall): " + decoder.receivedTracks());

    // MV22: three floor changes; the same WHEP session receives each new speaker, then the hall feed again
    int[] codes = {11, 12, 13};
    String[] users = {rooms.get("HW01"), rooms.get("HW02"), rooms.get("HW03")};
    for (int i = 0; i < codes.length; i++) {
      grant(chair, users[i]);
      long before = frames(decoder, codes[i]);
      int code = codes[i];
      long t0 = System.nanoTime();
      until(() -> frames(decoder, code) > before + 15, Duration.ofSeconds(30), () -> "decoder after floor to " + code + ": "
          + decoder.receivedTracks());
      System.out.printf("VIDEO-TIMING WHEP follows floor to %d: 16 frames in %d ms%n", code, (System.nanoTime() - t0) / 1_000_000);
    }
    assertThat(player.session().state().toString()).isEqualTo("CONNECTED");
    acked(chair.command("speaker.end", new JsonObject()));
    long hallBefore = frames(decoder, HALL);
    until(() -> frames(decoder, HALL) > hallBefore + 15, Duration.ofSeconds(30), () -> "decoder back to the hall: " + decoder.receivedTracks());

    // MV26: a new WHIP publication of HW01 replaces the first: the old session answers 404
    WhipClient again = publish(whip1, 11);
    assertThat(await(p1.patch("application/trickle-ice-sdpfrag", frag)).status()).isEqualTo(404);
    assertThat(await(p1.delete())).isEqualTo(404);
    assertThat(await(again.delete())).isEqualTo(200);

    // MV26: a broken answer on a fresh WHEP session: BAD_MESSAGE, no Janus text
    Api.Response fresh = send(api, "POST", whepPath, "application/sdp", whep.getString("secret"), Map.of(), "");
    assertThat(fresh.status()).as(fresh.toString()).isEqualTo(201);
    Api.Response broken = send(api, "PATCH", header(fresh, "Location"), "application/sdp", whep.getString("secret"),
        Map.of("If-Match", header(fresh, "ETag")), "v=0\r\nbroken\r\n");
    assertThat(broken.status()).as(broken.toString()).isBetween(400, 422);
    assertThat(broken.text()).doesNotContainIgnoringCase("janus").doesNotContain("error 4");
  }

  @Test
  @DisplayName("MV20: an H.264-only WHIP encoder publishes H.264 video (the answer keeps it); a client-offer WHEP decoder and a "
      + "room agent on the meeting socket both receive its frames")
  void h264_encoder_reaches_decoders() throws Exception {
    requireNamespace();
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "h264-");
    JanusProcess janus = rig.janus(dir.resolve("janus"), "plenum-test", 33000);
    LiveMeetingFixture fx = rig.fixture(Map.of(), janus);
    String meeting = fx.demo();
    Api api = fx.api();
    String chairToken = fx.token("chair");
    Map<String, String> rooms = importRooms(api, meeting, chairToken, "HX05", "HX09");
    JsonObject whip = issue(api, meeting, rooms.get("HX05"), "WHIP", chairToken);
    JsonObject whep = issue(api, meeting, rooms.get("HX09"), "WHEP", chairToken);
    vertx = Vertx.vertx();

    RoomAgent encoder = agent("h264-encoder", 15);
    WhipClient pub = await(WhipClient.publish(vertx, encoder, whip.getString("url"), whip.getString("secret"),
        EndpointConformanceVideoIT::h264Only));
    cleanup.add(pub);
    String answer = pub.created().body();
    assertThat(SdpLines.codecs(answer, "video")).as(answer).containsExactly("H264");
    await(pub.session().connected());
    LiveClient chair = fx.client(meeting, "chair");
    cleanup.add(chair);
    grant(chair, rooms.get("HX05"));

    RoomAgent decoder = agent("h264-decoder", 91);
    WhipClient player = null;
    long t0 = System.nanoTime();
    while (player == null) {
      try {
        player = await(WhipClient.watchByOffer(vertx, decoder, whep.getString("url"), whep.getString("secret"), PLAYER_OFFER));
      } catch (java.util.concurrent.ExecutionException e) {
        if (!(e.getCause() instanceof WhipClient.Refused r) || r.response().status() != 404
            || System.nanoTime() - t0 > Duration.ofSeconds(20).toNanos()) {
          throw e;
        }
        Thread.sleep(300);
      }
    }
    cleanup.add(player);
    until(() -> frames(decoder, 15) > 15, Duration.ofSeconds(30), () -> "H.264 at the WHEP decoder: " + decoder.receivedTracks());

    RoomAgent watcher = agent("socket-watcher", 92);
    PlenumLink link = await(PlenumLink.connect(vertx, watcher, "http://127.0.0.1:" + fx.server().port(), meeting, "room2", "plenum-demo"));
    cleanup.add(link);
    await(link.watchSpeaker());
    until(() -> frames(watcher, 15) > 15, Duration.ofSeconds(30), () -> "H.264 at the socket watcher: " + watcher.receivedTracks());
  }

  /** What a hardware encoder offers: the video m-line keeps one H.264 payload (constrained baseline, mode 1 if offered). */
  static String h264Only(String sdp) {
    String[] lines = sdp.split("\r\n");
    Set<String> h264 = new LinkedHashSet<>();
    String best = null;
    boolean video = false;
    for (String l : lines) {
      if (l.startsWith("m=")) {
        video = l.startsWith("m=video");
      } else if (video && l.startsWith("a=rtpmap:") && l.contains(" H264/")) {
        h264.add(l.substring(9, l.indexOf(' ')));
      } else if (video && l.startsWith("a=fmtp:") && l.contains("packetization-mode=1") && l.contains("42e01f")) {
        String pt = l.substring(7, l.indexOf(' '));
        if (best == null) {
          best = pt;
        }
      }
    }
    String keep = best != null && h264.contains(best) ? best : h264.stream().findFirst()
        .orElseThrow(() -> new AssertionError("the agent offers no H.264: " + sdp));
    List<String> out = new ArrayList<>();
    video = false;
    for (String l : lines) {
      if (l.startsWith("m=")) {
        video = l.startsWith("m=video");
        if (video) {
          String[] f = l.split(" ");
          l = f[0] + " " + f[1] + " " + f[2] + " " + keep;
        }
      } else if (video && (l.startsWith("a=rtpmap:") || l.startsWith("a=fmtp:") || l.startsWith("a=rtcp-fb:"))) {
        String pt = l.substring(l.indexOf(':') + 1, l.indexOf(' ') > 0 ? l.indexOf(' ') : l.length());
        if (!pt.equals(keep)) {
          continue;
        }
      }
      out.add(l);
    }
    return String.join("\r\n", out) + "\r\n";
  }

  private WhipClient publish(JsonObject credential, int code) throws Exception {
    RoomAgent a = agent("whip-" + code + "-" + System.nanoTime() % 1000, code);
    WhipClient c = await(WhipClient.publish(vertx, a, credential.getString("url"), credential.getString("secret")));
    cleanup.add(c);
    await(c.session().connected());
    return c;
  }

  /** The ufrag the agent offered (what a trickle fragment of this session repeats). */
  private static String ufragOf(WhipClient c) {
    return SdpLines.iceUfrags(c.offer()).iterator().next();
  }

  static void grant(LiveClient chair, String accountId) {
    JsonObject added = chair.command("speaker.add", new JsonObject().put("accountId", accountId));
    String entry = dataOf(chair, added).getJsonObject("entry").getString("id");
    acked(chair.command("speaker.grant", new JsonObject().put("entryId", entry)));
  }

  private static List<String> feeds(LiveClient chair) {
    JsonObject state = chair.command("media.state", new JsonObject());
    return state.getJsonArray("feeds", new io.vertx.core.json.JsonArray()).stream()
        .map(o -> ((JsonObject) o).getString("displayName")).toList();
  }

  private RoomAgent agent(String name, int code) {
    RoomAgent agent = new RoomAgent(vertx, RoomAgentConfig.of(name, code));
    cleanup.add(agent);
    return agent;
  }

  private static long frames(RoomAgent agent, int code) {
    return agent.receivedTracks().stream().mapToLong(t -> t.framesWithCode(code)).sum();
  }

  private static String header(Api.Response r, String name) {
    return r.headers().firstValue(name).orElse(null);
  }

  private static Api.Response send(Api api, String method, String path, String type, String token, Map<String, String> headers) {
    return send(api, method, path, type, token, headers, "");
  }

  private static Api.Response send(Api api, String method, String path, String type, String token, Map<String, String> headers, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.base() + path))
        .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (type != null) {
      b.header("Content-Type", type);
    }
    headers.forEach(b::header);
    return api.send(b, token);
  }

  /** Imports rooms {@code codes} (named "Điểm cầu <code>") and returns code → room account id. */
  static Map<String, String> importRooms(Api api, String meeting, String token, String... codes) {
    StringBuilder csv = new StringBuilder("code,name,district\n");
    for (String c : codes) {
      csv.append(c).append(",Điểm cầu ").append(c).append(",Huyện Demo\n");
    }
    Api.Response imported = api.raw("POST", "/api/meetings/" + meeting + "/rooms/import", "text/csv; charset=utf-8",
        csv.toString().getBytes(StandardCharsets.UTF_8), token);
    assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
    Map<String, String> ids = new java.util.LinkedHashMap<>();
    api.get("/api/meetings/" + meeting + "/rooms", token).array("rooms").stream().map(o -> (JsonObject) o)
        .forEach(r -> ids.put(r.getString("code"), r.getString("roomId")));
    return ids;
  }

  static JsonObject issue(Api api, String meeting, String room, String kind, String token) {
    Api.Response r = api.post("/api/meetings/" + meeting + "/rooms/" + room + "/credentials", new JsonObject().put("kind", kind), token);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json();
  }
}
