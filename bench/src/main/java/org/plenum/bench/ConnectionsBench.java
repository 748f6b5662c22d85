package org.plenum.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.plenum.server.core.MeetingId;

/**
 * Idle sockets in one meeting (issue 17, "Connections"): opens {@code sockets} meeting sockets (ticket, hello,
 * {@code session.resume}) as fast as the server takes them, {@code width} in flight, from several loopback source
 * addresses (127.0.0.x, at most {@link #PER_SOURCE} sockets each); reports connections per second, frames and bytes
 * the clients received while connecting, and RSS and heap per socket of the server process (after a full GC, from
 * {@code jcmd}). Then the same clients open the same number of plain sockets to the Node {@code ws} peer
 * ({@code bench/peer}). Own PostgreSQL and the packaged server as its own process; loopback only; stops by itself.
 *
 * <pre>
 * ./plenum bench connections [sockets=10000] [--quick] [--no-peer] [--width 256] [--json file] [--histogram] [--max-minutes 5]
 * </pre>
 */
public final class ConnectionsBench {
  static final int PER_SOURCE = 25_000;
  static final int ACCOUNTS = 16;

  record Options(int sockets, boolean quick, boolean peer, int width, Path json, int maxMinutes, Path serverJar, Path peerDir, boolean histogram) {
    static Options parse(String[] args) {
      List<String> positional = new ArrayList<>();
      boolean peer = true;
      boolean quick = false;
      int width = 256;
      int maxMinutes = 5;
      Path json = null;
      boolean histogram = false;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--histogram" -> histogram = true;
          case "--no-peer" -> peer = false;
          case "--quick" -> quick = true;
          case "--width" -> width = Integer.parseInt(args[++i]);
          case "--json" -> json = Path.of(args[++i]);
          case "--max-minutes" -> maxMinutes = Integer.parseInt(args[++i]);
          default -> positional.add(args[i]);
        }
      }
      int sockets = positional.isEmpty() ? (quick ? 50 : 10_000) : Integer.parseInt(positional.get(0));
      if (sockets < 1 || sockets > 200_000 || width < 1 || width > 10_000) {
        throw new IllegalArgumentException("sockets 1..200000, --width 1..10000");
      }
      return new Options(sockets, quick, peer, width, json, maxMinutes,
          Path.of(System.getProperty("plenum.server.jar", "server/target/plenum-server.jar")), Path.of(System.getProperty("plenum.peer.dir", "bench/peer")), histogram);
    }
  }

  /** One target's figures; {@code heapKiB} is null for the peer (no JVM). */
  record Result(String target, int sockets, int opened, long failures, double seconds, long frames, long bytes, Double rssKiB, Double heapKiB,
                String firstFailure) {
    double perSecond() {
      return opened / Math.max(seconds, 1e-9);
    }

    JsonObject toJson() {
      return new JsonObject().put("target", target).put("sockets", sockets).put("opened", opened).put("failures", failures)
          .put("seconds", seconds).put("connectionsPerSecond", perSecond()).put("framesReceived", frames).put("bytesReceived", bytes)
          .put("rssKiBPerSocket", rssKiB).put("heapKiBPerSocket", heapKiB).put("firstFailure", firstFailure);
    }
  }

  private ConnectionsBench() {}

  public static void main(String[] args) throws Exception {
    Options o = BenchArgs.parseOrExit(() -> Options.parse(args), "./plenum bench connections [sockets=10000] [--quick] [--no-peer] [--width 256] [--json file]");
    BallotBurstBench.watchdog(o.maxMinutes());
    List<Result> results = execute(o, System.out);
    System.exit(results.stream().allMatch(r -> r.opened() == r.sockets()) ? 0 : 1);
  }

  static List<Result> execute(Options o, PrintStream out) throws Exception {
    String load = BallotBurstBench.loadAverage();
    out.printf("bench: %d idle sockets to one meeting, %d in flight; machine: %s; load average before: %s%n", o.sockets(), o.width(),
        machine(), load);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    List<WebSocketClient> clients = new ArrayList<>();
    for (int s = 0; s * PER_SOURCE < o.sockets(); s++) {
      WebSocketClientOptions options = new WebSocketClientOptions().setMaxConnections(Math.min(PER_SOURCE, o.sockets()) + 16)
          .setMaxFrameSize(1 << 20).setMaxMessageSize(64 << 20).setConnectTimeout(60_000);
      if (s > 0) {
        options.setLocalAddress("127.0.0." + (s + 1));
      }
      clients.add(vertx.createWebSocketClient(options));
    }
    List<Result> results = new ArrayList<>();
    try (BenchDatabase db = BenchDatabase.start(BenchDatabase.Commit.DURABLE)) {
      try (ServerProcess server = ServerProcess.start(o.serverJar(), Map.of("PLENUM_DB_URL", db.url("plenum"), "PLENUM_DB_USER", db.user(),
          "PLENUM_AUTH_TICKET_TTL", "10m", "PLENUM_AUTH_TICKETS_PER_MINUTE", "100000"))) {
        Thread stopper = new Thread(server::close, "bench-stop-server");
        Runtime.getRuntime().addShutdownHook(stopper);
        out.printf("bench: server pid %d on port %d (log %s)%n", server.pid(), server.httpPort(), server.log());
        Pool plenumDb = CommitBaseline.pool(vertx, db, "plenum", 4);
        results.add(plenum(vertx, clients, server, plenumDb, o, out));
        plenumDb.close().await();
        Runtime.getRuntime().removeShutdownHook(stopper);
      }
      if (o.peer()) {
        try (AnnotationFanoutBench.Peer peer = AnnotationFanoutBench.Peer.start(o.peerDir())) {
          out.printf("bench: peer (node ws) pid %d on port %d%n", peer.process.pid(), peer.port);
          results.add(peer(clients, peer, o, out));
        }
      }
    } finally {
      for (WebSocketClient c : clients) {
        c.close().await();
      }
      vertx.close().await();
    }
    String after = BallotBurstBench.loadAverage();
    print(results, load, after, out);
    java.nio.file.Path png = java.nio.file.Path.of(System.getProperty("plenum.bench.out", ServerProcess.workDir().toString()))
        .resolve("connections-" + o.sockets() + ".png");
    BarPlot.write("Idle sockets to one meeting: Plenum vs Node ws, same client, same run", machine() + ", load " + load + " -> " + after,
        List.of(new BarPlot.Panel("connections per second (higher is better)", "%.0f",
                results.stream().map(r -> new BarPlot.Bar(r.target(), r.perSecond(), !r.target().startsWith("Plenum"))).toList()),
            new BarPlot.Panel("RSS KiB per socket (lower is better)", "%.1f", results.stream().filter(r -> r.rssKiB() != null)
                .map(r -> new BarPlot.Bar(r.target(), r.rssKiB(), !r.target().startsWith("Plenum"))).toList())), png);
    out.println("bench: wrote " + png);
    if (o.json() != null) {
      JsonObject report = new JsonObject().put("scenario", "connections").put("date", LocalDate.now().toString()).put("machine", machine())
          .put("loadBefore", load).put("loadAfter", after).put("results", new JsonArray(results.stream().map(Result::toJson).toList()));
      Files.createDirectories(o.json().toAbsolutePath().getParent());
      Files.writeString(o.json(), report.encodePrettily());
      out.println("bench: wrote " + o.json());
    }
    return results;
  }

  private static Result plenum(Vertx vertx, List<WebSocketClient> clients, ServerProcess server, Pool db, Options o, PrintStream out) throws Exception {
    Rest rest = new Rest(vertx, server.httpPort(), 32);
    String admin = rest.login("admin", ServerProcess.DEMO_PASSWORD).await();
    String meeting = rest.call(HttpMethod.POST, "/api/meetings", new JsonObject().put("title", "Idle sockets " + o.sockets())
        .put("startsAt", "2026-12-01T08:00:00+07:00"), admin, 201).await().getString("id");
    List<String> usernames = new ArrayList<>();
    BenchMeeting.seedVoters(db, MeetingId.parse(meeting), ACCOUNTS, usernames);
    List<String> tokens = BenchMeeting.parallel(ACCOUNTS, 8, i -> rest.login(usernames.get(i), BenchMeeting.VOTER_PASSWORD));
    long t = System.nanoTime();
    List<String> tickets = BenchMeeting.parallel(o.sockets(), 32, i -> rest.ticket(meeting, tokens.get(i % ACCOUNTS)));
    out.printf("bench: %d tickets in %.1f s%n", o.sockets(), BenchMeeting.seconds(t));
    // The ledger head, so that every socket resumes with nothing to replay (an idle tablet that is up to date).
    Counter probe = new Counter();
    IdleSocket first = IdleSocket.open(clients.get(0), server.httpPort(), "/ws/meetings/" + meeting + "?ticket="
        + rest.ticket(meeting, tokens.get(0)).await(), probe, 0L).await();
    long head = first.ack.getLong("seq");
    first.close();
    Thread.sleep(500);
    Memory before = Memory.ofJvm(server.pid());
    Counter counter = new Counter();
    t = System.nanoTime();
    List<IdleSocket> open = run(o.sockets(), o.width(), counter, i -> IdleSocket.open(clients.get(i / PER_SOURCE), server.httpPort(),
        "/ws/meetings/" + meeting + "?ticket=" + tickets.get(i), counter, head));
    double seconds = BenchMeeting.seconds(t);
    Thread.sleep(1500); // the last coalesced presence frames (ws.presence_interval, ws.presence_count_interval)
    Memory after = Memory.ofJvm(server.pid());
    if (o.histogram()) {
      // What the live sockets hold: the server's biggest classes by bytes, after a full GC.
      String[] lines = Memory.jcmd(server.pid(), "GC.class_histogram").split("\n");
      for (int i = 0; i < Math.min(lines.length, 40); i++) {
        out.println("bench: histogram " + lines[i]);
      }
    }
    out.printf("bench: Plenum: %d of %d sockets live in %.2f s; RSS %d → %d KiB, heap %d → %d KiB%n", open.size(), o.sockets(), seconds,
        before.rssKiB(), after.rssKiB(), before.heapKiB(), after.heapKiB());
    Result r = new Result("Plenum", o.sockets(), open.size(), counter.failures.get(), seconds, counter.frames.get(), counter.bytes.get(),
        open.isEmpty() ? null : (after.rssKiB() - before.rssKiB()) / (double) open.size(),
        open.isEmpty() ? null : (after.heapKiB() - before.heapKiB()) / (double) open.size(), counter.firstFailure.get());
    closeAll(open);
    rest.close().await();
    return r;
  }

  private static Result peer(List<WebSocketClient> clients, AnnotationFanoutBench.Peer peer, Options o, PrintStream out) throws Exception {
    Thread.sleep(300);
    long rssBefore = Memory.rssKiB(peer.process.pid());
    Counter counter = new Counter();
    long t = System.nanoTime();
    List<IdleSocket> open = run(o.sockets(), o.width(), counter, i -> IdleSocket.open(clients.get(i / PER_SOURCE), peer.port, "/", counter, null));
    double seconds = BenchMeeting.seconds(t);
    Thread.sleep(1500);
    long rssAfter = Memory.rssKiB(peer.process.pid());
    out.printf("bench: peer: %d of %d sockets open in %.2f s; RSS %d → %d KiB%n", open.size(), o.sockets(), seconds, rssBefore, rssAfter);
    Result r = new Result("Node ws (peer)", o.sockets(), open.size(), counter.failures.get(), seconds, counter.frames.get(), counter.bytes.get(),
        open.isEmpty() ? null : (rssAfter - rssBefore) / (double) open.size(), null, counter.firstFailure.get());
    closeAll(open);
    return r;
  }

  private static void closeAll(List<IdleSocket> open) {
    List<Future<Void>> closing = new ArrayList<>();
    open.forEach(s -> closing.add(s.close()));
    Future.join(closing).otherwiseEmpty().await();
  }

  /** Runs task(0..n-1) with at most {@code width} in flight; counts failures instead of stopping; returns what opened. */
  static List<IdleSocket> run(int n, int width, Counter counter, IntFunction<Future<IdleSocket>> task) {
    AtomicInteger next = new AtomicInteger();
    List<IdleSocket> opened = java.util.Collections.synchronizedList(new ArrayList<>(n));
    List<Future<Void>> lanes = new ArrayList<>();
    for (int l = 0; l < Math.min(width, n); l++) {
      lanes.add(lane(next, n, task, opened, counter));
    }
    Future.all(lanes).await();
    return new ArrayList<>(opened);
  }

  private static Future<Void> lane(AtomicInteger next, int n, IntFunction<Future<IdleSocket>> task, List<IdleSocket> opened, Counter counter) {
    int i = next.getAndIncrement();
    if (i >= n) {
      return Future.succeededFuture();
    }
    Future<IdleSocket> f;
    try {
      f = task.apply(i);
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    return f.transform(ar -> {
      if (ar.succeeded()) {
        opened.add(ar.result());
      } else {
        counter.fail(ar.cause());
      }
      return lane(next, n, task, opened, counter);
    });
  }

  /** What the clients of one run received, and what went wrong. */
  static final class Counter {
    final AtomicLong frames = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    final java.util.concurrent.atomic.AtomicReference<String> firstFailure = new java.util.concurrent.atomic.AtomicReference<>();

    void fail(Throwable err) {
      failures.incrementAndGet();
      firstFailure.compareAndSet(null, String.valueOf(err));
    }
  }

  /** An idle socket: counts what it receives; for Plenum, waits for hello, resumes at {@code head} and waits for the ack. */
  static final class IdleSocket {
    final io.vertx.core.http.WebSocket ws;
    JsonObject ack;

    private IdleSocket(io.vertx.core.http.WebSocket ws) {
      this.ws = ws;
    }

    static Future<IdleSocket> open(WebSocketClient client, int port, String uri, Counter counter, Long head) {
      return client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(uri).setTimeout(60_000)).compose(ws -> {
        IdleSocket s = new IdleSocket(ws);
        Promise<IdleSocket> live = Promise.promise();
        ws.exceptionHandler(err -> { });
        ws.closeHandler(v -> live.tryFail("closed with " + ws.closeStatusCode() + " " + ws.closeReason()));
        ws.textMessageHandler(text -> {
          counter.frames.incrementAndGet();
          counter.bytes.addAndGet(text.length());
          if (head != null && !live.future().isComplete()) {
            if (text.startsWith("{\"type\":\"hello\"")) {
              ws.writeTextMessage("{\"type\":\"session.resume\",\"requestId\":\"r\",\"lastSeq\":" + head + "}");
            } else if (text.startsWith("{\"type\":\"ack\"")) {
              s.ack = new JsonObject(text);
              live.tryComplete(s);
            } else if (text.startsWith("{\"type\":\"error\"")) {
              live.tryFail(text);
            }
          }
        });
        if (head == null) {
          live.tryComplete(s);
        }
        return live.future();
      });
    }

    Future<Void> close() {
      return ws.close();
    }
  }

  /** RSS of a process (/proc) and, for a JVM, its used heap after a full GC (jcmd). */
  record Memory(long rssKiB, long heapKiB) {
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    static Memory ofJvm(long pid) throws Exception {
      jcmd(pid, "GC.run");
      String info = jcmd(pid, "GC.heap_info");
      Matcher m = USED.matcher(info);
      long heap = m.find() ? Long.parseLong(m.group(1)) : -1;
      return new Memory(rssKiB(pid), heap);
    }

    static long rssKiB(long pid) throws java.io.IOException {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      return -1;
    }

    static String jcmd(long pid, String command) throws Exception {
      Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid), command)
          .redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      return text;
    }
  }

  static String machine() {
    String cpu = "?";
    try {
      cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
    } catch (java.io.IOException e) {
      // not Linux
    }
    return BallotBurstBench.machine() + ", " + cpu;
  }

  private static void print(List<Result> results, String loadBefore, String loadAfter, PrintStream out) {
    out.println();
    out.println("| Date | Machine | Target | Sockets | Opened | Failures | Seconds | Connections/s | Frames received | KiB received | RSS KiB/socket | Heap KiB/socket |");
    out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (Result r : results) {
      out.printf("| %s | %s | %s | %d | %d | %d | %.2f | %.0f | %d | %.0f | %s | %s |%n", LocalDate.now(), machine(), r.target(), r.sockets(), r.opened(),
          r.failures(), r.seconds(), r.perSecond(), r.frames(), r.bytes() / 1024.0, r.rssKiB() == null ? "-" : String.format("%.1f", r.rssKiB()),
          r.heapKiB() == null ? "-" : String.format("%.1f", r.heapKiB()));
      if (r.firstFailure() != null) {
        out.println("first failure (" + r.target() + "): " + r.firstFailure());
      }
    }
    out.printf("%nload average before: %s; after: %s%n", loadBefore, loadAfter);
  }
}
