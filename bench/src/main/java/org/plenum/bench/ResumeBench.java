package org.plenum.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ./plenum bench resume [MISSED] [ROUNDS] [--quick] [--no-peer]}: a delegate's tablet loses its socket while the
 * chair turns MISSED pages (durable {@code presentation.show}, each acknowledged), then opens a new socket and sends
 * {@code session.resume} with the last {@code seq} it saw; measured from that send to the resume's ack, after the
 * MISSED events were replayed to it (protocol R1), ROUNDS times. The peer in the same run is a Node {@code ws} server
 * that keeps every message in memory and replays them after {@code {"since":N}} ({@code bench/peer/replay-server.js}),
 * with the same frames and the same client. Packaged server as its own process on its own durable PostgreSQL, with
 * {@code ws.rate_per_second} raised so that the chair's page turns (setup) go as fast as the server takes them; loopback
 * only. Prints markdown rows (machine, load average) and writes {@code resume.json} in the bench folder.
 */
public final class ResumeBench {
  private static final String DOCUMENT = "resume.pdf";

  public record Options(int missed, int rounds, boolean peer, Path serverJar, Path peerDir) {
    static Options parse(String[] args) {
      int missed = 1000;
      int rounds = 20;
      boolean peer = true;
      boolean quick = false;
      int positional = 0;
      for (String a : args) {
        switch (a) {
          case "--quick" -> quick = true;
          case "--no-peer" -> peer = false;
          default -> {
            if (positional++ == 0) {
              missed = Integer.parseInt(a);
            } else {
              rounds = Integer.parseInt(a);
            }
          }
        }
      }
      if (quick) {
        missed = 50;
        rounds = 2;
      }
      return new Options(missed, rounds, peer, Path.of(System.getProperty("plenum.server.jar", "server/target/plenum-server.jar")),
          Path.of(System.getProperty("plenum.peer.dir", "bench/peer")));
    }
  }

  /** One round: milliseconds from the resume to its ack, how many events the ack says were replayed, frames read. */
  public record Round(double millis, long replayed, long frames) {
  }

  public record Report(int missed, Round[] plenum, Round[] peer, String loadStart, String loadEnd) {
    static double median(Round[] rounds) {
      double[] v = Arrays.stream(rounds).mapToDouble(Round::millis).sorted().toArray();
      return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static double max(Round[] rounds) {
      return Arrays.stream(rounds).mapToDouble(Round::millis).max().orElse(Double.NaN);
    }
  }

  private ResumeBench() {}

  public static void main(String[] args) throws Exception {
    BallotBurstBench.watchdog(10);
    Report r = execute(Options.parse(args), System.out);
    boolean ok = Arrays.stream(r.plenum()).allMatch(x -> x.replayed() == r.missed());
    System.exit(ok ? 0 : 1);
  }

  public static Report execute(Options o, PrintStream out) throws Exception {
    String loadStart = BallotBurstBench.loadAverage();
    out.printf("bench: resume after %d missed events, %d rounds; machine: %s; load average %s%n", o.missed(), o.rounds(), BallotBurstBench.machine(),
        loadStart);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    Round[] plenum = new Round[o.rounds()];
    Round[] peer = new Round[0];
    try {
      WebSocketClient ws = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(1 << 20).setMaxMessageSize(64 << 20));
      try (BenchDatabase db = BenchDatabase.start(BenchDatabase.Commit.DURABLE);
           ServerProcess server = ServerProcess.start(o.serverJar(), Map.of("PLENUM_DB_URL", db.url("plenum"), "PLENUM_DB_USER", db.user(),
               // the chair turns the missed pages faster than a person would (not measured); the resume is what is measured
               "PLENUM_WS_RATE_PER_SECOND", "100000", "PLENUM_WS_RATE_BURST", "100000", "PLENUM_AUTH_TICKETS_PER_MINUTE", "100000"))) {
        int port = server.httpPort();
        Rest rest = new Rest(vertx, port, 4);
        String chairToken = rest.login("chair", ServerProcess.DEMO_PASSWORD).await();
        String delegateToken = rest.login("delegate1", ServerProcess.DEMO_PASSWORD).await();
        String meeting = rest.call(HttpMethod.GET, "/api/meetings", null, chairToken, 200).await().getJsonArray("meetings").stream()
            .map(JsonObject.class::cast).filter(m -> "Demo council".equals(m.getString("title"))).findFirst().orElseThrow().getString("id");
        MeetingSocket chair = MeetingSocket.open(ws, port, meeting, rest.ticket(meeting, chairToken).await(), false).await();
        long head = BenchMeeting.require(chair.command("session.resume", new JsonObject().putNull("lastSeq")).await(), "session.resume")
            .frame().getLong("seq");
        long page = 0;
        for (int r = 0; r < o.rounds(); r++) {
          // the tablet is live at head, then its socket is gone; the chair turns the pages it misses
          for (int k = 0; k < o.missed(); k++) {
            head = BenchMeeting.require(chair.command("presentation.show", new JsonObject().put("document", DOCUMENT).put("page", (page++ % 500) + 1))
                .timeout(30, java.util.concurrent.TimeUnit.SECONDS).await(), "presentation.show").frame().getLong("seq");
          }
          long last = head - o.missed();
          MeetingSocket tablet = MeetingSocket.open(ws, port, meeting, rest.ticket(meeting, delegateToken).await(), false).await();
          AtomicLong frames = new AtomicLong();
          tablet.onOtherFrames((text, now) -> frames.incrementAndGet());
          long t0 = System.nanoTime();
          MeetingSocket.Reply ack = BenchMeeting.require(tablet.command("session.resume", new JsonObject().put("lastSeq", last))
              .timeout(60, java.util.concurrent.TimeUnit.SECONDS).await(),
              "session.resume");
          double ms = (ack.receivedNanos() - t0) / 1e6;
          plenum[r] = new Round(ms, ack.frame().getLong("replayed", -1L), frames.get());
          tablet.close().await();
        }
        chair.close().await();
        rest.close().await();
      }
      if (o.peer()) {
        peer = peerRounds(vertx, ws, o);
      }
    } finally {
      vertx.close().await();
    }
    Report report = new Report(o.missed(), plenum, peer, loadStart, BallotBurstBench.loadAverage());
    print(report, out);
    Path dir = Path.of(System.getProperty("plenum.bench.out", ServerProcess.workDir().toString()));
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("resume.json"), json(report), StandardCharsets.UTF_8);
    java.util.List<BarPlot.Bar> bars = new java.util.ArrayList<>();
    bars.add(new BarPlot.Bar("Plenum", Report.median(plenum), false));
    if (peer.length > 0) {
      bars.add(new BarPlot.Bar("Node ws replay (peer)", Report.median(peer), true));
    }
    BarPlot.write("Resume after " + o.missed() + " missed events: resume → ack with every event replayed, same run",
        BallotBurstBench.machine() + ", load " + loadStart + " → " + report.loadEnd() + ", median of " + o.rounds() + " rounds",
        java.util.List.of(new BarPlot.Panel("Median ms (lower is better)", "%.1f", bars)), dir.resolve("resume.png"));
    out.printf("bench: wrote %s and %s%n", dir.resolve("resume.json"), dir.resolve("resume.png"));
    return report;
  }

  /** The same rounds against the Node peer: a writer sends MISSED frames shaped like Plenum's event, a reader resumes. */
  private static Round[] peerRounds(Vertx vertx, WebSocketClient ws, Options o) throws Exception {
    Round[] rounds = new Round[o.rounds()];
    try (AnnotationFanoutBench.Peer peer = AnnotationFanoutBench.Peer.start(o.peerDir(), "replay-server.js")) {
      WebSocket writer = connect(ws, peer.port).await();
      Replies writes = new Replies(writer);
      long head = 0;
      for (int r = 0; r < o.rounds(); r++) {
        for (int k = 0; k < o.missed(); k++) {
          head = writes.send(changedFrame(head)).timeout(30, java.util.concurrent.TimeUnit.SECONDS).await().getLong("seq");
        }
        WebSocket reader = connect(ws, peer.port).await();
        Replies reads = new Replies(reader);
        long t0 = System.nanoTime();
        JsonObject ack = reads.send("{\"since\":" + (head - o.missed()) + "}").timeout(60, java.util.concurrent.TimeUnit.SECONDS).await();
        rounds[r] = new Round((System.nanoTime() - t0) / 1e6, ack.getLong("replayed"), reads.others.get());
        reader.close().await();
      }
      writer.close().await();
    }
    return rounds;
  }

  /** What the peer keeps and replays: a frame shaped and sized like the {@code presentation.changed} Plenum sends. */
  static String changedFrame(long k) {
    return "{\"type\":\"presentation.changed\",\"seq\":" + (k + 1) + ",\"at\":\"2026-12-04T20:00:00.123456Z\",\"by\":\"9a6f3c1e-0000-4000-8000-"
        + "000000000000\",\"hash\":\"5be0d2c1a6f34e0b9d7c8a1f2e3d4c5b6a7980f1e2d3c4b5a69788f9e0d1c2b3\",\"data\":{\"presenterId\":null,\"document\":\""
        + DOCUMENT + "\",\"page\":" + (k % 500 + 1) + ",\"zoom\":1.0}}";
  }

  private static Future<WebSocket> connect(WebSocketClient ws, int port) {
    return ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/"));
  }

  /** One request at a time on a peer socket: the next {@code ack} answers it; other frames are counted. */
  private static final class Replies {
    final WebSocket ws;
    final AtomicLong others = new AtomicLong();
    volatile Promise<JsonObject> waiting;

    Replies(WebSocket ws) {
      this.ws = ws;
      ws.textMessageHandler(text -> {
        if (text.startsWith("{\"type\":\"ack\"")) {
          Promise<JsonObject> p = waiting;
          waiting = null;
          if (p != null) {
            p.tryComplete(new JsonObject(text));
          }
        } else {
          others.incrementAndGet();
        }
      });
    }

    Future<JsonObject> send(String text) {
      Promise<JsonObject> p = Promise.promise();
      waiting = p;
      ws.writeTextMessage(text);
      return p.future();
    }
  }

  private static void print(Report r, PrintStream out) {
    out.println();
    out.println("| Date | Machine | Load (start → end) | Missed events | Server | Rounds | resume → ack median ms | max ms | replayed (each round) |");
    out.println("|---|---|---|---|---|---|---|---|---|");
    row(out, r, "Plenum (durable ledger, R1)", r.plenum());
    if (r.peer().length > 0) {
      row(out, r, "Node ws replay from memory (peer)", r.peer());
    }
  }

  private static void row(PrintStream out, Report r, String server, Round[] rounds) {
    String replayed = Arrays.stream(rounds).mapToLong(Round::replayed).distinct().mapToObj(Long::toString).reduce((a, b) -> a + ", " + b).orElse("");
    out.printf("| %s | %s | %s → %s | %d | %s | %d | %.1f | %.1f | %s |%n", LocalDate.now(), BallotBurstBench.machine(), r.loadStart(), r.loadEnd(),
        r.missed(), server, rounds.length, Report.median(rounds), Report.max(rounds), replayed);
  }

  private static String json(Report r) {
    return "{\"date\":\"" + LocalDate.now() + "\",\"machine\":\"" + BallotBurstBench.machine() + "\",\"loadStart\":\"" + r.loadStart()
        + "\",\"loadEnd\":\"" + r.loadEnd() + "\",\"missed\":" + r.missed() + ",\"plenumMillis\":" + millis(r.plenum()) + ",\"peerMillis\":"
        + millis(r.peer()) + "}\n";
  }

  private static String millis(Round[] rounds) {
    return Arrays.toString(Arrays.stream(rounds).mapToDouble(x -> Math.round(x.millis() * 10) / 10.0).toArray());
  }
}
