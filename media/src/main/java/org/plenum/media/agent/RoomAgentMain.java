package org.plenum.media.agent;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Command line of the room agent ({@code ./plenum room-agent ...}). With {@code --link} (a room's kiosk link, a KIOSK
 * credential issued by the chair) or {@code --server} (a room account's password) it joins a meeting as a
 * remote room ({@link PlenumLink}): signs in, publishes its synthetic camera, watches the speaker and prints the
 * frames it received per identity code once a second. {@code --local-test} runs two agents in this JVM, peer to peer
 * through in-memory signalling.
 * <pre>
 *   RoomAgentMain --link 'http://127.0.0.1:8080/kiosk.html#token=…' [--code N] [--seconds N] [--no-publish]
 *   RoomAgentMain --server http://127.0.0.1:8080 --meeting ID --user room1 --password ... [--code N] [--seconds N] [--no-publish]
 *   RoomAgentMain --local-test [--seconds 5] [--size 320x180] [--fps 15]
 * </pre>
 * The password may also come from the environment variable {@code PLENUM_AGENT_PASSWORD}.
 * libwebrtc ignores loopback: run it where the machine has a non-loopback address, e.g. inside a namespace made by
 * {@code media/src/test/netns/netns-java}. Exit status 0 when both agents recognised each other, 1 when not, 2 on
 * bad arguments.
 */
public final class RoomAgentMain {

  private RoomAgentMain() {
  }

  public static void main(String[] args) throws Exception {
    int seconds = 5;
    VideoFormat format = VideoFormat.SMALL;
    boolean localTest = false;
    String server = null;
    String kioskLink = null;
    String meeting = null;
    String user = null;
    String password = System.getenv("PLENUM_AGENT_PASSWORD");
    Integer code = null;
    boolean publish = true;
    boolean secondsGiven = false;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--local-test" -> localTest = true;
          case "--server" -> server = value(args, ++i, "--server");
          case "--link" -> kioskLink = value(args, ++i, "--link");
          case "--meeting" -> meeting = value(args, ++i, "--meeting");
          case "--user" -> user = value(args, ++i, "--user");
          case "--password" -> password = value(args, ++i, "--password");
          case "--code" -> code = Integer.parseInt(value(args, ++i, "--code"));
          case "--no-publish" -> publish = false;
          case "--seconds" -> {
            seconds = Integer.parseInt(value(args, ++i, "--seconds"));
            secondsGiven = true;
          }
          case "--size" -> {
            String[] wh = value(args, ++i, "--size").split("x", 2);
            format = new VideoFormat(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]), format.fps());
          }
          case "--fps" -> format = new VideoFormat(format.width(), format.height(), Integer.parseInt(value(args, ++i, "--fps")));
          default -> throw new IllegalArgumentException("unknown argument " + args[i]);
        }
      }
      if (!localTest && kioskLink == null && (server == null || meeting == null || user == null || password == null)) {
        throw new IllegalArgumentException("give --link KIOSK_LINK, or --server, --meeting, --user and --password (or PLENUM_AGENT_PASSWORD),"
            + " or --local-test");
      }
    } catch (RuntimeException e) {
      System.err.println("room-agent: " + e.getMessage());
      System.err.println("usage: room-agent --link 'https://HOST/kiosk.html#token=…' [--code N] [--seconds N (0: until Ctrl-C)] [--no-publish]"
          + " [--size WxH] [--fps N]");
      System.err.println("       room-agent --server URL --meeting ID --user NAME --password PW [--code N] [--seconds N] [--no-publish] ...");
      System.err.println("       room-agent --local-test [--seconds N] [--size WxH] [--fps N]");
      System.exit(2);
      return;
    }
    if (localTest) {
      System.exit(localTest(seconds, format) ? 0 : 1);
    }
    String name = kioskLink != null ? "kiosk-room" : user;
    int identity = code != null ? code : Math.floorMod((kioskLink != null ? kioskLink : user).hashCode(), IdentityPattern.MAX_CODE) + 1;
    System.exit(link(kioskLink, server, meeting, user, password, name, identity, format, publish, secondsGiven ? seconds : 0) ? 0 : 1);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  /** Joins the meeting, publishes, watches the speaker, prints what it receives; true when any frame arrived. */
  static boolean link(String kioskLink, String server, String meeting, String user, String password, String name, int identity,
                      VideoFormat format, boolean publish, int seconds) throws Exception {
    Vertx vertx = Vertx.vertx();
    RoomAgent agent = new RoomAgent(vertx, new RoomAgentConfig(name.replaceAll("[^A-Za-z0-9_-]", "_"), identity, format, List.of()));
    PlenumLink link = null;
    try {
      link = (kioskLink != null ? PlenumLink.connectKiosk(vertx, agent, kioskLink) : PlenumLink.connect(vertx, agent, server, meeting, user, password))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      if (kioskLink != null) {
        meeting = link.meetingId();
        user = name;
      }
      link.onEvent(e -> {
        if (e.getString("type", "").startsWith("media.")) {
          System.out.println("event " + e.getString("type") + " " + e.getJsonObject("data"));
        }
      });
      System.out.printf("joined meeting %s as %s (identity code %d)%n", meeting, user, identity);
      if (publish) {
        String feed = link.publish().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        System.out.println("publishing feed " + feed);
      }
      link.watchSpeaker().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      long end = seconds > 0 ? System.nanoTime() + seconds * 1_000_000_000L : Long.MAX_VALUE;
      while (System.nanoTime() < end) {
        Thread.sleep(1000);
        System.out.printf("sent %d frames; watching %s; received %s%n", agent.framesPublished(), link.watchedFeed(),
            agent.receivedTracks().stream().map(t -> t.frames() + " frames " + t.codeCounts()).toList());
      }
      return agent.receivedTracks().stream().anyMatch(t -> t.frames() > 0);
    } finally {
      if (link != null) {
        link.close();
      }
      agent.close();
      vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
  }

  static boolean localTest(int seconds, VideoFormat format) throws Exception {
    Vertx vertx = Vertx.vertx();
    RoomAgent a = new RoomAgent(vertx, new RoomAgentConfig("a", 1, format, List.of()));
    RoomAgent b = new RoomAgent(vertx, new RoomAgentConfig("b", 2, format, List.of()));
    try {
      InMemorySignalling link = new InMemorySignalling();
      PeerSession toB = a.newSession("to-b");
      PeerSession toA = b.newSession("to-a");
      toB.attach(link.a());
      toA.attach(link.b());
      a.publishOn(toB);
      b.publishOn(toA);
      Future<Void> up = toB.negotiate().compose(v -> Future.all(toB.connected(), toA.connected()).mapEmpty());
      up.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
      System.out.println("connected; a's candidates: " + toB.localCandidates());
      Thread.sleep(seconds * 1000L);
      boolean ok = report(a, 2) & report(b, 1);
      return ok;
    } finally {
      a.close();
      b.close();
      vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
  }

  private static boolean report(RoomAgent agent, int expectedCode) {
    List<ReceivedTrack> tracks = agent.receivedTracks();
    System.out.printf("%s published %d frames, received %s%n", agent.config().name(), agent.framesPublished(), tracks);
    return tracks.stream().anyMatch(t -> t.framesWithCode(expectedCode) > 0);
  }
}
