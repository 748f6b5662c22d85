package org.plenum.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.media.ServerVideoIT.await;
import static org.plenum.server.media.ServerVideoIT.grant;
import static org.plenum.server.media.ServerVideoIT.requireNamespace;
import static org.plenum.server.media.ServerVideoIT.until;
import static org.plenum.server.media.WallVideoIT.field;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
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
import org.plenum.media.janus.JanusProcess;
import org.plenum.media.testsupport.Chromium;
import org.plenum.server.testing.LiveClient;
import org.plenum.server.testing.LiveMeetingFixture;
import org.plenum.server.testing.TestServer;

/**
 * The hall feed (issue 13, D34, MV18, MV19), inside the test's network namespace like {@link ServerVideoIT}: the chair
 * console in Chromium (fake camera) starts the hall feed with its button; a Chromium kiosk ({@code diag=1}) decodes it in
 * the chair tile ("h=" of its device line); a delegate in the hall gets the floor and the kiosk's speaker tile shows the
 * hall feed ("s=hall", its frames counted in "f="); a remote room gets the floor and the speaker tile shows that room
 * ("s=feed", the room's identity code); the chair stops the feed and the meeting has no chair feed any more.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class HallFeedVideoIT {
  static final int CODE_ROOM = 5;
  static final Path SHOTS = Path.of("..", "docs", "screenshots");

  private final VideoRig rig = new VideoRig();
  private final List<AutoCloseable> cleanup = rig.cleanup;
  private final Map<String, String> devices = new java.util.concurrent.ConcurrentHashMap<>();
  private Vertx vertx;

  @AfterEach
  void tearDown() throws Exception {
    rig.close();
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  @DisplayName("MV18, MV19: the chair console publishes the hall feed; the kiosk shows it in the chair tile, in the speaker "
      + "tile while a hall delegate has the floor, the room while a room has it; stopping ends the chair feed")
  void chair_console_publishes_the_hall_feed_that_kiosks_show() throws Exception {
    requireNamespace();
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "hall-");
    JanusProcess janus = rig.janus(dir.resolve("janus"), "plenum-test", 35000);
    LiveMeetingFixture fx = rig.fixture(Map.of(), janus);
    String meeting = fx.demo();
    String server = "http://127.0.0.1:" + fx.server().port();
    LiveClient secretary = fx.client(meeting, "secretary");
    cleanup.add(secretary);
    assertThat(secretary.command("media.state", new JsonObject()).getValue("chairFeedId")).isNull();

    // MV18: the chair console's button publishes its camera as the hall feed; its state is said in words
    Chromium console = openChairConsole(server, meeting, dir.resolve("console.log"));
    cleanup.add(console);
    String started = console.evaluate(server, """
        (async () => {
          const until = async (f) => { for (let i = 0; i < 300; i++) { const v = f(); if (v) return v; await new Promise(r => setTimeout(r, 100)); } return null; };
          const start = await until(() => document.querySelector('[data-testid=chair-hall-feed] button.primary'));
          if (!start) return 'no start button: ' + document.body.innerText.slice(0, 300);
          start.click();
          const on = await until(() => document.querySelector('[data-testid=chair-hall-feed] [data-state=on]'));
          const status = document.querySelector('[data-testid=chair-hall-feed] [role=status]');
          return (on ? 'on: ' : 'not on: ') + status.textContent + ' / ' + document.documentElement.lang;
        })()""", Duration.ofSeconds(60));
    assertThat(started).as("see " + console.log()).startsWith("\"on: ");
    assertThat(started).containsAnyOf("Các điểm cầu đang thấy hội trường", "The rooms see the hall");
    until(() -> fx.id("chair").equals(secretary.command("media.state", new JsonObject()).getString("chairFeedId")),
        Duration.ofSeconds(30), () -> "no live chair feed: " + secretary.command("media.state", new JsonObject()));
    // the console's hall feed panel in both languages (docs/screenshots/, looked at before done)
    String lang = console.evaluate(server, "document.documentElement.lang", Duration.ofSeconds(10)).replace("\"", "");
    console.screenshot(server, "[data-testid=chair-hall-feed]", SHOTS.resolve(lang + "-29-chair-hall-feed.png"), Duration.ofSeconds(20));
    console.evaluate(server, "(async () => { document.querySelector('button.lang').click(); await new Promise(r => setTimeout(r, 300)); })()",
        Duration.ofSeconds(10));
    String other = lang.equals("vi") ? "en" : "vi";
    assertThat(console.evaluate(server, "document.documentElement.lang", Duration.ofSeconds(10))).isEqualTo("\"" + other + "\"");
    console.screenshot(server, "[data-testid=chair-hall-feed]", SHOTS.resolve(other + "-29-chair-hall-feed.png"), Duration.ofSeconds(20));

    // the browser room decodes the hall feed in its chair tile; nobody has the floor: its speaker tile is empty
    Chromium kiosk = Chromium.openWithDevTools(server + "/kiosk.html" + fx.kioskFragment(meeting, "room1") + "&meeting=" + meeting + "&diag=1",
        dir.resolve("kiosk.log"));
    cleanup.add(kiosk);
    until(() -> field(kiosk(secretary), "h") > 15, Duration.ofSeconds(60),
        () -> "kiosk: " + devices.get("kiosk") + "; see " + kiosk.log() + ", " + console.log());
    assertThat(devices.get("kiosk")).contains(" s=none ");

    // MV19: a delegate in the hall has the floor (no video of their own): the speaker tile shows the hall feed
    LiveClient chair = fx.client(meeting, "chair");
    cleanup.add(chair);
    grant(fx, chair, "delegate1");
    JsonObject floor = chair.next(f -> "media.floor".equals(f.getString("type"))
        && fx.id("delegate1").equals(f.getJsonObject("data").getString("speakerAccountId")), 15).getJsonObject("data");
    assertThat(floor.getValue("speakerFeedId")).isNull();
    assertThat(floor.getString("chairFeedId")).isEqualTo(fx.id("chair"));
    until(() -> kiosk(secretary).contains(" s=hall "), Duration.ofSeconds(30), () -> "kiosk: " + devices.get("kiosk"));
    long hallOnSpeaker = field(devices.get("kiosk"), "f");
    until(() -> field(kiosk(secretary), "f") > hallOnSpeaker + 15 && devices.get("kiosk").contains(" s=hall "),
        Duration.ofSeconds(30), () -> "kiosk: " + devices.get("kiosk"));
    kiosk.screenshot(server, "body", SHOTS.resolve("vi-30-kiosk-hall-on-floor.png"), Duration.ofSeconds(20));

    // a remote room has the floor: the speaker tile shows that room (its identity pattern), the chair tile the hall
    vertx = Vertx.vertx();
    RoomAgent agent = new RoomAgent(vertx, RoomAgentConfig.of("room2", CODE_ROOM));
    cleanup.add(agent);
    PlenumLink link = await(PlenumLink.connect(vertx, agent, server, meeting, "room2", "plenum-demo"));
    cleanup.add(link);
    assertThat(await(link.publish())).isEqualTo(fx.id("room2"));
    grant(fx, chair, "room2");
    long hallFrames = field(devices.get("kiosk"), "h");
    until(() -> codeFrames(kiosk(secretary), CODE_ROOM) > 15 && devices.get("kiosk").contains(" s=feed ")
            && field(devices.get("kiosk"), "h") > hallFrames + 15,
        Duration.ofSeconds(40), () -> "kiosk: " + devices.get("kiosk"));

    // the chair stops the hall feed: the meeting has no chair feed any more
    String stopped = console.evaluate(server, """
        (async () => {
          document.querySelector('[data-testid=chair-hall-feed] button.danger').click();
          await new Promise(r => setTimeout(r, 200));
          return document.querySelector('[data-testid=chair-hall-feed] [role=status]').dataset.state;
        })()""", Duration.ofSeconds(20));
    assertThat(stopped).isEqualTo("\"off\"");
    until(() -> secretary.command("media.state", new JsonObject()).getValue("chairFeedId") == null, Duration.ofSeconds(20),
        () -> "still a chair feed: " + secretary.command("media.state", new JsonObject()));
  }

  /**
   * The chair console as the chair opens it: signed in to the app on that browser (the sign-in kept in the app's
   * storage, as the sign-in form keeps it), then the console's page of the meeting.
   */
  private static Chromium openChairConsole(String server, String meeting, Path log) throws Exception {
    Chromium browser = Chromium.openWithDevTools(server + "/", log);
    String signIn = """
        (async () => {
          const r = await fetch('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ username: 'chair', password: '%s' }) });
          const t = await r.json();
          const now = Date.now();
          localStorage.setItem('plenum.session', JSON.stringify({ accessToken: t.accessToken, accessExpiresAt: now + t.expiresIn * 1000,
            accessLifetimeMs: t.expiresIn * 1000, refreshToken: t.refreshToken, refreshExpiresAt: now + t.refreshExpiresIn * 1000,
            username: 'chair' }));
          location.replace('/?console=1#/m/%s/chair');
          return r.status;
        })()""".formatted(TestServer.DEMO_PASSWORD, meeting);
    assertThat(browser.evaluate(server, signIn, Duration.ofSeconds(30))).isEqualTo("200");
    Thread.sleep(500);  // the next evaluation runs in the console's page, not the one that navigated
    return browser;
  }

  /** The kiosk's latest device line seen by {@code watcher} ("kiosk w=1280 s=hall h=120 f=312 c=5:300"), "" before. */
  private String kiosk(LiveClient watcher) {
    return kioskLine(watcher, devices);
  }

  /** The kiosk's latest device line seen by {@code watcher}, remembered in {@code devices} under "kiosk" ("" before). */
  static String kioskLine(LiveClient watcher, Map<String, String> devices) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (System.nanoTime() < deadline) {
      try {
        JsonObject f = watcher.next(fr -> "presence.changed".equals(fr.getString("type")), 1);
        for (String list : List.of("joined", "updated")) {
          for (Object o : f.getJsonArray(list, new JsonArray())) {
            String device = ((JsonObject) o).getString("device");
            if (device != null && device.startsWith("kiosk ")) {
              devices.put("kiosk", device);
            }
          }
        }
      } catch (AssertionError none) {
        watcher.drainInbox();
        break;
      }
    }
    return devices.getOrDefault("kiosk", "");
  }

  private static long codeFrames(String device, int code) {
    if (!device.contains(" c=")) {
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
}
