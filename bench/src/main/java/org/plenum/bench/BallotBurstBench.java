package org.plenum.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.sqlclient.Pool;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Ballot burst (issue 5, DESIGN §4: 2,000 durable ballots/s with ack p99 ≤ 100 ms on 2 cores). Starts its own
 * PostgreSQL and the packaged server as a separate process, prepares a meeting of N present delegates with live
 * sockets ({@link BenchMeeting}), then per run and secrecy opens a poll and fires N {@code vote.cast} spread evenly
 * over one second ({@link BallotBurst}), and finally measures the commit baseline on the same PostgreSQL ({@link
 * CommitBaseline}). Prints markdown rows for docs/benchmarks.md.
 *
 * <pre>
 * ./plenum bench votes [voters=2000] [runs=3] [--secrecy SECRET|NAMED|both] [--commit durable|async]
 *                      [--window-ms 1000] [--no-baseline] [--max-minutes 20]
 * </pre>
 */
public final class BallotBurstBench {
  /** What to run. */
  public record Options(int voters, int runs, List<String> secrecies, BenchDatabase.Commit commit, long windowMs, boolean baseline,
                        int maxMinutes, Path serverJar) {
    static Options parse(String[] args) {
      List<String> positional = new ArrayList<>();
      List<String> secrecies = List.of("SECRET", "NAMED");
      BenchDatabase.Commit commit = BenchDatabase.Commit.DURABLE;
      long window = 1000;
      boolean baseline = true;
      int maxMinutes = 20;
      Path jar = Path.of(System.getProperty("plenum.server.jar", "server/target/plenum-server.jar"));
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--secrecy" -> {
            String s = args[++i].toUpperCase(java.util.Locale.ROOT);
            secrecies = s.equals("BOTH") ? List.of("SECRET", "NAMED") : List.of(s);
          }
          case "--commit" -> commit = BenchDatabase.Commit.valueOf(args[++i].toUpperCase(java.util.Locale.ROOT));
          case "--window-ms" -> window = Long.parseLong(args[++i]);
          case "--no-baseline" -> baseline = false;
          case "--max-minutes" -> maxMinutes = Integer.parseInt(args[++i]);
          case "--server-jar" -> jar = Path.of(args[++i]);
          default -> positional.add(args[i]);
        }
      }
      int voters = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 2000;
      int runs = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 3;
      if (voters < 1 || voters > 10_000 || runs < 1 || runs > 20 || window < 1 || window > 60_000) {
        throw new IllegalArgumentException("voters must be 1..10000, runs 1..20, --window-ms 1..60000");
      }
      return new Options(voters, runs, secrecies, commit, window, baseline, maxMinutes, jar);
    }
  }

  /** Everything measured, for the smoke test and the printout. */
  public record Report(List<BallotBurst.Result> bursts, List<CommitBaseline.Result> baselines) {
    public boolean countsOk() {
      return !bursts.isEmpty() && bursts.stream().allMatch(BallotBurst.Result::countOk);
    }
  }

  private BallotBurstBench() {}

  public static void main(String[] args) throws Exception {
    Options o = BenchArgs.parseOrExit(() -> Options.parse(args), "./plenum bench votes [voters] [runs] [--secrecy SECRET|NAMED|both] [--commit durable|async] [--window-ms 1000] [--no-baseline]");
    watchdog(o.maxMinutes());
    Report r = execute(o, System.out);
    System.exit(r.countsOk() ? 0 : 1);
  }

  /** Ends the JVM (exit 3) if the benchmark still runs after {@code maxMinutes}: a benchmark stops by itself. */
  static void watchdog(int maxMinutes) {
    Thread watchdog = new Thread(() -> {
      try {
        Thread.sleep(TimeUnit.MINUTES.toMillis(maxMinutes));
        System.err.println("bench: still running after " + maxMinutes + " min (--max-minutes); stopping");
        System.exit(3);
      } catch (InterruptedException done) {
        // finished in time
      }
    }, "bench-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  public static Report execute(Options o, PrintStream out) throws Exception {
    String load = loadAverage();
    out.printf("bench: ballot burst, %d voters, %d run(s) x %s, window %d ms, commits %s; machine: %s; load average before: %s%n", o.voters(),
        o.runs(), o.secrecies(), o.windowMs(), o.commit(), machine(), load);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    List<BallotBurst.Result> bursts = new ArrayList<>();
    List<CommitBaseline.Result> baselines = new ArrayList<>();
    try (BenchDatabase db = BenchDatabase.start(o.commit())) {
      out.printf("bench: PostgreSQL on port %d, synchronous_commit=%s, fsync=%s%n", db.port(), db.show("synchronous_commit"), db.show("fsync"));
      try (ServerProcess server = ServerProcess.start(o.serverJar(), Map.of("PLENUM_DB_URL", db.url("plenum"), "PLENUM_DB_USER", db.user()))) {
        Thread stopper = new Thread(server::close, "bench-stop-server");
        Runtime.getRuntime().addShutdownHook(stopper);
        out.printf("bench: server pid %d on port %d (log %s)%n", server.pid(), server.httpPort(), server.log());
        Pool plenumDb = CommitBaseline.pool(vertx, db, "plenum", 4);
        BenchMeeting meeting = BenchMeeting.prepare(vertx, server.httpPort(), plenumDb, o.voters(), out);
        Cpu cpu = new Cpu(server.pid(), db.postmasterPid());
        for (int run = 1; run <= o.runs(); run++) {
          for (String secrecy : o.secrecies()) {
            BallotBurst.Result b = BallotBurst.run(meeting, plenumDb, secrecy, run, TimeUnit.MILLISECONDS.toNanos(o.windowMs()), cpu);
            bursts.add(b);
            out.printf("bench: run %d %s: %s; %s; CPU %s; %d frames to voters%n", run, secrecy, summary(b), b.countCheck(), b.cpu().text(),
                b.framesToVoters());
            BallotBurst.sleep(2000); // let the fan-out drain before the next poll
          }
        }
        meeting.close();
        plenumDb.close().await();
        if (o.baseline()) {
          Pool baseDb = CommitBaseline.pool(vertx, db, "baseline", 8);
          for (CommitBaseline.Shape shape : CommitBaseline.Shape.values()) {
            CommitBaseline.Result c = CommitBaseline.run(baseDb, shape, o.voters(), TimeUnit.MILLISECONDS.toNanos(o.windowMs()));
            baselines.add(c);
            out.printf("bench: baseline %s: %d transactions, p50 %s ms, p99 %s ms, max %s ms, %.0f commits/s, %d failed%n", shape, c.transactions(),
                ms(c.latencyMicros(), 50), ms(c.latencyMicros(), 99), ms(c.latencyMicros(), 100), c.commitsPerSecond(), c.failures());
          }
          baseDb.close().await();
        }
        Runtime.getRuntime().removeShutdownHook(stopper);
      }
    } finally {
      vertx.close().await();
    }
    Report report = new Report(bursts, baselines);
    String after = loadAverage();
    printTable(report, o, load, after, out);
    plot(report, o.voters(), machine() + ", load " + load + " -> " + after, out);
    return report;
  }

  /** The PNG: ack p99 and ballots (commits) per second of each burst beside the peer's committed transactions. */
  private static void plot(Report r, int voters, String subtitle, PrintStream out) throws java.io.IOException {
    List<BarPlot.Bar> p99 = new ArrayList<>();
    List<BarPlot.Bar> rate = new ArrayList<>();
    for (BallotBurst.Result b : r.bursts()) {
      p99.add(new BarPlot.Bar(b.secrecy(), b.latencyMicros().getValueAtPercentile(99) / 1000.0, false));
      rate.add(new BarPlot.Bar(b.secrecy(), b.ballotsPerSecond(), false));
    }
    for (CommitBaseline.Result c : r.baselines()) {
      String peer = c.shape() == CommitBaseline.Shape.INDEPENDENT ? "peer: own" : "peer: 1 lock";
      p99.add(new BarPlot.Bar(peer, c.latencyMicros().getValueAtPercentile(99) / 1000.0, true));
      rate.add(new BarPlot.Bar(peer, c.commitsPerSecond(), true));
    }
    java.nio.file.Path png = java.nio.file.Path.of(System.getProperty("plenum.bench.out", ServerProcess.workDir().toString()))
        .resolve("votes-" + voters + ".png");
    BarPlot.write("Ballot burst: " + voters + " voters, Plenum acks vs the peer's commits (same PostgreSQL)",
        subtitle, List.of(new BarPlot.Panel("ack p99 ms (lower is better)", "%.0f", p99),
            new BarPlot.Panel("per second (higher is better)", "%.0f", rate)), png);
    out.println("bench: wrote " + png);
  }

  private static String summary(BallotBurst.Result b) {
    return String.format("%d acks, p50 %s ms, p90 %s ms, p99 %s ms, p99.9 %s ms, max %s ms, %.0f ballots/s, errors %s, sends spread over %.0f ms",
        b.acks(), ms(b.latencyMicros(), 50), ms(b.latencyMicros(), 90), ms(b.latencyMicros(), 99), ms(b.latencyMicros(), 99.9),
        ms(b.latencyMicros(), 100), b.ballotsPerSecond(), b.errors().isEmpty() ? "none" : b.errors(), b.sendSpreadMs());
  }

  private static void printTable(Report r, Options o, String loadBefore, String loadAfter, PrintStream out) {
    String date = LocalDate.now().toString();
    out.println();
    out.println("| Date | Machine | Poll | Voters | ack p50 ms | p90 | p99 | p99.9 | max | ballots/s | errors | count check | CPU s (server / PostgreSQL / client) |");
    out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (BallotBurst.Result b : r.bursts()) {
      out.printf("| %s | %s | %s | %d | %s | %s | %s | %s | %s | %.0f | %s | %s | %.1f / %.1f / %.1f |%n", date, machine(), b.secrecy(), b.voters(),
          ms(b.latencyMicros(), 50), ms(b.latencyMicros(), 90), ms(b.latencyMicros(), 99), ms(b.latencyMicros(), 99.9), ms(b.latencyMicros(), 100),
          b.ballotsPerSecond(), b.errors().isEmpty() ? "0" : b.errors().toString(), b.countOk() ? "ok" : b.countCheck(), b.cpu().server(),
          b.cpu().postgres(), b.cpu().client());
    }
    if (!r.baselines().isEmpty()) {
      out.println();
      out.println("| Date | Peer (same PostgreSQL, same run) | Transactions | p50 ms | p99 ms | max ms | commits/s |");
      out.println("|---|---|---|---|---|---|---|");
      for (CommitBaseline.Result c : r.baselines()) {
        out.printf("| %s | %s, synchronous_commit %s | %d | %s | %s | %s | %.0f |%n", date, c.shape() == CommitBaseline.Shape.INDEPENDENT
                ? "one-row transactions, pool of 8" : "one-row transactions behind one row lock, pool of 8", o.commit().setting, c.transactions(),
            ms(c.latencyMicros(), 50), ms(c.latencyMicros(), 99), ms(c.latencyMicros(), 100), c.commitsPerSecond());
      }
    }
    out.printf("%nload average before: %s; after: %s%n", loadBefore, loadAfter);
  }

  static String ms(Histogram h, double percentile) {
    if (h.getTotalCount() == 0) {
      return "-";
    }
    long micros = percentile >= 100 ? h.getMaxValue() : h.getValueAtPercentile(percentile);
    double v = micros / 1000.0;
    return v >= 100 ? String.format("%.0f", v) : String.format("%.1f", v);
  }

  static String machine() {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return String.format("%d cores, %.0f GiB, Java %s", Runtime.getRuntime().availableProcessors(), os.getTotalMemorySize() / (1024.0 * 1024 * 1024),
        System.getProperty("java.version"));
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (java.io.IOException e) {
      return "?";
    }
  }
}
