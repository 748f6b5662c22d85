package org.plenum.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./plenum bench coldstart [RUNS] [--quick]}: seconds from launching the packaged server the way
 * {@code ./plenum up} does (its JVM options and, when made, its class-data archive) to {@code /ready} answering 200,
 * on an empty and on an existing data folder (median of RUNS), against the peer in the same run: a bare Vert.x HTTP
 * server process to its first 200 plus PostgreSQL (the same binaries) initialised and started, or restarted. Prints
 * markdown rows (machine, load average at start and end) and writes {@code coldstart.json} in the bench folder. Issue
 * 17's goals: ≤ 3 s existing, ≤ 8 s empty (docs/benchmarks.md, docs/decisions.md D43).
 */
public final class ColdStartBench {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  /** The peer's HTTP server: a Vert.x with one route answering 200, nothing else. */
  public static final class BareVertx {
    public static void main(String[] args) {
      io.vertx.core.Vertx.vertx().createHttpServer().requestHandler(r -> r.response().end("ok")).listen(Integer.parseInt(args[0]), "127.0.0.1");
    }
  }

  public record Options(int runs, boolean quick, Path jar, boolean cds) {
  }

  public record Report(List<Double> plenumEmpty, List<Double> plenumExisting, List<Double> vertx, List<Double> pgEmpty, List<Double> pgExisting,
                       boolean cds, String loadStart, String loadEnd) {
    double median(List<Double> v) {
      double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      return s.length == 0 ? Double.NaN : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
  }

  public static void main(String[] args) throws Exception {
    int runs = 5;
    boolean quick = false;
    boolean cds = true;
    for (String a : args) {
      switch (a) {
        case "--quick" -> quick = true;
        case "--no-cds" -> cds = false;
        default -> runs = Integer.parseInt(a);
      }
    }
    Path jar = Path.of(System.getProperty("plenum.server.jar", "server/target/plenum-server.jar"));
    execute(new Options(quick ? 1 : runs, quick, jar, cds), System.out);
  }

  public static Report execute(Options o, PrintStream out) throws Exception {
    Path work = Files.createTempDirectory(ServerProcess.workDir(), "coldstart-");
    Path archive = Path.of(o.jar().toString().replaceAll("\\.jar$", ".jsa"));
    boolean cds = o.cds() && Files.isRegularFile(archive) && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(o.jar())) >= 0;
    String loadStart = BallotBurstBench.loadAverage();
    out.printf("Cold start: %d run(s), machine %s, load average %s, class-data archive %s%n", o.runs(), BallotBurstBench.machine(), loadStart,
        cds ? archive : "not used (" + (o.cds() ? "missing or older than the jar: ./plenum up makes it" : "--no-cds") + ")");
    List<Double> empty = new ArrayList<>();
    List<Double> existing = new ArrayList<>();
    List<Double> vertx = new ArrayList<>();
    List<Double> pgEmpty = new ArrayList<>();
    List<Double> pgExisting = new ArrayList<>();
    Path pgBinaries = work.resolve("pg-bin");
    try {
      for (int i = 0; i < o.runs(); i++) {
        Path data = work.resolve("plenum-" + i);
        empty.add(plenum(o.jar(), archive, cds, data));
        existing.add(plenum(o.jar(), archive, cds, data));
        vertx.add(bareVertx());
        Path pg = work.resolve("pg-" + i);
        pgEmpty.add(postgres(pg, pgBinaries));
        pgExisting.add(postgres(pg, pgBinaries));
        out.printf("  run %d: Plenum empty %.2f s, existing %.2f s; peer Vert.x %.2f s, PostgreSQL initdb+start %.2f s, start %.2f s%n", i + 1,
            empty.get(i), existing.get(i), vertx.get(i), pgEmpty.get(i), pgExisting.get(i));
      }
    } finally {
      if (!Boolean.getBoolean("plenum.bench.keep")) {
        try (var walk = Files.walk(work)) {
          walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
      }
    }
    Report r = new Report(empty, existing, vertx, pgEmpty, pgExisting, cds, loadStart, BallotBurstBench.loadAverage());
    print(r, out);
    Path dir = Path.of(System.getProperty("plenum.bench.out", ServerProcess.workDir().toString()));
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("coldstart.json"), json(r), StandardCharsets.UTF_8);
    double vx = r.median(r.vertx());
    BarPlot.write("Cold start: launch to /ready, Plenum as ./plenum up starts it vs bare Vert.x + PostgreSQL, same run",
        BallotBurstBench.machine() + ", load " + r.loadStart() + " → " + r.loadEnd() + ", median of " + o.runs(), List.of(
            new BarPlot.Panel("Existing data folder: seconds (lower is better)", "%.2f", List.of(
                new BarPlot.Bar("Plenum", r.median(r.plenumExisting()), false), new BarPlot.Bar("peer", vx + r.median(r.pgExisting()), true))),
            new BarPlot.Panel("Empty data folder: seconds (lower is better)", "%.2f", List.of(
                new BarPlot.Bar("Plenum", r.median(r.plenumEmpty()), false), new BarPlot.Bar("peer", vx + r.median(r.pgEmpty()), true)))),
        dir.resolve("coldstart.png"));
    out.printf("bench: wrote %s and %s%n", dir.resolve("coldstart.json"), dir.resolve("coldstart.png"));
    return r;
  }

  private static void print(Report r, PrintStream out) {
    double vx = r.median(r.vertx());
    out.println();
    out.println("| Date | Machine | Load (start → end) | Data folder | Plenum `up` to /ready (median) | Peer: bare Vert.x + PostgreSQL | Ratio | Goal |");
    out.println("|---|---|---|---|---|---|---|---|");
    row(out, r, "existing", r.median(r.plenumExisting()), vx + r.median(r.pgExisting()), "≤ 3 s");
    row(out, r, "empty", r.median(r.plenumEmpty()), vx + r.median(r.pgEmpty()), "≤ 8 s");
  }

  private static void row(PrintStream out, Report r, String folder, double plenum, double peer, String goal) {
    out.printf("| %s | %s | %s → %s | %s%s | %.2f s | %.2f s | %.1f× | %s |%n", LocalDate.now(), BallotBurstBench.machine(), r.loadStart(), r.loadEnd(),
        folder, r.cds() ? "" : " (no class-data archive)", plenum, peer, plenum / peer, goal);
  }

  private static String json(Report r) {
    return "{\"date\":\"" + LocalDate.now() + "\",\"machine\":\"" + BallotBurstBench.machine() + "\",\"loadStart\":\"" + r.loadStart()
        + "\",\"loadEnd\":\"" + r.loadEnd() + "\",\"classDataArchive\":" + r.cds()
        + ",\"plenumEmptySeconds\":" + r.plenumEmpty() + ",\"plenumExistingSeconds\":" + r.plenumExisting()
        + ",\"peerVertxSeconds\":" + r.vertx() + ",\"peerPostgresEmptySeconds\":" + r.pgEmpty() + ",\"peerPostgresExistingSeconds\":" + r.pgExisting() + "}\n";
  }

  /** Launches the jar as {@code ./plenum up} does and returns the seconds until /ready answers 200; stops it. */
  static double plenum(Path jar, Path archive, boolean cds, Path data) throws Exception {
    int port = ServerProcess.freePort();
    List<String> cmd = new ArrayList<>(List.of(java()));
    cmd.addAll(ServerProcess.JAVA_OPTS);
    if (cds) {
      cmd.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
    }
    cmd.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(data.resolveSibling(data.getFileName() + ".log").toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("PLENUM_"));
    pb.environment().putAll(Map.of("PLENUM_DATA_DIR", data.toString(), "PLENUM_HTTP_HOST", "127.0.0.1", "PLENUM_HTTP_PORT", Integer.toString(port)));
    return timeToOk(pb, port, "/ready");
  }

  static double bareVertx() throws Exception {
    int port = ServerProcess.freePort();
    List<String> cmd = new ArrayList<>(List.of(java()));
    cmd.addAll(ServerProcess.JAVA_OPTS);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), BareVertx.class.getName(), Integer.toString(port)));
    return timeToOk(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD), port, "/");
  }

  /** PostgreSQL from the same zonky binaries (unpacked once, outside the timing): initdb + start, or start. */
  static double postgres(Path pgData, Path binaries) throws IOException {
    Files.createDirectories(binaries);
    if (!Files.exists(pgData.resolve("PG_VERSION")) && !Files.exists(binaries.resolve("warm"))) {
      try (var warm = EmbeddedPostgres.builder().setOverrideWorkingDirectory(binaries.toFile()).setDataDirectory(binaries.resolve("warm-data"))
          .start()) {
        Files.createFile(binaries.resolve("warm"));
      }
    }
    long t0 = System.nanoTime();
    try (var pg = EmbeddedPostgres.builder().setOverrideWorkingDirectory(binaries.toFile()).setDataDirectory(pgData).setCleanDataDirectory(false)
        .start()) {
      return (System.nanoTime() - t0) / 1e9;
    }
  }

  private static double timeToOk(ProcessBuilder pb, int port, String path) throws Exception {
    long t0 = System.nanoTime();
    Process p = pb.start();
    try {
      HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build();
      long until = t0 + TimeUnit.SECONDS.toNanos(180);
      while (System.nanoTime() < until) {
        if (!p.isAlive()) {
          throw new IllegalStateException("exited with " + p.exitValue() + ": " + String.join(" ", pb.command()));
        }
        try {
          if (HTTP.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            return (System.nanoTime() - t0) / 1e9;
          }
        } catch (IOException notYet) {
          // not listening yet
        }
        Thread.sleep(20);
      }
      throw new IllegalStateException("not ready within 180 s: " + String.join(" ", pb.command()));
    } finally {
      p.destroy();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
