package org.plenum.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.plenum.server.core.MeetingId;

/**
 * Live ink fan-out (issue 11): {@code annotators} people draw shared strokes at {@code hz} frames a second in one
 * meeting of {@code sockets} subscribed sockets; delivery latency from send to receipt and deliveries per second.
 * Then the same clients, the same load, against the peer a team would otherwise write: a minimal Node {@code ws}
 * broadcast server ({@code bench/peer}). Own PostgreSQL and the packaged server as its own process; loopback only;
 * stops by itself.
 *
 * <pre>
 * ./plenum bench annotations [sockets=515] [annotators=10] [hz=20] [seconds=20] [--no-peer] [--max-minutes 10]
 * </pre>
 */
public final class AnnotationFanoutBench {
  record Options(int sockets, int annotators, int hz, int seconds, boolean peer, int maxMinutes, Path serverJar, Path peerDir) {
    static Options parse(String[] args) {
      List<String> positional = new ArrayList<>();
      boolean peer = true;
      int maxMinutes = 10;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--no-peer" -> peer = false;
          case "--max-minutes" -> maxMinutes = Integer.parseInt(args[++i]);
          default -> positional.add(args[i]);
        }
      }
      int sockets = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 515;
      int annotators = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 10;
      int hz = positional.size() > 2 ? Integer.parseInt(positional.get(2)) : 20;
      int seconds = positional.size() > 3 ? Integer.parseInt(positional.get(3)) : 20;
      if (sockets < 2 || sockets > 5000 || annotators < 1 || annotators > sockets || hz < 1 || hz > 20 || seconds < 1 || seconds > 300) {
        throw new IllegalArgumentException("sockets 2..5000, annotators 1..sockets, hz 1..20 (the per-stroke limit), seconds 1..300");
      }
      return new Options(sockets, annotators, hz, seconds, peer, maxMinutes,
          Path.of(System.getProperty("plenum.server.jar", "server/target/plenum-server.jar")), Path.of(System.getProperty("plenum.peer.dir", "bench/peer")));
    }
  }

  private static final int WARMUP_SECONDS = 3;

  private AnnotationFanoutBench() {}

  public static void main(String[] args) throws Exception {
    Options o = BenchArgs.parseOrExit(() -> Options.parse(args), "./plenum bench annotations [sockets=515] [annotators=10] [hz=20] [seconds=20] [--no-peer]");
    BallotBurstBench.watchdog(o.maxMinutes());
    List<StrokeLoad.Result> results = execute(o, System.out);
    System.exit(results.stream().allMatch(r -> r.delivered() > 0) ? 0 : 1);
  }

  static List<StrokeLoad.Result> execute(Options o, PrintStream out) throws Exception {
    String load = BallotBurstBench.loadAverage();
    out.printf("bench: live ink, %d sockets, %d annotators at %d Hz, %d s measured after %d s warm-up; machine: %s; load average before: %s%n",
        o.sockets(), o.annotators(), o.hz(), o.seconds(), WARMUP_SECONDS, BallotBurstBench.machine(), load);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    List<StrokeLoad.Result> results = new ArrayList<>();
    WebSocketClient ws = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(o.sockets() + 16)
        .setMaxFrameSize(1 << 20).setMaxMessageSize(64 << 20).setConnectTimeout(30_000));
    try (BenchDatabase db = BenchDatabase.start(BenchDatabase.Commit.DURABLE)) {
      try (ServerProcess server = ServerProcess.start(o.serverJar(), Map.of("PLENUM_DB_URL", db.url("plenum"), "PLENUM_DB_USER", db.user()))) {
        Thread stopper = new Thread(server::close, "bench-stop-server");
        Runtime.getRuntime().addShutdownHook(stopper);
        out.printf("bench: server pid %d on port %d (log %s)%n", server.pid(), server.httpPort(), server.log());
        Pool plenumDb = CommitBaseline.pool(vertx, db, "plenum", 4);
        Plenum plenum = Plenum.prepare(vertx, ws, server.httpPort(), plenumDb, o.sockets(), out);
        results.add(StrokeLoad.run("Plenum", vertx, plenum, plenum::frame, o.annotators(), o.hz(), WARMUP_SECONDS, o.seconds(),
            new Cpu(server.pid(), db.postmasterPid()), out::println));
        plenum.close();
        plenumDb.close().await();
        Runtime.getRuntime().removeShutdownHook(stopper);
        if (o.peer()) {
          try (Peer peer = Peer.start(o.peerDir())) {
            out.printf("bench: peer (node ws) pid %d on port %d%n", peer.process.pid(), peer.port);
            PeerSockets sockets = PeerSockets.open(ws, peer.port, o.sockets());
            results.add(StrokeLoad.run("Node ws broadcast (peer)", vertx, sockets, (stroke, k, request) -> Plenum.strokeFrame("-", stroke, k, request), o.annotators(), o.hz(), WARMUP_SECONDS,
                o.seconds(), new Cpu(peer.process.pid(), db.postmasterPid()), out::println));
            sockets.close();
          }
        }
      }
    } finally {
      ws.close().await();
      vertx.close().await();
    }
    String after = BallotBurstBench.loadAverage();
    print(results, load, after, out);
    StrokePlot.write("Live ink: annotation strokes to " + o.sockets() + " sockets, Plenum vs Node ws broadcast, same run",
        BallotBurstBench.machine() + ", load " + load + " -> " + after, results, "annotations-" + o.sockets() + ".png", out);
    return results;
  }

  private static void print(List<StrokeLoad.Result> results, String loadBefore, String loadAfter, PrintStream out) {
    out.println();
    out.println("| Date | Machine | Server | Sockets | Annotators × Hz (frames/s sent) | delivery p50 ms | p90 | p99 | max | deliveries/s | delivered / expected | errors | CPU s (server / PostgreSQL / client) |");
    out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (StrokeLoad.Result r : results) {
      out.printf("| %s | %s | %s | %d | %d × %d (%.0f) | %s | %s | %s | %s | %.0f | %d / %d | %d | %s |%n", LocalDate.now(), BallotBurstBench.machine(),
          r.target(), r.sockets(), r.annotators(), r.hz(), r.framesPerSecond(), BallotBurstBench.ms(r.latencyMicros(), 50), BallotBurstBench.ms(r.latencyMicros(), 90),
          BallotBurstBench.ms(r.latencyMicros(), 99), BallotBurstBench.ms(r.latencyMicros(), 100), r.deliveriesPerSecond(), r.delivered(),
          r.expected(), r.errors(), r.cpu() == null ? "-" : String.format("%.1f / %.1f / %.1f", r.cpu().server(), r.cpu().postgres(), r.cpu().client()));
    }
    out.printf("%nload average before: %s; after: %s%n", loadBefore, loadAfter);
  }

  /** Plenum: a meeting with a shared document, N delegates signed in with live sockets; the first ones draw. */
  static final class Plenum implements StrokeLoad.Sockets {
    final List<MeetingSocket> sockets;
    final String document;

    private Plenum(List<MeetingSocket> sockets, String document) {
      this.sockets = sockets;
      this.document = document;
    }

    static Plenum prepare(Vertx vertx, WebSocketClient ws, int port, Pool db, int n, PrintStream log) throws Exception {
      Rest rest = new Rest(vertx, port, 16);
      long t = System.nanoTime();
      String admin = rest.login("admin", ServerProcess.DEMO_PASSWORD).await();
      String meeting = rest.call(HttpMethod.POST, "/api/meetings", new JsonObject().put("title", "Live ink " + n)
          .put("startsAt", "2026-12-01T08:00:00+07:00"), admin, 201).await().getString("id");
      String chairId = rest.call(HttpMethod.GET, "/api/me", null, rest.login("chair", ServerProcess.DEMO_PASSWORD).await(), 200).await().getString("id");
      rest.call(HttpMethod.PUT, "/api/meetings/" + meeting + "/participants", new JsonObject().put("accountId", chairId).put("role", "CHAIR"), admin, 200)
          .await();
      String chair = rest.login("chair", ServerProcess.DEMO_PASSWORD).await();
      String document = upload(rest, meeting, chair).await().getString("id");
      List<String> usernames = new ArrayList<>();
      BenchMeeting.seedVoters(db, MeetingId.parse(meeting), n, usernames);
      List<String> tokens = BenchMeeting.parallel(n, 16, i -> rest.login(usernames.get(i), BenchMeeting.VOTER_PASSWORD));
      List<MeetingSocket> sockets = BenchMeeting.parallel(n, 16, i -> rest.ticket(meeting, tokens.get(i))
          .compose(ticket -> MeetingSocket.open(ws, port, meeting, ticket, false)));
      BenchMeeting.parallel(n, 16, i -> sockets.get(i).command("session.resume", new JsonObject().put("lastSeq", null))
          .map(r -> BenchMeeting.require(r, "session.resume")));
      rest.close().await();
      log.printf("bench: meeting with %d delegates, a shared document and %d live sockets in %.1f s%n", n, n, BenchMeeting.seconds(t));
      return new Plenum(sockets, document);
    }

    private static Future<JsonObject> upload(Rest rest, String meeting, String token) throws Exception {
      ByteArrayOutputStream pdf = new ByteArrayOutputStream();
      try (PDDocument doc = new PDDocument()) {
        doc.addPage(new PDPage(PDRectangle.A4));
        doc.save(pdf);
      }
      return rest.raw(HttpMethod.POST, "/api/meetings/" + meeting + "/documents?title=Ban-ve", "application/pdf", Buffer.buffer(pdf.toByteArray()),
          token, 201);
    }

    String frame(String stroke, long k, long request) {
      return strokeFrame(document, stroke, k, request);
    }

    /** One {@code annotation.stroke} frame (protocol AN14) of a shared pen stroke; its first point's x is k. */
    static String strokeFrame(String document, String stroke, long k, long request) {
      return "{\"type\":\"annotation.stroke\",\"requestId\":\"s" + request + "\",\"id\":\"" + stroke + "\",\"anchor\":{\"document\":\"" + document
          + "\",\"version\":1,\"page\":1},\"style\":{\"color\":\"#d62828\",\"width\":2.5,\"tool\":\"PEN\"},\"visibility\":{\"kind\":\"SHARED\"},"
          + "\"points\":[[" + k + ",400.5,0.5],[" + (k + 1) + ",401.25,0.6]]}";
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
      sockets.get(socket).onOtherFrames(onFrame);
    }

    @Override
    public long errors() {
      return sockets.stream().mapToLong(MeetingSocket::strayErrors).sum();
    }

    void close() {
      sockets.forEach(MeetingSocket::close);
    }
  }

  /** The Node peer as a child process, on a free loopback port. */
  static final class Peer implements AutoCloseable {
    final Process process;
    final int port;

    private Peer(Process process, int port) {
      this.process = process;
      this.port = port;
    }

    static Peer start(Path dir) throws Exception {
      return start(dir, "peer-server.js");
    }

    /** A peer script of {@code bench/peer} that prints {@code listening <port>} when ready. */
    static Peer start(Path dir, String script) throws Exception {
      Process p = new ProcessBuilder("node", script, "0").directory(dir.toFile()).redirectErrorStream(true).start();
      BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String first = lines.readLine();
      if (first == null || !first.startsWith("listening ")) {
        p.destroyForcibly();
        throw new IllegalStateException("the peer did not start (run npm ci in " + dir + "): " + first);
      }
      return new Peer(p, Integer.parseInt(first.substring("listening ".length()).trim()));
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  /** Plain sockets to the peer: the same frames, no protocol. */
  static final class PeerSockets implements StrokeLoad.Sockets {
    final List<WebSocket> sockets;
    final List<java.util.function.ObjLongConsumer<String>> listeners;

    private PeerSockets(List<WebSocket> sockets) {
      this.sockets = sockets;
      this.listeners = new ArrayList<>(java.util.Collections.nCopies(sockets.size(), (text, now) -> { }));
      for (int i = 0; i < sockets.size(); i++) {
        int socket = i;
        sockets.get(i).textMessageHandler(text -> listeners.get(socket).accept(text, System.nanoTime()));
      }
    }

    static PeerSockets open(WebSocketClient ws, int port, int n) {
      List<WebSocket> list = BenchMeeting.parallel(n, 16, i -> ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
          .setURI("/").setTimeout(30_000)));
      return new PeerSockets(list);
    }

    @Override
    public int size() {
      return sockets.size();
    }

    @Override
    public void send(int socket, String text) {
      sockets.get(socket).writeTextMessage(text);
    }

    @Override
    public void listen(int socket, java.util.function.ObjLongConsumer<String> onFrame) {
      listeners.set(socket, onFrame);
    }

    @Override
    public long errors() {
      return 0;
    }

    void close() {
      sockets.forEach(WebSocket::close);
    }
  }
}
