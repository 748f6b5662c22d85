package org.plenum.media.agent;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Command line of the room agent (later {@code ./plenum room-agent --link ...}). For now it runs the local peer
 * test: two agents in this JVM, connected peer to peer through in-memory signalling, each publishing its synthetic
 * video and recognising the other's.
 * <pre>
 *   RoomAgentMain --local-test [--seconds 5] [--size 320x180] [--fps 15]
 * </pre>
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
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--local-test" -> localTest = true;
          case "--seconds" -> seconds = Integer.parseInt(value(args, ++i, "--seconds"));
          case "--size" -> {
            String[] wh = value(args, ++i, "--size").split("x", 2);
            format = new VideoFormat(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]), format.fps());
          }
          case "--fps" -> format = new VideoFormat(format.width(), format.height(), Integer.parseInt(value(args, ++i, "--fps")));
          default -> throw new IllegalArgumentException("unknown argument " + args[i]);
        }
      }
      if (!localTest) {
        throw new IllegalArgumentException("nothing to do: only --local-test is implemented yet");
      }
    } catch (RuntimeException e) {
      System.err.println("room-agent: " + e.getMessage());
      System.err.println("usage: room-agent --local-test [--seconds N] [--size WxH] [--fps N]");
      System.exit(2);
      return;
    }
    System.exit(localTest(seconds, format) ? 0 : 1);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
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
