package org.plenum.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;

/**
 * Documents at disk speed (issue 17, D40): the same PDF served by Plenum ({@code …/content}, signed in as a delegate)
 * and by nginx from Debian (started here on loopback with {@code sendfile on}), to the same clients in the same run:
 * the whole file to N concurrent readers (MB/s, CPU of the serving process) and the first 1 MB by {@code Range}
 * (latency percentiles, requests/s), both driven by {@code wrk}. {@code --quick} instead checks correctness only
 * (every body's SHA-256 and byte count, 206 for the range, no errors) with a Vert.x client, for the smoke test.
 *
 * <pre>
 * ./plenum bench documents [READERS=300] [SECONDS=20] [--quick] [--size-mb 20] [--max-minutes 10]
 * </pre>
 */
public final class DocumentsBench {
  static final int FIRST_MB = 1024 * 1024;

  public record Options(int readers, int seconds, boolean quick, int sizeMb, int maxMinutes, Path serverJar, Path out) {
    static Options parse(String[] args) {
      List<String> positional = new ArrayList<>();
      boolean quick = false;
      int size = 20;
      int maxMinutes = 10;
      Path jar = Path.of(System.getProperty("plenum.server.jar", "server/target/plenum-server.jar"));
      Path out = Path.of(System.getProperty("plenum.bench.out", "docs/benchmarks"));
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--quick" -> quick = true;
          case "--size-mb" -> size = Integer.parseInt(args[++i]);
          case "--max-minutes" -> maxMinutes = Integer.parseInt(args[++i]);
          case "--server-jar" -> jar = Path.of(args[++i]);
          case "--out" -> out = Path.of(args[++i]);
          default -> positional.add(args[i]);
        }
      }
      int readers = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : quick ? 4 : 300;
      int seconds = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : quick ? 1 : 20;
      if (readers < 1 || readers > 5000 || seconds < 1 || seconds > 120 || size < 2 || size > 500) {
        throw new IllegalArgumentException("READERS must be 1..5000, SECONDS 1..120, --size-mb 2..500");
      }
      return new Options(readers, seconds, quick, size, maxMinutes, jar, out);
    }
  }

  /** One measured run of one scenario against one server. Times in ms. */
  public record Run(String server, String scenario, int readers, double seconds, long requests, long bytes, long errors, long badStatus,
                    double mbPerSecond, double requestsPerSecond, double p50, double p95, double p99, double max, double cpuPercent) {
    JsonObject json() {
      return JsonObject.mapFrom(this);
    }
  }

  /** What the quick check found for one server: bodies read, how many were right, errors. */
  public record Check(String server, int full, int fullRight, int ranges, int rangesRight, List<String> errors) {
    public boolean ok() {
      return fullRight == full && rangesRight == ranges && errors.isEmpty();
    }
  }

  public record Report(long fileBytes, String sha256, List<Check> checks, List<Run> runs, boolean peer) {
    public boolean ok() {
      return !checks.isEmpty() && checks.stream().allMatch(Check::ok) && runs.stream().allMatch(r -> r.errors() == 0 && r.badStatus() == 0);
    }
  }

  private DocumentsBench() {}

  public static void main(String[] args) throws Exception {
    Options o = BenchArgs.parseOrExit(() -> Options.parse(args), "./plenum bench documents [READERS=300] [SECONDS=20] [--quick] [--size-mb 20]");
    BallotBurstBench.watchdog(o.maxMinutes());
    Report r = execute(o, System.out);
    System.exit(r.ok() ? 0 : 1);
  }

  public static Report execute(Options o, PrintStream out) throws Exception {
    String loadBefore = BallotBurstBench.loadAverage();
    String machine = machine();
    out.printf("bench: documents, %d readers, %d s per run, %d MB PDF%s; machine: %s; load average before: %s%n", o.readers(), o.seconds(),
        o.sizeMb(), o.quick() ? " (quick: correctness only)" : "", machine, loadBefore);
    if (!o.quick() && !wrkInstalled()) {
      throw new IllegalStateException("wrk is not installed: apt-get install -y wrk");
    }
    boolean peer = NginxPeer.installed();
    if (!peer && !o.quick()) {
      throw new IllegalStateException("nginx is not installed: apt-get install -y nginx");
    }
    Path work = Files.createTempDirectory(ServerProcess.workDir(), "documents-");
    Path pdf = work.resolve("bench-" + o.sizeMb() + "mb.pdf");
    bigPdf(pdf, (long) o.sizeMb() * 1024 * 1024);
    byte[] bytes = Files.readAllBytes(pdf);
    String sha = sha256(bytes);
    out.printf("bench: %s is %d bytes, SHA-256 %s%n", pdf.getFileName(), bytes.length, sha);
    Vertx vertx = Vertx.vertx();
    List<Check> checks = new ArrayList<>();
    List<Run> runs = new ArrayList<>();
    try (BenchDatabase db = BenchDatabase.start(BenchDatabase.Commit.DURABLE);
         ServerProcess server = ServerProcess.start(o.serverJar(), Map.of("PLENUM_DB_URL", db.url("plenum"), "PLENUM_DB_USER", db.user()));
         NginxPeer nginx = peer ? NginxPeer.start(pdf) : null) {
      out.printf("bench: Plenum pid %d on port %d; nginx %s%n", server.pid(), server.httpPort(), peer ? "pid " + nginx.pid() : "not installed (skipped)");
      Rest rest = new Rest(vertx, server.httpPort(), 4);
      String secretary = rest.login("secretary", ServerProcess.DEMO_PASSWORD).await();
      String meeting = rest.call(HttpMethod.GET, "/api/meetings", null, secretary, 200).await().getJsonArray("meetings").getJsonObject(0).getString("id");
      JsonObject doc = rest.raw(HttpMethod.POST, "/api/meetings/" + meeting + "/documents?title=bench", "application/pdf", Buffer.buffer(bytes),
          secretary, 201).await();
      JsonObject v = doc.getJsonArray("versions").getJsonObject(0);
      if (!sha.equals(v.getString("sha256"))) {
        throw new IllegalStateException("the server stored " + v.getString("sha256") + ", not " + sha);
      }
      String reader = rest.login("delegate1", ServerProcess.DEMO_PASSWORD).await();
      List<Target> targets = new ArrayList<>();
      targets.add(new Target("Plenum", "http://127.0.0.1:" + server.httpPort() + v.getString("contentUrl"), "Bearer " + reader, server.pid()));
      if (peer) {
        targets.add(new Target("nginx " + nginxVersion(), nginx.url(pdf.getFileName().toString()), null, nginx.pid()));
      }
      for (Target t : targets) {
        Check c = check(vertx, t, Math.min(o.readers(), 8), bytes, sha); // bodies are held in memory to be hashed
        checks.add(c);
        out.printf("bench: %s: %d/%d whole files and %d/%d first-MB ranges right%s%n", t.name(), c.fullRight(), c.full(), c.rangesRight(), c.ranges(),
            c.errors().isEmpty() ? "" : "; errors: " + c.errors());
      }
      if (!o.quick()) {
        for (String scenario : List.of("whole file", "first 1 MB")) {
          for (Target t : targets) {
            Run r = wrk(t, scenario, o.readers(), o.seconds(), work);
            runs.add(r);
            out.printf("bench: %s, %s: %.0f MB/s, %.0f req/s, p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, CPU %.0f%%, %d errors, %d bad status%n", t.name(),
                scenario, r.mbPerSecond(), r.requestsPerSecond(), r.p50(), r.p95(), r.p99(), r.cpuPercent(), r.errors(), r.badStatus());
          }
        }
      }
    } finally {
      vertx.close().await();
      try (var walk = Files.walk(work)) {
        for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(f);
        }
      }
    }
    String loadAfter = BallotBurstBench.loadAverage();
    Report report = new Report(bytes.length, sha, checks, runs, peer);
    if (!o.quick()) {
      print(report, o, machine, loadBefore, loadAfter, out);
      write(report, o, machine, loadBefore, loadAfter, out);
    }
    return report;
  }

  record Target(String name, String url, String authorization, long pid) {}

  /** Correctness: {@code readers} concurrent whole-file reads and as many first-MB ranges, every body hashed. */
  static Check check(Vertx vertx, Target t, int readers, byte[] bytes, String sha) {
    URI uri = URI.create(t.url());
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(uri.getHost()).setDefaultPort(uri.getPort()),
        new PoolOptions().setHttp1MaxSize(readers));
    String firstSha = sha256(Arrays.copyOf(bytes, FIRST_MB));
    List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<Future<Boolean>> full = new ArrayList<>();
    List<Future<Boolean>> ranges = new ArrayList<>();
    for (int i = 0; i < readers; i++) {
      full.add(fetch(client, uri.getRawPath(), t.authorization(), null, 200, bytes.length, sha, errors));
      ranges.add(fetch(client, uri.getRawPath(), t.authorization(), "bytes=0-" + (FIRST_MB - 1), 206, FIRST_MB, firstSha, errors));
    }
    Future.all(full).await();
    Future.all(ranges).await();
    int fullRight = (int) full.stream().filter(Future::result).count();
    int rangesRight = (int) ranges.stream().filter(Future::result).count();
    client.close().await();
    return new Check(t.name(), readers, fullRight, readers, rangesRight, List.copyOf(errors));
  }

  private static Future<Boolean> fetch(HttpClient client, String path, String authorization, String range, int status, long length, String sha,
                                       List<String> errors) {
    RequestOptions ro = new RequestOptions().setMethod(HttpMethod.GET).setURI(path).setTimeout(120_000);
    if (authorization != null) {
      ro.putHeader("Authorization", authorization);
    }
    if (range != null) {
      ro.putHeader("Range", range);
    }
    return client.request(ro).compose(req -> req.send()).compose(resp -> resp.body().map(b -> {
      String got = sha256(b.getBytes());
      boolean right = resp.statusCode() == status && b.length() == length && got.equals(sha);
      if (!right) {
        errors.add(path + (range == null ? "" : " " + range) + ": status " + resp.statusCode() + ", " + b.length() + " bytes");
      }
      return right;
    })).recover(err -> {
      errors.add(path + ": " + err);
      return Future.succeededFuture(false);
    });
  }

  static boolean wrkInstalled() {
    return Files.isExecutable(Path.of("/usr/bin/wrk")) || Files.isExecutable(Path.of("/usr/local/bin/wrk"));
  }

  private static final String WRK_REPORT = """
      done = function(summary, latency, requests)
        local e = summary.errors
        io.write(string.format("WRK-JSON {\\"requests\\":%d,\\"bytes\\":%d,\\"duration\\":%d,\\"errors\\":%d,\\"status\\":%d,"
          .. "\\"p50\\":%d,\\"p95\\":%d,\\"p99\\":%d,\\"max\\":%d}\\n", summary.requests, summary.bytes, summary.duration,
          e.connect + e.read + e.write + e.timeout, e.status, latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
      end
      """;

  /** One wrk run ({@code readers} connections, 2 threads) with the CPU the serving process (and its children) used. */
  static Run wrk(Target t, String scenario, int readers, int seconds, Path work) throws IOException, InterruptedException {
    Path script = work.resolve("report.lua");
    Files.writeString(script, WRK_REPORT);
    List<String> cmd = new ArrayList<>(List.of("wrk", "-t", "2", "-c", Integer.toString(readers), "-d", seconds + "s", "--timeout", "60s",
        "-s", script.toString()));
    if (t.authorization() != null) {
      cmd.addAll(List.of("-H", "Authorization: " + t.authorization()));
    }
    if (scenario.startsWith("first")) {
      cmd.addAll(List.of("-H", "Range: bytes=0-" + (FIRST_MB - 1)));
    }
    cmd.add(t.url());
    Cpu cpu = new Cpu(t.pid(), t.pid());
    Cpu.Mark before = cpu.mark();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(seconds + 120L, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("wrk failed: " + text);
    }
    Cpu.Usage used = cpu.since(before);
    String line = text.lines().filter(l -> l.startsWith("WRK-JSON ")).findFirst().orElseThrow(() -> new IllegalStateException("no wrk report: " + text));
    JsonObject j = new JsonObject(line.substring(9));
    double secs = j.getLong("duration") / 1e6;
    return new Run(t.name(), scenario, readers, secs, j.getLong("requests"), j.getLong("bytes"), j.getLong("errors"), j.getLong("status"),
        j.getLong("bytes") / 1e6 / secs, j.getLong("requests") / secs, j.getLong("p50") / 1000.0, j.getLong("p95") / 1000.0,
        j.getLong("p99") / 1000.0, j.getLong("max") / 1000.0, 100 * used.postgres() / used.wallSeconds());
  }

  static String nginxVersion() {
    try {
      Process p = new ProcessBuilder("nginx", "-v").redirectErrorStream(true).start();
      String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      p.waitFor();
      return v.contains("/") ? v.substring(v.indexOf('/') + 1).split(" ")[0] : v;
    } catch (IOException | InterruptedException e) {
      return "?";
    }
  }

  static String machine() {
    String cpu = "?";
    try {
      cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("?");
    } catch (IOException e) {
      // not Linux
    }
    return Runtime.getRuntime().availableProcessors() + " × " + cpu;
  }

  private static void print(Report r, Options o, String machine, String loadBefore, String loadAfter, PrintStream out) {
    out.println();
    out.println("| Date | Machine (nproc × CPU) | Load before → after | Scenario | Server | Readers | MB/s | req/s | p50 ms | p95 ms | p99 ms | "
        + "Server CPU | Errors | vs peer |");
    out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (Run run : r.runs()) {
      Run peer = r.runs().stream().filter(x -> x.scenario().equals(run.scenario()) && x.server().startsWith("nginx")).findFirst().orElse(null);
      String ratio = peer == null || peer == run ? "—" : run.scenario().startsWith("whole")
          ? String.format("%.2f× throughput", run.mbPerSecond() / peer.mbPerSecond())
          : String.format("p95 %.2f×, %.2f× req/s", run.p95() / Math.max(0.001, peer.p95()), run.requestsPerSecond() / peer.requestsPerSecond());
      out.printf("| %s | %s | %s → %s | %s (%d MB) | %s | %d | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f%% | %d | %s |%n", LocalDate.now(), machine,
          loadBefore, loadAfter, run.scenario(), o.sizeMb(), run.server(), run.readers(), run.mbPerSecond(), run.requestsPerSecond(), run.p50(),
          run.p95(), run.p99(), run.cpuPercent(), run.errors() + run.badStatus(), ratio);
    }
  }

  private static void write(Report r, Options o, String machine, String loadBefore, String loadAfter, PrintStream out) throws IOException {
    Files.createDirectories(o.out());
    JsonObject json = new JsonObject().put("scenario", "documents").put("date", LocalDate.now().toString()).put("machine", machine)
        .put("loadBefore", loadBefore).put("loadAfter", loadAfter).put("readers", o.readers()).put("seconds", o.seconds())
        .put("fileBytes", r.fileBytes()).put("sha256", r.sha256()).put("runs", new JsonArray(r.runs().stream().map(Run::json).toList()));
    Path file = o.out().resolve("documents.json");
    Files.writeString(file, json.encodePrettily() + "\n");
    Path png = o.out().resolve("documents.png");
    DocumentsPlot.write(r.runs(), machine + ", load " + loadBefore + " → " + loadAfter, png);
    out.printf("bench: wrote %s and %s%n", file, png);
  }

  /** A PDF of about {@code target} bytes: pages of noise pictures (they do not compress), then a text line each. */
  static void bigPdf(Path file, long target) throws IOException {
    Random random = new Random(17);
    try (PDDocument doc = new PDDocument()) {
      int w = 1024;
      int h = 340; // ~1 MB of noise per page
      long pages = Math.max(1, target / (w * h * 3L));
      for (int i = 0; i < pages; i++) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] px = new int[w * h];
        for (int k = 0; k < px.length; k++) {
          px[k] = random.nextInt(0x1000000);
        }
        img.setRGB(0, 0, w, h, px, 0, w);
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        var image = LosslessFactory.createFromImage(doc, img);
        try (var cs = new PDPageContentStream(doc, page)) {
          cs.drawImage(image, 20, 400, 555, 184);
        }
      }
      doc.save(file.toFile());
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
