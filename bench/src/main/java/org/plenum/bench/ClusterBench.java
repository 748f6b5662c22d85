package org.plenum.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;

/**
 * Cluster delivery (issue 18): two packaged servers clustered over Hazelcast on one PostgreSQL. A chair on node A
 * turns pages at a fixed rate (open loop); subscribers of the same meeting listen on node A and on node B. Run
 * "1 node": every subscriber on A; run "2 nodes": half on A, half on B. Prints delivery latency (send → receipt)
 * per group, p50/p99, and deliveries per second, in the same run: the cross-node hop is B's latency minus A's.
 *
 * <pre>
 * ./plenum bench cluster [subscribers=200] [rate=50] [seconds=20] [--quick]
 * </pre>
 * {@code --quick}: 10 subscribers, 10 pages/s for 2 s; only correctness (every subscriber gets every page once).
 */
public final class ClusterBench {
  record Options(int subscribers, int rate, int seconds, boolean quick, Path serverJar) {
    static Options parse(String[] args) {
      List<String> positional = new ArrayList<>();
      boolean quick = false;
      for (String a : args) {
        if (a.equals("--quick")) {
          quick = true;
        } else {
          positional.add(a);
        }
      }
      int subscribers = quick ? 10 : positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 200;
      int rate = quick ? 10 : positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 50;
      int seconds = quick ? 2 : positional.size() > 2 ? Integer.parseInt(positional.get(2)) : 20;
      if (subscribers < 2 || subscribers > 4000 || rate < 1 || rate > 500 || seconds < 1 || seconds > 120) {
        throw new IllegalArgumentException("subscribers 2..4000, rate 1..500 pages/s, seconds 1..120");
      }
      return new Options(subscribers, rate, seconds, quick, Path.of(System.getProperty("plenum.server.jar", "server/target/plenum-server.jar")));
    }
  }

  /** One group of subscribers in one run: where they listen and what they got. */
  record Group(String run, String node, int subscribers, long sent, long delivered, long expected, long duplicates, Histogram micros, double seconds) {
    double deliveriesPerSecond() {
      return delivered / seconds;
    }
  }

  private static final int WARMUP_SECONDS = 2;

  private ClusterBench() {}

  public static void main(String[] args) throws Exception {
    Options o = BenchArgs.parseOrExit(() -> Options.parse(args), "./plenum bench cluster [subscribers=200] [rate=50] [seconds=20] [--quick]");
    BallotBurstBench.watchdog(5);
    List<Group> groups = execute(o, System.out);
    System.exit(groups.stream().allMatch(g -> g.delivered() == g.expected() && g.duplicates() == 0) ? 0 : 1);
  }

  static List<Group> execute(Options o, PrintStream out) throws Exception {
    String loadBefore = BallotBurstBench.loadAverage();
    out.printf("bench: cluster delivery, %d subscribers, %d pages/s for %d s (+%d s warm-up); machine: %s; load average before: %s%n",
        o.subscribers(), o.rate(), o.seconds(), o.quick() ? 0 : WARMUP_SECONDS, BallotBurstBench.machine(), loadBefore);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    WebSocketClient ws = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(o.subscribers() + 16)
        .setMaxFrameSize(1 << 20).setMaxMessageSize(64 << 20).setConnectTimeout(30_000));
    List<Group> groups = new ArrayList<>();
    String cluster = "plenum-bench-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime());
    int hzA = ServerProcess.freePort();
    int hzB = ServerProcess.freePort();
    try (BenchDatabase db = BenchDatabase.start(BenchDatabase.Commit.DURABLE)) {
      Map<String, String> common = new HashMap<>(Map.of("PLENUM_DB_URL", db.url("plenum"), "PLENUM_DB_USER", db.user(),
          "PLENUM_CLUSTER_ENABLED", "true", "PLENUM_CLUSTER_NAME", cluster, "PLENUM_CLUSTER_MEMBERS", "127.0.0.1:" + hzA + ",127.0.0.1:" + hzB,
          "PLENUM_MEDIA_JANUS_AUTOSTART", "false", "PLENUM_AUTH_TICKETS_PER_MINUTE", "100000", "PLENUM_WS_RATE_PER_SECOND", "1000",
          "PLENUM_WS_RATE_BURST", "1000"));
      Map<String, String> envA = new HashMap<>(common);
      envA.put("PLENUM_CLUSTER_PORT", Integer.toString(hzA));
      Map<String, String> envB = new HashMap<>(common);
      envB.put("PLENUM_CLUSTER_PORT", Integer.toString(hzB));
      envB.put("PLENUM_DEMO_SEED", "never");
      try (ServerProcess a = ServerProcess.start(o.serverJar(), envA); ServerProcess b = ServerProcess.start(o.serverJar(), envB)) {
        out.printf("bench: node A pid %d port %d, node B pid %d port %d (cluster %s)%n", a.pid(), a.httpPort(), b.pid(), b.httpPort(), cluster);
        Rest restA = new Rest(vertx, a.httpPort(), 16);
        Rest restB = new Rest(vertx, b.httpPort(), 16);
        String admin = restA.login("admin", ServerProcess.DEMO_PASSWORD).await();
        String meeting = restA.call(HttpMethod.GET, "/api/meetings", null, admin, 200).await().getJsonArray("meetings").getJsonObject(0).getString("id");
        String chairToken = restA.login("chair", ServerProcess.DEMO_PASSWORD).await();
        String listener = restA.login("delegate1", ServerProcess.DEMO_PASSWORD).await();
        MeetingSocket chair = open(ws, restA, a.httpPort(), meeting, chairToken);
        int half = o.subscribers() / 2;
        // run 1: every subscriber on A (B is in the cluster but has no socket of the meeting)
        List<MeetingSocket> onA = openMany(ws, restA, a.httpPort(), meeting, listener, o.subscribers());
        groups.addAll(run(vertx, "1 node", chair, Map.of("A", onA), o, out));
        for (MeetingSocket s : onA.subList(half, onA.size())) {
          s.close().await();
        }
        // run 2: half on A, half on B
        List<MeetingSocket> onB = openMany(ws, restB, b.httpPort(), meeting, listener, o.subscribers() - half);
        Map<String, List<MeetingSocket>> split = new java.util.LinkedHashMap<>();
        split.put("A (same node)", onA.subList(0, half));
        split.put("B (other node)", onB);
        groups.addAll(run(vertx, "2 nodes", chair, split, o, out));
        restA.close().await();
        restB.close().await();
      }
    } finally {
      ws.close().await();
      vertx.close().await();
    }
    String loadAfter = BallotBurstBench.loadAverage();
    print(groups, loadBefore, loadAfter, out);
    writeJson(groups, o, loadBefore, loadAfter);
    return groups;
  }

  private static MeetingSocket open(WebSocketClient ws, Rest rest, int port, String meeting, String token) {
    MeetingSocket s = rest.ticket(meeting, token).compose(t -> MeetingSocket.open(ws, port, meeting, t, false)).await();
    BenchMeeting.require(s.command("session.resume", new JsonObject().put("lastSeq", null)).await(), "session.resume");
    return s;
  }

  private static List<MeetingSocket> openMany(WebSocketClient ws, Rest rest, int port, String meeting, String token, int n) {
    return BenchMeeting.parallel(n, 16, i -> rest.ticket(meeting, token).compose(t -> MeetingSocket.open(ws, port, meeting, t, false))
        .compose(s -> s.command("session.resume", new JsonObject().put("lastSeq", null)).map(r -> {
          BenchMeeting.require(r, "session.resume");
          return s;
        })));
  }

  /** Sends pages at the rate; every page number is unique in the run and carries its send time. */
  private static List<Group> run(Vertx vertx, String name, MeetingSocket chair, Map<String, List<MeetingSocket>> listeners, Options o,
                                 PrintStream out) throws Exception {
    String document = "bench-" + name.replace(' ', '-') + "-" + System.nanoTime();
    int warmup = o.quick() ? 0 : WARMUP_SECONDS * o.rate();
    int total = warmup + o.seconds() * o.rate();
    AtomicLongArray sentAt = new AtomicLongArray(total + 1);
    Map<String, Histogram> hist = new ConcurrentHashMap<>();
    Map<String, AtomicLong> delivered = new ConcurrentHashMap<>();
    Map<String, AtomicLong> duplicates = new ConcurrentHashMap<>();
    for (var e : listeners.entrySet()) {
      String group = e.getKey();
      Histogram h = new Histogram(60_000_000L, 3);
      hist.put(group, h);
      AtomicLong count = new AtomicLong();
      AtomicLong dups = new AtomicLong();
      delivered.put(group, count);
      duplicates.put(group, dups);
      for (MeetingSocket s : e.getValue()) {
        java.util.BitSet seen = new java.util.BitSet(total + 1);
        s.onOtherFrames((text, now) -> {
          int at = text.indexOf(document);
          if (at < 0 || !text.contains("\"presentation.changed\"")) {
            return;
          }
          int p = text.indexOf("\"page\":");
          if (p < 0) {
            return;
          }
          int end = p + 7;
          while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
          }
          int page = Integer.parseInt(text.substring(p + 7, end));
          synchronized (seen) {
            if (seen.get(page)) {
              dups.incrementAndGet();
              return;
            }
            seen.set(page);
          }
          if (page > warmup) {
            count.incrementAndGet();
            synchronized (h) {
              h.recordValue(Math.max(0, (now - sentAt.get(page)) / 1000));
            }
          }
        });
      }
    }
    long intervalNanos = 1_000_000_000L / o.rate();
    long start = System.nanoTime();
    AtomicLong errors = new AtomicLong();
    List<io.vertx.core.Future<MeetingSocket.Reply>> acks = new ArrayList<>();
    for (int page = 1; page <= total; page++) {
      long at = start + (page - 1) * intervalNanos;
      while (System.nanoTime() < at) {
        java.util.concurrent.locks.LockSupport.parkNanos(at - System.nanoTime());
      }
      sentAt.set(page, System.nanoTime());
      acks.add(chair.command("presentation.show", new JsonObject().put("document", document).put("page", page))
          .onSuccess(r -> { if (!r.ok()) errors.incrementAndGet(); }).onFailure(err -> errors.incrementAndGet()));
    }
    io.vertx.core.Future.join(acks).await();
    long measured = (long) (total - warmup);
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (System.nanoTime() < deadline && listeners.entrySet().stream()
        .anyMatch(e -> delivered.get(e.getKey()).get() < measured * e.getValue().size())) {
      Thread.sleep(20);
    }
    for (List<MeetingSocket> list : listeners.values()) {
      list.forEach(s -> s.onOtherFrames(null));
    }
    if (errors.get() > 0) {
      out.printf("bench: %s: %d page commands failed%n", name, errors.get());
    }
    List<Group> result = new ArrayList<>();
    for (var e : listeners.entrySet()) {
      String g = e.getKey();
      result.add(new Group(name, g, e.getValue().size(), measured, delivered.get(g).get(), measured * e.getValue().size(),
          duplicates.get(g).get(), hist.get(g), o.seconds()));
    }
    return result;
  }

  private static String ms(Histogram h, double percentile) {
    return String.format("%.2f", h.getValueAtPercentile(percentile) / 1000.0);
  }

  private static void print(List<Group> groups, String loadBefore, String loadAfter, PrintStream out) {
    out.println();
    out.println("| Date | Machine | Run | Subscribers on | Subscribers | Pages sent | delivery p50 ms | p99 | max | deliveries/s | delivered / expected | duplicates |");
    out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (Group g : groups) {
      out.printf("| %s | %s | %s | %s | %d | %d | %s | %s | %s | %.0f | %d / %d | %d |%n", LocalDate.now(), BallotBurstBench.machine(), g.run(), g.node(),
          g.subscribers(), g.sent(), ms(g.micros(), 50), ms(g.micros(), 99), ms(g.micros(), 100), g.deliveriesPerSecond(), g.delivered(), g.expected(),
          g.duplicates());
    }
    Group same = groups.stream().filter(g -> g.node().startsWith("A (")).findFirst().orElse(null);
    Group other = groups.stream().filter(g -> g.node().startsWith("B (")).findFirst().orElse(null);
    if (same != null && other != null && same.micros().getTotalCount() > 0 && other.micros().getTotalCount() > 0) {
      out.printf("%ncross-node hop (B − A, same run): p50 %+.2f ms, p99 %+.2f ms%n",
          (other.micros().getValueAtPercentile(50) - same.micros().getValueAtPercentile(50)) / 1000.0,
          (other.micros().getValueAtPercentile(99) - same.micros().getValueAtPercentile(99)) / 1000.0);
    }
    out.printf("load average before: %s; after: %s; CPU: %s%n", loadBefore, loadAfter, cpuModel());
  }

  static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("?");
    } catch (java.io.IOException e) {
      return "?";
    }
  }

  private static void writeJson(List<Group> groups, Options o, String loadBefore, String loadAfter) throws java.io.IOException {
    JsonArray rows = new JsonArray();
    for (Group g : groups) {
      rows.add(new JsonObject().put("run", g.run()).put("node", g.node()).put("subscribers", g.subscribers()).put("sent", g.sent())
          .put("delivered", g.delivered()).put("expected", g.expected()).put("duplicates", g.duplicates())
          .put("p50Ms", g.micros().getValueAtPercentile(50) / 1000.0).put("p99Ms", g.micros().getValueAtPercentile(99) / 1000.0)
          .put("maxMs", g.micros().getMaxValue() / 1000.0).put("deliveriesPerSecond", g.deliveriesPerSecond()));
    }
    JsonObject doc = new JsonObject().put("bench", "cluster").put("date", LocalDate.now().toString()).put("machine", BallotBurstBench.machine())
        .put("cpu", cpuModel()).put("nproc", Runtime.getRuntime().availableProcessors()).put("loadBefore", loadBefore).put("loadAfter", loadAfter)
        .put("rate", o.rate()).put("seconds", o.seconds()).put("groups", rows);
    Path dir = Path.of(System.getProperty("plenum.bench.out", ServerProcess.workDir().toString()));
    Files.createDirectories(dir);
    Path file = dir.resolve("cluster-rate" + o.rate() + ".json");
    Files.writeString(file, doc.encodePrettily(), StandardCharsets.UTF_8);
    Path png = dir.resolve("cluster-rate" + o.rate() + ".png");
    BarPlot.write("Cluster: delivery of a durable page turn, same node vs the other node, same run (" + o.rate() + " pages/s)",
        BallotBurstBench.machine() + ", load " + loadBefore + " -> " + loadAfter,
        List.of(plotPanel(groups, "p50 ms, send to receipt (lower is better)", 50), plotPanel(groups, "p99 ms (lower is better)", 99)), png);
    System.out.println("bench: wrote " + file + " and " + png);
  }

  /** One bar per group; the groups on the sender's node are the baseline (grey) the other node is compared with. */
  private static BarPlot.Panel plotPanel(List<Group> groups, String title, double percentile) {
    return new BarPlot.Panel(title, "%.1f", groups.stream().map(g -> new BarPlot.Bar(g.run() + ": " + g.node().charAt(0),
        g.micros().getValueAtPercentile(percentile) / 1000.0, g.node().startsWith("A"))).toList());
  }
}
