package org.plenum.media.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * {@code ./plenum bench video [rooms] [publishers]}: R simulated remote rooms join one meeting's video room on a
 * Janus 1.1.2 started here, P of them publish synthetic video (webrtc-java room agents), K watch the speaker; the
 * floor moves among the publishers. Prints markdown rows for docs/benchmarks.md: join latency, floor-switch
 * latency (grant → first decoded frame carrying the new speaker's identity code, per receiver), Janus CPU per
 * forwarded stream next to a bare Janus peer (1 publisher → K watchers in the same Janus), and this JVM's CPU.
 *
 * <p>Runs inside a network namespace (WebRTC ignores loopback): the launcher starts it through
 * {@code media/src/test/netns/netns-java}, as root. {@code --via server} (default): the rooms go through the Plenum
 * server, started from its packaged jar in the same namespace ({@link PlenumSignalling}); {@code --via janus}: they
 * talk to Janus directly ({@link JanusDirectSignalling}). The run stops itself after {@code --max-minutes}.
 */
public final class VideoBench {

  private VideoBench() {
  }

  public static void main(String[] args) throws Exception {
    VideoBenchConfig cfg;
    Path json = null;
    List<String> rest = new ArrayList<>(List.of(args));
    int at = rest.indexOf("--json");
    if (at >= 0 && at + 1 < rest.size()) {
      json = Path.of(rest.remove(at + 1));
      rest.remove(at);
    }
    try {
      cfg = VideoBenchConfig.parse(rest.toArray(String[]::new));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(VideoBenchConfig.USAGE);
      System.exit(2);
      return;
    }
    if (System.getenv("PLENUM_NETNS") == null) {
      System.err.println("VideoBench must run inside a network namespace: start it with "
          + "media/src/test/netns/netns-java (as root), e.g. ./plenum bench video");
      System.exit(2);
    }
    VideoBenchRun run = new VideoBenchRun(cfg);
    Runtime.getRuntime().addShutdownHook(new Thread(run::stopJanus, "video-bench-janus-stop"));
    Thread watchdog = new Thread(() -> {
      try {
        Thread.sleep(cfg.maxRun().toMillis());
        System.err.println("video bench: still running after " + cfg.maxRun().toMinutes() + " min, stopping");
        run.stopJanus();
        Runtime.getRuntime().halt(3);
      } catch (InterruptedException done) {
        // finished in time
      }
    }, "video-bench-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    int status = 0;
    try {
      VideoBenchRun.Result result = run.run();
      print(cfg, result);
      if (json != null) {
        writeJson(json, cfg, result);
      }
    } catch (Exception e) {
      System.err.println("video bench failed: " + e);
      e.printStackTrace();
      status = 1;
    } finally {
      run.close();
      watchdog.interrupt();
    }
    // libwebrtc's native threads can keep the JVM alive: end it once everything is closed
    System.out.flush();
    Runtime.getRuntime().halt(status);
  }

  static void print(VideoBenchConfig cfg, VideoBenchRun.Result r) {
    String date = LocalDate.now().toString();
    String load = String.format(Locale.ROOT, "load average %.1f before, %.1f after", r.loadBefore(), r.loadAfter());
    System.out.println();
    System.out.println("## Video bench, via " + cfg.via().name().toLowerCase(Locale.ROOT) + " (" + machine() + "; " + load + ")");
    System.out.println();
    System.out.println("| Date | Rooms joined | join p50 ms | p95 | max | all joined ms | publishers working (asked) "
        + "| receivers | switches | switch p50 ms | p95 | max | misses | grant ack p50 ms | video |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    System.out.printf(Locale.ROOT, "| %s | %d of %d | %s | %s | %s | %d | %d (%d) | %d of %d | %d | %s | %s | %s | %d | %s "
            + "| %dx%d @ %d fps, VP8 |%n",
        date, r.roomsJoined(), r.roomsAsked(), p(r.joinMs(), 50), p(r.joinMs(), 95), max(r.joinMs()),
        r.allJoinedMs(), r.publishersWorking(), r.publishersAsked(), r.receiversWorking(), r.receiversAsked(),
        r.switchesDone(), p(r.switchMs(), 50), p(r.switchMs(), 95), max(r.switchMs()), r.switchMisses(),
        p(r.grantAckMs(), 50), cfg.format().width(), cfg.format().height(), cfg.format().fps());
    System.out.println();
    System.out.println("| Date | Phase (" + cfg.window().toSeconds() + " s window unless said) | Janus % of a core | streams in "
        + "| streams forwarded | Janus % per forwarded stream | fps per receiver | bench JVM % of a core "
        + "| server JVM % of a core |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    for (VideoBenchRun.CpuPhase ph : r.phases()) {
      double srv = ph.cpu().serverPercent();
      System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %d | %d | %s | %.1f | %.0f | %s |%n", date, ph.name(),
          ph.cpu().janusPercent(), ph.ingested(), ph.forwarded(),
          Double.isNaN(ph.janusPerForwarded()) ? "–" : String.format(Locale.ROOT, "%.2f", ph.janusPerForwarded()),
          ph.receiverFps(), ph.cpu().jvmPercent(), Double.isNaN(srv) ? "–" : String.format(Locale.ROOT, "%.0f", srv));
    }
    System.out.println();
    System.out.println("Switch latency: floor grant sent → first decoded frame carrying the new speaker's code, per "
        + "receiver (" + r.switchMs().getTotalCount() + " samples). "
        + (cfg.via() != VideoBenchConfig.Via.JANUS
        ? "Signalling through the Plenum server (packaged jar, embedded PostgreSQL, same namespace): join = kiosk "
        + "exchange + ticket + meeting socket + session.resume + media.state, all rooms at once; floor = the chair's "
        + "speaker.add (before the clock) and speaker.grant (clock starts), "
        + (cfg.via() == VideoBenchConfig.Via.SERVER ? "watchers subscribed once with follow:true and the server switches them "
        + "(VideoRoom switch, MV29); " : "watchers re-subscribe on media.floor (MV8); ")
        + "grant ack = speaker.grant round trip. The bare peer talks to Janus directly."
        : "Join latency: WebSocket connect + session + attach + join, all rooms at once. Signalling: direct to Janus "
        + "(JanusDirectSignalling, --via janus), not through the Plenum server."));
  }

  /** The run's figures as JSON ({@code --json FILE}): the configuration, the machine and load, latencies in ms. */
  static void writeJson(Path file, VideoBenchConfig cfg, VideoBenchRun.Result r) throws IOException {
    io.vertx.core.json.JsonObject o = new io.vertx.core.json.JsonObject()
        .put("date", LocalDate.now().toString()).put("machine", machine())
        .put("via", cfg.via().name().toLowerCase(Locale.ROOT)).put("loadBefore", r.loadBefore()).put("loadAfter", r.loadAfter())
        .put("rooms", r.roomsAsked()).put("roomsJoined", r.roomsJoined()).put("joinMs", histogram(r.joinMs()))
        .put("allJoinedMs", r.allJoinedMs()).put("publishers", r.publishersWorking()).put("receivers", r.receiversWorking())
        .put("switches", r.switchesDone()).put("switchMs", histogram(r.switchMs())).put("switchMisses", r.switchMisses())
        .put("grantAckMs", histogram(r.grantAckMs()));
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Files.writeString(file, o.encodePrettily());
  }

  private static io.vertx.core.json.JsonObject histogram(Histogram h) {
    io.vertx.core.json.JsonObject o = new io.vertx.core.json.JsonObject().put("count", h.getTotalCount());
    if (h.getTotalCount() > 0) {
      o.put("p50", h.getValueAtPercentile(50)).put("p95", h.getValueAtPercentile(95)).put("max", h.getMaxValue());
    }
    return o;
  }

  private static String p(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? "–" : Long.toString(h.getValueAtPercentile(percentile));
  }

  private static String max(Histogram h) {
    return h.getTotalCount() == 0 ? "–" : Long.toString(h.getMaxValue());
  }

  static String machine() {
    String cpu = "?";
    try {
      cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
    } catch (IOException ignored) {
      // not Linux
    }
    long memGiB = Math.round(((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize() / (1024.0 * 1024 * 1024));
    return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + memGiB + " GiB, Java "
        + System.getProperty("java.version");
  }
}
