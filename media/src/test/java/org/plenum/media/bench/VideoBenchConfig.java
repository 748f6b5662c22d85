package org.plenum.media.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.plenum.media.agent.VideoFormat;

/**
 * What one video bench run does.
 *
 * @param rooms      simulated rooms that join the meeting (signalling: a Janus session and a joined publisher handle)
 * @param publishers of those, rooms that really publish synthetic video (webrtc-java agents)
 * @param receivers  of those, rooms that really watch the speaker and decode it
 * @param switches   floor moves among the publishing rooms
 * @param window     length of each CPU sampling window
 * @param format     size and rate of the published video
 * @param workDir    Janus's config and log folder, absolute (JanusProcess runs janus in that folder with -C
 *                   relative to it, so a relative folder would be resolved twice)
 * @param maxRun     the run stops itself (cleaning up) after this long
 * @param bare       also run the bare Janus peer (1 publisher → receivers, nothing else) in the same Janus
 * @param via        the meeting's signalling: through the Plenum server (packaged jar as a child process) or
 *                   straight to Janus; the bare peer always talks to Janus directly
 */
record VideoBenchConfig(int rooms, int publishers, int receivers, int switches, Duration window, VideoFormat format,
                        Path workDir, Duration maxRun, boolean bare, Via via) {

  /** How the rooms of the meeting reach Janus. */
  enum Via {
    /**
     * {@link PlenumSignalling}: sign-in, meeting socket, {@code media.*} commands, floor by the chair's speaker queue;
     * watchers subscribe once with {@code follow: true} and the server switches them (MV29).
     */
    SERVER,
    /** The same, but watchers subscribe again on every {@code media.floor} (MV8, clients that cannot follow). */
    SERVER_RESUBSCRIBE,
    /** {@link JanusDirectSignalling}: each room talks to the Janus VideoRoom itself. */
    JANUS
  }

  static final String USAGE = "usage: VideoBench [rooms=215] [publishers=4] [--receivers 3] [--switches 10] "
      + "[--window-s 10] [--fps 15] [--size 320x180] [--work-dir DIR] [--max-minutes 9] [--no-bare] [--via server|server-resubscribe|janus] [--json FILE]";

  VideoBenchConfig {
    if (rooms < 1 || publishers < 1 || receivers < 1) {
      throw new IllegalArgumentException("rooms, publishers and receivers must be at least 1");
    }
    if (publishers + receivers > rooms) {
      throw new IllegalArgumentException("publishers + receivers (" + (publishers + receivers)
          + ") must not exceed rooms (" + rooms + "): they are rooms of the meeting");
    }
    if (publishers > 200) {
      throw new IllegalArgumentException("at most 200 publishers (identity codes)");
    }
  }

  static VideoBenchConfig parse(String[] args) {
    List<Integer> positional = new ArrayList<>();
    int receivers = 3;
    int switches = 10;
    int windowS = 10;
    int fps = 15;
    int width = 320;
    int height = 180;
    Path workDir = Path.of("media/target/video-bench");
    int maxMinutes = 9;
    boolean bare = true;
    Via via = Via.SERVER;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--receivers" -> receivers = Integer.parseInt(value(args, ++i, a));
        case "--switches" -> switches = Integer.parseInt(value(args, ++i, a));
        case "--window-s" -> windowS = Integer.parseInt(value(args, ++i, a));
        case "--fps" -> fps = Integer.parseInt(value(args, ++i, a));
        case "--size" -> {
          String[] wh = value(args, ++i, a).split("x");
          width = Integer.parseInt(wh[0]);
          height = Integer.parseInt(wh[1]);
        }
        case "--work-dir" -> workDir = Path.of(value(args, ++i, a));
        case "--max-minutes" -> maxMinutes = Integer.parseInt(value(args, ++i, a));
        case "--no-bare" -> bare = false;
        case "--via" -> via = Via.valueOf(value(args, ++i, a).toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        default -> {
          if (a.startsWith("-")) {
            throw new IllegalArgumentException("unknown option " + a);
          }
          positional.add(Integer.parseInt(a));
        }
      }
    }
    if (positional.size() > 2) {
      throw new IllegalArgumentException("at most two numbers: rooms and publishers");
    }
    int rooms = positional.isEmpty() ? 215 : positional.get(0);
    int publishers = positional.size() < 2 ? Math.min(4, Math.max(1, rooms - receivers)) : positional.get(1);
    if (maxMinutes < 1 || maxMinutes > 10) {
      throw new IllegalArgumentException("--max-minutes must be within 1..10");
    }
    return new VideoBenchConfig(rooms, publishers, receivers, switches, Duration.ofSeconds(windowS),
        new VideoFormat(width, height, fps), workDir.toAbsolutePath(), Duration.ofMinutes(maxMinutes), bare, via);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }
}
