package org.plenum.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.media.ServerVideoIT.requireNamespace;
import static org.plenum.server.testing.LiveMeetingFixture.acked;
import static org.plenum.server.testing.LiveMeetingFixture.dataOf;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plenum.media.janus.JanusProcess;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.LiveClient;
import org.plenum.server.testing.LiveMeetingFixture;

/**
 * The conformance suite with a second WebRTC implementation (issue 19): werift (npm, TypeScript — neither libwebrtc
 * nor anything written here) publishes ffmpeg-made VP8 and H.264 by WHIP and receives by client-offer WHEP, all inside
 * the test's network namespace (failsafe execution {@code video-it}), driven by {@code media/src/test/werift/conformance.mjs}.
 * Its {@code node_modules} comes from the lock file (server/pom.xml, execution {@code werift-npm-ci}); ffmpeg is Debian's.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class WeriftConformanceVideoIT {
  static final Path SCRIPT_DIR = Path.of("..", "media", "src", "test", "werift").toAbsolutePath().normalize();

  private final VideoRig rig = new VideoRig();
  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void tearDown() {
    processes.forEach(Process::destroyForcibly);
    rig.close();
  }

  @Test
  @DisplayName("MV11, MV20, MV21, MV14: werift publishes ffmpeg VP8 and then H.264 by WHIP (201 with video), and a werift player's offer "
      + "gets 406 with the counter-offer, its PATCH answer 204, and RTP of each speaker arrives; DELETE ends both (200)")
  void werift_publishes_vp8_and_h264_and_watches_by_client_offer() throws Exception {
    requireNamespace();
    Assumptions.assumeTrue(onPath("ffmpeg"), "ffmpeg is not installed (Debian: apt-get install ffmpeg)");
    Assumptions.assumeTrue(onPath("node"), "node is not installed");
    requireWerift();
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "werift-");
    JanusProcess janus = rig.janus(dir.resolve("janus"), "plenum-test", 34000);
    LiveMeetingFixture fx = rig.fixture(Map.of(), janus);
    String meeting = fx.demo();
    Api api = fx.api();
    String chairToken = fx.token("chair");
    Map<String, String> rooms = EndpointConformanceVideoIT.importRooms(api, meeting, chairToken, "WR01", "WR02", "WR09");
    JsonObject vp8 = issue(api, meeting, rooms.get("WR01"), "WHIP", chairToken);
    JsonObject h264 = issue(api, meeting, rooms.get("WR02"), "WHIP", chairToken);
    JsonObject whep = issue(api, meeting, rooms.get("WR09"), "WHEP", chairToken);
    LiveClient chair = fx.client(meeting, "chair");
    rig.cleanup.add(chair);

    for (String[] run : new String[][] {{"vp8", "WR01"}, {"h264", "WR02"}}) {
      JsonObject credential = run[0].equals("vp8") ? vp8 : h264;
      Process publisher = node(dir.resolve("publish-" + run[0] + ".log"), "publish", credential.getString("url"), credential.getString("secret"),
          run[0], "30");
      grantWhenLive(chair, rooms.get(run[1]));
      Path watchLog = dir.resolve("watch-" + run[0] + ".log");
      Process watcher = node(watchLog, "watch", whep.getString("url"), whep.getString("secret"), "20", "100");
      assertThat(watcher.waitFor(60, TimeUnit.SECONDS)).as("watcher finished").isTrue();
      String watched = Files.readString(watchLog, StandardCharsets.UTF_8);
      System.out.println("werift watch " + run[0] + ":\n" + watched);
      assertThat(watcher.exitValue()).as(watched).isZero();
      assertThat(watched).contains("\"step\":\"whep-post\",\"status\":406").contains("\"step\":\"whep-answer\",\"status\":204")
          .contains("\"step\":\"whep-delete\",\"status\":200");
      assertThat(publisher.waitFor(60, TimeUnit.SECONDS)).as("publisher finished").isTrue();
      String published = Files.readString(dir.resolve("publish-" + run[0] + ".log"), StandardCharsets.UTF_8);
      System.out.println("werift publish " + run[0] + ":\n" + published);
      assertThat(publisher.exitValue()).as(published).isZero();
      assertThat(published).contains("\"step\":\"whip-post\",\"status\":201").contains("\"step\":\"whip-delete\",\"status\":200");
      acked(chair.command("speaker.end", new JsonObject()));
    }
  }

  /** Gives the room the floor once its WHIP feed is live (media.state lists it). */
  private static void grantWhenLive(LiveClient chair, String room) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(25);
    while (chair.command("media.state", new JsonObject()).getJsonArray("feeds", new io.vertx.core.json.JsonArray()).stream()
        .noneMatch(f -> room.equals(((JsonObject) f).getString("accountId")))) {
      if (System.nanoTime() > end) {
        throw new AssertionError("the werift WHIP feed of " + room + " never went live");
      }
      Thread.sleep(200);
    }
    JsonObject added = chair.command("speaker.add", new JsonObject().put("accountId", room));
    acked(chair.command("speaker.grant", new JsonObject().put("entryId", dataOf(chair, added).getJsonObject("entry").getString("id"))));
  }

  private Process node(Path log, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("node", "conformance.mjs"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(SCRIPT_DIR.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    processes.add(p);
    return p;
  }

  /** werift is installed before the video tests by server/pom.xml's {@code werift-npm-ci} (the namespace has no registry). */
  private static void requireWerift() {
    assertThat(SCRIPT_DIR.resolve("node_modules").resolve("werift")).as("werift installed by the werift-npm-ci execution "
        + "(npm run install-if-changed in media/src/test/werift)").isDirectory();
  }

  private static boolean onPath(String tool) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(d, tool))) {
        return true;
      }
    }
    return false;
  }

  private static JsonObject issue(Api api, String meeting, String room, String kind, String token) {
    Api.Response r = api.post("/api/meetings/" + meeting + "/rooms/" + room + "/credentials", new JsonObject().put("kind", kind), token);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json();
  }
}
