package org.plenum.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.plenum.server.core.MeetingId;

/**
 * Durable fan-out (issue 17, "Fan-out"): the chair's {@code presentation.show} at {@code rate} a second, each one a
 * committed ledger event ({@code presentation.changed}) that reaches the other {@code sockets − 1} live sockets of the
 * meeting; latency from the chair's send to each socket's receipt. Then the same clients send a frame of the same
 * size through the Node {@code ws} broadcast peer (not durable, not filtered). Own PostgreSQL (durable commits) and the
 * packaged server as its own process, with {@code ws.rate_per_second} raised for the chair; loopback only.
 *
 * <pre>
 * ./plenum bench fanout [sockets=515] [seconds=20] [--rates 10,50] [--quick] [--no-peer] [--json file] [--max-minutes 10]
 * </pre>
 */
public final class FanoutBench {
  private static final String DOCUMENT = "fanout.pdf";

  record Options(int sockets, int seconds, List<Integer> rates, int warmup, boolean peer, Path json, int maxMinutes, Path serverJar, Path peerDir) {
    static Options parse(String[] args) {
      List<String> positional = new ArrayList<>();
      boolean peer = true;
      boolean quick = false;
      int maxMinutes = 10;
      Path json = null;
      List<Integer> rates = List.of(10, 50);
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--no-peer" -> peer = false;
          case "--quick" -> quick = true;
          case "--rates" -> rates = java.util.Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
          case "--json" -> json = Path.of(args[++i]);
          case "--max-minutes" -> maxMinutes = Integer.parseInt(args[++i]);
          default -> positional.add(args[i]);
        }
      }
      int sockets = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : quick ? 20 : 515;
      int seconds = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : quick ? 2 : 20;
      if (quick && java.util.Arrays.stream(args).noneMatch("--rates"::equals)) {
        rates = List.of(10);
      }
      if (sockets < 2 || sockets > 5000 || seconds < 1 || seconds > 300 || rates.isEmpty() || rates.stream().anyMatch(r -> r < 1 || r > 200)) {
        throw new IllegalArgumentException("sockets 2..5000, seconds 1..300, rates 1..200 a second");
      }
      return new Options(sockets, seconds, rates, quick ? 1 : 3, peer, json, maxMinutes,
          Path.of(System.getProperty("plenum.server.jar", "server/target/plenum-server.jar")), Path.of(System.getProperty("plenum.peer.dir", "bench/peer")));
    }
  }

  private FanoutBench() {}

  public static void main(String[] args) throws Exception {
    Options o = BenchArgs.parseOrExit(() -> Options.parse(args), "./plenum bench fanout [sockets=515] [seconds=20] [--rates 10,50] [--quick] [--no-peer] [--json file]");
    BallotBurstBench.watchdog(o.maxMinutes());
    List<StrokeLoad.Result> results = execute(o, System.out);
    System.exit(results.stream().allMatch(r -> r.delivered() == r.expected() && r.errors() == 0) ? 0 : 1);
  }

  static List<StrokeLoad.Result> execute(Options o, PrintStream out) throws Exception {
    String load = BallotBurstBench.loadAverage();
    out.printf("bench: durable fan-out, %d sockets, chair's presentation.show at %s a second, %d s measured after %d s warm-up; machine: %s; "
        + "load average before: %s%n", o.sockets(), o.rates(), o.seconds(), o.warmup(), ConnectionsBench.machine(), load);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    List<StrokeLoad.Result> results = new ArrayList<>();
    WebSocketClient ws = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(o.sockets() + 16)
        .setMaxFrameSize(1 << 20).setMaxMessageSize(64 << 20).setConnectTimeout(30_000));
    try (BenchDatabase db = BenchDatabase.start(BenchDatabase.Commit.DURABLE)) {
      try (ServerProcess server = ServerProcess.start(o.serverJar(), Map.of("PLENUM_DB_URL", db.url("plenum"), "PLENUM_DB_USER", db.user(),
          "PLENUM_WS_RATE_PER_SECOND", "1000", "PLENUM_AUTH_TICKETS_PER_MINUTE", "100000"))) {
        Thread stopper = new Thread(server::close, "bench-stop-server");
        Runtime.getRuntime().addShutdownHook(stopper);
        out.printf("bench: server pid %d on port %d (log %s)%n", server.pid(), server.httpPort(), server.log());
        Pool plenumDb = CommitBaseline.pool(vertx, db, "plenum", 4);
        Meeting meeting = Meeting.prepare(vertx, ws, server.httpPort(), plenumDb, o.sockets(), out);
        for (int rate : o.rates()) {
          results.add(StrokeLoad.run("Plenum (durable)", vertx, meeting, (stroke, k, request) -> showFrame(k, request), FanoutBench::pageKey, 1, rate,
              o.warmup(), o.seconds(), new Cpu(server.pid(), db.postmasterPid()), out::println));
        }
        meeting.close();
        plenumDb.close().await();
        Runtime.getRuntime().removeShutdownHook(stopper);
      }
      if (o.peer()) {
        try (AnnotationFanoutBench.Peer peer = AnnotationFanoutBench.Peer.start(o.peerDir())) {
          out.printf("bench: peer (node ws) pid %d on port %d%n", peer.process.pid(), peer.port);
          AnnotationFanoutBench.PeerSockets sockets = AnnotationFanoutBench.PeerSockets.open(ws, peer.port, o.sockets());
          for (int rate : o.rates()) {
            results.add(StrokeLoad.run("Node ws broadcast (peer)", vertx, sockets, (stroke, k, request) -> changedFrame(k), FanoutBench::pageKey, 1, rate,
                o.warmup(), o.seconds(), new Cpu(peer.process.pid(), db.postmasterPid()), out::println));
          }
          sockets.close();
        }
      }
    } finally {
      ws.close().await();
      vertx.close().await();
    }
    String after = BallotBurstBench.loadAverage();
    print(results, load, after, out);
    StrokePlot.write("Durable fan-out: presentation.show to " + o.sockets() + " sockets, Plenum vs Node ws broadcast, same run",
        ConnectionsBench.machine() + ", load " + load + " -> " + after, results, "fanout-" + o.sockets() + ".png", out);
    if (o.json() != null) {
      JsonArray rows = new JsonArray();
      for (StrokeLoad.Result r : results) {
        rows.add(new JsonObject().put("target", r.target()).put("sockets", r.sockets()).put("perSecond", r.hz()).put("seconds", r.seconds())
            .put("delivered", r.delivered()).put("expected", r.expected()).put("errors", r.errors())
            .put("p50ms", BallotBurstBench.ms(r.latencyMicros(), 50)).put("p99ms", BallotBurstBench.ms(r.latencyMicros(), 99))
            .put("maxms", BallotBurstBench.ms(r.latencyMicros(), 100)).put("deliveriesPerSecond", r.deliveriesPerSecond()));
      }
      Files.createDirectories(o.json().toAbsolutePath().getParent());
      Files.writeString(o.json(), new JsonObject().put("scenario", "fanout").put("date", LocalDate.now().toString())
          .put("machine", ConnectionsBench.machine()).put("loadBefore", load).put("loadAfter", after).put("results", rows).encodePrettily());
      out.println("bench: wrote " + o.json());
    }
    return results;
  }

  /** The chair's command: page k + 1 of the shared document (protocol PR1). */
  static String showFrame(long k, long request) {
    return "{\"type\":\"presentation.show\",\"requestId\":\"p" + request + "\",\"document\":\"" + DOCUMENT + "\",\"page\":" + (k + 1) + "}";
  }

  /** What the peer relays: a frame shaped and sized like the event Plenum sends. */
  static String changedFrame(long k) {
    return "{\"type\":\"presentation.changed\",\"seq\":" + (k + 10) + ",\"at\":\"2026-12-04T20:00:00.123456Z\",\"by\":\"9a6f3c1e-0000-4000-8000-"
        + "000000000000\",\"hash\":\"5be0d2c1a6f34e0b9d7c8a1f2e3d4c5b6a7980f1e2d3c4b5a69788f9e0d1c2b3\",\"data\":{\"presenterId\":null,\"document\":\""
        + DOCUMENT + "\",\"page\":" + (k + 1) + ",\"zoom\":1.0}}";
  }

  /** k of a presentation.changed frame (its page − 1), or -1. */
  static long pageKey(String text) {
    if (!text.startsWith("{\"type\":\"presentation.changed\"")) {
      return -1;
    }
    int at = text.indexOf("\"page\":");
    if (at < 0) {
      return -1;
    }
    int start = at + 7;
    int end = start;
    while (end < text.length() && Character.isDigit(text.charAt(end))) {
      end++;
    }
    return end == start ? -1 : Long.parseLong(text.substring(start, end)) - 1;
  }

  /** The meeting: socket 0 is the chair (who shows), the others are delegates (who only receive). */
  static final class Meeting implements StrokeLoad.Sockets {
    final List<MeetingSocket> sockets;

    private Meeting(List<MeetingSocket> sockets) {
      this.sockets = sockets;
    }

    static Meeting prepare(Vertx vertx, WebSocketClient ws, int port, Pool db, int n, PrintStream log) {
      Rest rest = new Rest(vertx, port, 16);
      long t = System.nanoTime();
      String admin = rest.login("admin", ServerProcess.DEMO_PASSWORD).await();
      String meeting = rest.call(HttpMethod.POST, "/api/meetings", new JsonObject().put("title", "Fan-out " + n)
          .put("startsAt", "2026-12-01T08:00:00+07:00"), admin, 201).await().getString("id");
      String chair = rest.login("chair", ServerProcess.DEMO_PASSWORD).await();
      String chairId = rest.call(HttpMethod.GET, "/api/me", null, chair, 200).await().getString("id");
      rest.call(HttpMethod.PUT, "/api/meetings/" + meeting + "/participants", new JsonObject().put("accountId", chairId).put("role", "CHAIR"), admin, 200)
          .await();
      List<String> usernames = new ArrayList<>();
      BenchMeeting.seedVoters(db, MeetingId.parse(meeting), n - 1, usernames);
      List<String> tokens = new ArrayList<>();
      tokens.add(chair);
      tokens.addAll(BenchMeeting.parallel(n - 1, 16, i -> rest.login(usernames.get(i), BenchMeeting.VOTER_PASSWORD)));
      List<MeetingSocket> sockets = BenchMeeting.parallel(n, 16, i -> rest.ticket(meeting, tokens.get(i))
          .compose(ticket -> MeetingSocket.open(ws, port, meeting, ticket, false)));
      BenchMeeting.parallel(n, 16, i -> sockets.get(i).command("session.resume", new JsonObject().put("lastSeq", null))
          .map(r -> BenchMeeting.require(r, "session.resume")));
      rest.close().await();
      log.printf("bench: meeting with a chair and %d delegates on %d live sockets in %.1f s%n", n - 1, n, BenchMeeting.seconds(t));
      return new Meeting(sockets);
    }

    @Override
    public int size() {
      return sockets.size();
    }

    @Override
    public void send(int socket, String text) {
      sockets.get(socket).fire(text);
    }

    @Override
    public void listen(int socket, java.util.function.ObjLongConsumer<String> onFrame) {
      // The chair sees its own event too; StrokeLoad expects every socket but the sender's.
      sockets.get(socket).onOtherFrames(socket == 0 ? (text, now) -> { } : onFrame);
    }

    @Override
    public long errors() {
      return sockets.stream().mapToLong(MeetingSocket::strayErrors).sum();
    }

    void close() {
      sockets.forEach(MeetingSocket::close);
    }
  }

  private static void print(List<StrokeLoad.Result> results, String loadBefore, String loadAfter, PrintStream out) {
    out.println();
    out.println("| Date | Machine | Target | Sockets | Events/s | delivery p50 ms | p90 | p99 | max | deliveries/s | delivered / expected | errors | CPU s (server / PostgreSQL / client) |");
    out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (StrokeLoad.Result r : results) {
      out.printf("| %s | %s | %s | %d | %d | %s | %s | %s | %s | %.0f | %d / %d | %d | %s |%n", LocalDate.now(), ConnectionsBench.machine(), r.target(),
          r.sockets(), r.hz(), BallotBurstBench.ms(r.latencyMicros(), 50), BallotBurstBench.ms(r.latencyMicros(), 90),
          BallotBurstBench.ms(r.latencyMicros(), 99), BallotBurstBench.ms(r.latencyMicros(), 100), r.deliveriesPerSecond(), r.delivered(),
          r.expected(), r.errors(), r.cpu() == null ? "-" : String.format("%.1f / %.1f / %.1f", r.cpu().server(), r.cpu().postgres(), r.cpu().client()));
    }
    out.printf("%nload average before: %s; after: %s%n", loadBefore, loadAfter);
  }
}
