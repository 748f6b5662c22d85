package org.plenum.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.media.ServerVideoIT.await;
import static org.plenum.server.media.ServerVideoIT.awaitFailure;
import static org.plenum.server.media.ServerVideoIT.requireNamespace;
import static org.plenum.server.media.ServerVideoIT.until;
import static org.plenum.server.testing.LiveMeetingFixture.acked;
import static org.plenum.server.testing.LiveMeetingFixture.dataOf;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
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
import org.plenum.media.agent.WhipClient;
import org.plenum.media.janus.JanusProcess;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.LiveClient;
import org.plenum.server.testing.LiveMeetingFixture;

/**
 * WHIP ingest and WHEP egress end to end, inside the test's network namespace (failsafe execution {@code video-it}):
 * the chair issues a WHIP credential to room A and a WHEP credential to room B over REST; a webrtc-java agent
 * publishes through WHIP like a hardware encoder, the chair gives A the floor, another agent receives A through WHEP.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WhipVideoIT {
  static final int CODE_A = 4;

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
  @DisplayName("MV11, MV12, MV13, MV14, RM8: a WHIP publish from webrtc-java with the floor is received by a WHEP subscriber and by a "
      + "room agent joining with its kiosk link; "
      + "wrong and revoked secrets get 401 with WWW-Authenticate; DELETE ends the publication")
  void whip_publication_reaches_whep_subscriber() throws Exception {
    requireNamespace();
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "whip-");
    JanusProcess janus = rig.janus(dir.resolve("janus"), "plenum-test", 31000);
    LiveMeetingFixture fx = rig.fixture(Map.of(), janus);
    String meeting = fx.demo();
    Api api = fx.api();
    String chairToken = fx.token("chair");
    byte[] csv = "code,name,district\nWA-01,Điểm cầu A,Huyện Sóc Sơn\nWB-02,Điểm cầu B,Huyện Đông Anh\n".getBytes(StandardCharsets.UTF_8);
    Api.Response imported = api.raw("POST", "/api/meetings/" + meeting + "/rooms/import", "text/csv; charset=utf-8", csv, chairToken);
    assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
    String roomA = roomId(api, meeting, chairToken, "WA-01");
    String roomB = roomId(api, meeting, chairToken, "WB-02");
    JsonObject whip = issue(api, meeting, roomA, "WHIP", chairToken);
    JsonObject whep = issue(api, meeting, roomB, "WHEP", chairToken);
    assertThat(whip.getString("url")).endsWith("/whip/" + meeting + "/WA-01");

    vertx = Vertx.vertx();
    // MV11: a wrong secret, a secret of another kind → 401 with WWW-Authenticate: Bearer; a wrong content type → 415
    WhipClient.Response wrong = await(WhipClient.post(vertx, whip.getString("url"), whip.getString("secret") + "x", "application/sdp", "v=0\r\n"));
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.wwwAuthenticate()).startsWith("Bearer");
    assertThat(new JsonObject(wrong.body()).getString("code")).isEqualTo("NOT_AUTHENTICATED");
    assertThat(await(WhipClient.post(vertx, whip.getString("url"), whep.getString("secret"), "application/sdp", "v=0\r\n")).status())
        .isEqualTo(401);
    assertThat(await(WhipClient.post(vertx, whip.getString("url"), whip.getString("secret"), "text/plain", "v=0\r\n")).status())
        .isEqualTo(415);

    // MV11: room A publishes through WHIP; the chair gives A the floor
    RoomAgent a = agent("whip-a", CODE_A);
    WhipClient publisher = await(WhipClient.publish(vertx, a, whip.getString("url"), whip.getString("secret")));
    cleanup.add(publisher);
    assertThat(publisher.resource().getPath()).matches("/whip/" + meeting + "/WA-01/[A-Za-z0-9_-]{20,}");
    await(publisher.session().connected());
    LiveClient chair = fx.client(meeting, "chair");
    cleanup.add(chair);
    JsonObject added = chair.command("speaker.add", new JsonObject().put("accountId", roomA));
    acked(chair.command("speaker.grant", new JsonObject().put("entryId", dataOf(chair, added).getJsonObject("entry").getString("id"))));

    // MV12, MV13: room B receives the speaker (A) through WHEP; the offer comes from the server
    RoomAgent b = agent("whep-b", 5);
    long granted = System.nanoTime();
    WhipClient subscriber = null;
    while (subscriber == null) {
      try {
        subscriber = await(WhipClient.watch(vertx, b, whep.getString("url"), whep.getString("secret")));
      } catch (java.util.concurrent.ExecutionException e) {
        // 404 until A's feed is live and has the floor (webrtcup, MV7)
        if (!(e.getCause() instanceof WhipClient.Refused r) || r.response().status() != 404
            || System.nanoTime() - granted > Duration.ofSeconds(20).toNanos()) {
          throw e;
        }
        Thread.sleep(300);
      }
    }
    cleanup.add(subscriber);
    until(() -> frames(b) > 15, Duration.ofSeconds(30), () -> "B received " + b.receivedTracks());
    System.out.printf("VIDEO-TIMING WHIP→WHEP: 16 frames of A at B: %d ms%n", (System.nanoTime() - granted) / 1_000_000);

    // RM8 + the room agent's --link: a room joins with the kiosk link the chair issued and watches the speaker (A)
    JsonObject kiosk = issue(api, meeting, roomB, "KIOSK", chairToken);
    assertThat(kiosk.getString("url")).contains("/kiosk.html#token=");
    RoomAgent c = agent("kiosk-link-c", 7);
    PlenumLink viaLink = await(PlenumLink.connectKiosk(vertx, c, kiosk.getString("url")));
    cleanup.add(viaLink);
    assertThat(viaLink.meetingId()).isEqualTo(meeting);
    await(viaLink.watchSpeaker());
    until(() -> frames(c) > 15, Duration.ofSeconds(30), () -> "the kiosk-link room received " + c.receivedTracks());
    assertThat(await(PlenumLink.connectKiosk(vertx, agent("kiosk-link-bad", 8), kiosk.getString("url") + "x")
        .map(l -> "joined").otherwise(err -> "refused"))).isEqualTo("refused");

    // MV14: DELETE ends the publication: no more frames of A reach B; the resource is gone (404)
    assertThat(await(publisher.delete())).isEqualTo(200);
    Thread.sleep(1500);
    long after = frames(b);
    Thread.sleep(2000);
    assertThat(frames(b)).as("frames of A after DELETE").isLessThanOrEqualTo(after + 2);
    assertThat(await(publisher.delete())).isEqualTo(404);
    assertThat(await(subscriber.delete())).isEqualTo(200);
    until(() -> speakerFeed(chair) == null, Duration.ofSeconds(10), () -> "speaker feed after DELETE: " + speakerFeed(chair));

    // MV14: revoking the WHIP credential ends the publication made with it
    RoomAgent a2 = agent("whip-a2", CODE_A);
    WhipClient again = await(WhipClient.publish(vertx, a2, whip.getString("url"), whip.getString("secret")));
    cleanup.add(again);
    until(() -> roomA.equals(speakerFeed(chair)), Duration.ofSeconds(20), () -> "speaker feed after the second WHIP publish: "
        + speakerFeed(chair));
    Api.Response revoked = api.method("DELETE", "/api/meetings/" + meeting + "/rooms/" + roomA + "/credentials/" + whip.getString("id"),
        null, chairToken);
    assertThat(revoked.status()).as(revoked.toString()).isEqualTo(204);
    until(() -> speakerFeed(chair) == null, Duration.ofSeconds(10), () -> "speaker feed after revoking: " + speakerFeed(chair));
    // RM6 + MV11: the revoked WHIP secret gets 401
    Throwable refused = awaitFailure(WhipClient.publish(vertx, agent("whip-a3", 6), whip.getString("url"), whip.getString("secret")));
    assertThat(refused).isInstanceOf(WhipClient.Refused.class);
    assertThat(((WhipClient.Refused) refused).response().status()).isEqualTo(401);
  }

  /** The speaker's live feed as media.state tells it (null: none). */
  private static String speakerFeed(LiveClient chair) {
    return chair.command("media.state", new JsonObject()).getString("speakerFeedId");
  }

  private RoomAgent agent(String name, int code) {
    RoomAgent agent = new RoomAgent(vertx, RoomAgentConfig.of(name, code));
    cleanup.add(agent);
    return agent;
  }

  private static long frames(RoomAgent agent) {
    return agent.receivedTracks().stream().mapToLong(t -> t.framesWithCode(CODE_A)).sum();
  }

  private static String roomId(Api api, String meeting, String token, String code) {
    return api.get("/api/meetings/" + meeting + "/rooms", token).array("rooms").stream().map(o -> (JsonObject) o)
        .filter(r -> code.equals(r.getString("code"))).findFirst().orElseThrow().getString("roomId");
  }

  private static JsonObject issue(Api api, String meeting, String room, String kind, String token) {
    Api.Response r = api.post("/api/meetings/" + meeting + "/rooms/" + room + "/credentials", new JsonObject().put("kind", kind), token);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json();
  }
}
