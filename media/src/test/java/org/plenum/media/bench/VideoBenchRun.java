package org.plenum.media.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.plenum.media.agent.PeerSession;
import org.plenum.media.agent.ReceivedTrack;
import org.plenum.media.agent.RoomAgent;
import org.plenum.media.agent.RoomAgentConfig;
import org.plenum.media.bench.RoomSignalling.RoomLink;
import org.plenum.media.janus.JanusClientOptions;
import org.plenum.media.janus.JanusProcess;
import org.plenum.media.janus.JanusProcessConfig;
import org.plenum.media.janus.RoomSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the video bench inside the network namespace: Janus, R rooms joining one meeting, P publishing and K
 * watching the speaker, floor switches, CPU windows; then the bare peer (1 publisher → K watchers in a room of its
 * own, same Janus). Blocking; {@link #close()} stops every agent and Janus on every path.
 */
final class VideoBenchRun implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(VideoBenchRun.class);
  private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration MEDIA_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration SWITCH_TIMEOUT = Duration.ofSeconds(10);
  private static final int FIRST_CODE = 16;

  /** Janus and bench JVM CPU over one window, with the streams Janus received and forwarded meanwhile. */
  record CpuPhase(String name, ProcCpu.Window cpu, int ingested, int forwarded, double receiverFps) {
    double janusPerForwarded() {
      return forwarded == 0 ? Double.NaN : cpu.janusPercent() / forwarded;
    }
  }

  record Result(int roomsAsked, int roomsJoined, Histogram joinMs, long allJoinedMs, int publishersAsked,
                int publishersWorking, int receiversAsked, int receiversWorking, int switchesAsked, int switchesDone,
                Histogram switchMs, Histogram grantAckMs, int switchMisses, List<CpuPhase> phases, double loadBefore,
                double loadAfter) {
  }

  /** Media of one meeting: the agents that publish and watch, and those that worked. */
  private record Media(List<RoomLink> publishers, List<Integer> codes, List<RoomAgent> receivers) {
  }

  private final VideoBenchConfig cfg;
  private final List<RoomAgent> agents = new CopyOnWriteArrayList<>();
  private final List<RoomSignalling> meetings = new CopyOnWriteArrayList<>();
  private volatile JanusProcess janus;
  private volatile PlenumServerProcess server;
  private Vertx vertx;

  VideoBenchRun(VideoBenchConfig cfg) {
    this.cfg = cfg;
  }

  Result run() throws Exception {
    double loadBefore = ProcCpu.loadAverage();
    String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
    JanusProcessConfig jc = JanusProcessConfig.loopback(cfg.workDir().resolve("janus"), "api-" + secret,
        "admin-" + secret).withIceEnforceList("va").withServerName("plenum-video-bench");
    janus = new JanusProcess(jc).start(Duration.ofSeconds(15));
    LOG.info("Janus {} started (pid {}), log {}", janus.wsUrl(), janus.pid(), janus.logFile());
    ProcCpu cpu = new ProcCpu(janus.pid());
    vertx = Vertx.vertx();
    JanusClientOptions options = JanusClientOptions.of(janus.wsUrl(), jc.apiSecret())
        .withRequestTimeout(Duration.ofSeconds(20));
    List<CpuPhase> phases = new ArrayList<>();

    // 1. R rooms join one meeting, all at once
    List<String> roomIds = new ArrayList<>();
    for (int i = 0; i < cfg.rooms(); i++) {
      roomIds.add(String.format("room-%03d", i));
    }
    RoomSignalling meeting;
    if (cfg.via() != VideoBenchConfig.Via.JANUS) {
      server = PlenumServerProcess.start(PlenumServerProcess.jar(), cfg.workDir().resolve("server"), java.util.Map.of(
          "PLENUM_MEDIA_BRIDGES", "j1=" + janus.wsUrl() + "|" + janus.adminUrl(),
          "PLENUM_MEDIA_API_SECRET", jc.apiSecret(),
          "PLENUM_MEDIA_ADMIN_SECRET", jc.adminSecret(),
          "PLENUM_MEDIA_REQUEST_TIMEOUT", "20s",
          "PLENUM_MEDIA_SAMPLE_INTERVAL", "1s"));
      LOG.info("Plenum server {} started (pid {}), log {}", server.url(), server.pid(), server.log());
      cpu.server(server.pid());
      meeting = await(PlenumSignalling.open(vertx, server.url(), PlenumServerProcess.DEMO_PASSWORD, roomIds,
              cfg.via() == VideoBenchConfig.Via.SERVER),
          Duration.ofSeconds(180));
      meetings.add(meeting);
      awaitMediaAvailable(meeting);
    } else {
      meeting = open(options, RoomSpec.of("meeting", "room-" + secret).withMaxPublishers(cfg.publishers() + 1));
    }
    Histogram joinMs = new Histogram(3_600_000L, 3);
    ProcCpu.Mark joinMark = cpu.mark();
    long joinStart = System.nanoTime();
    List<Future<RoomLink>> joins = new ArrayList<>();
    for (int i = 0; i < cfg.rooms(); i++) {
      long t0 = System.nanoTime();
      joins.add(meeting.join(roomIds.get(i))
          .onSuccess(l -> {
            synchronized (joinMs) {
              joinMs.recordValue(Math.max(0, (System.nanoTime() - t0) / 1_000_000));
            }
          }));
    }
    awaitQuietly(Future.join(joins), JOIN_TIMEOUT);
    long allJoinedMs = (System.nanoTime() - joinStart) / 1_000_000;
    List<RoomLink> joined = new ArrayList<>();
    joins.forEach(f -> {
      if (f.succeeded()) {
        joined.add(f.result());
      } else if (f.failed()) {
        LOG.warn("a room could not join: {}", f.cause().toString());
      }
    });
    LOG.info("{} of {} rooms joined in {} ms", joined.size(), cfg.rooms(), allJoinedMs);
    ProcCpu.Window joinCpu = cpu.since(joinMark);
    LOG.info("join: Janus {}% of a core, server {}%, JVM {}% over {} s", Math.round(joinCpu.janusPercent()),
        Math.round(joinCpu.serverPercent()), Math.round(joinCpu.jvmPercent()), Math.round(joinCpu.seconds()));
    phases.add(new CpuPhase(String.format(java.util.Locale.ROOT, "join: %d rooms at once (%.1f s window)",
        cfg.rooms(), joinCpu.seconds()), joinCpu, 0, 0, 0));
    phases.add(window("signalling only", cpu, 0, 0, List.of()));

    // 2. P publish, K watch the speaker
    int p = Math.min(cfg.publishers(), Math.max(0, joined.size() - cfg.receivers()));
    Media media = startMedia(meeting, "m", joined.subList(0, p), joined.subList(p, Math.min(joined.size(), p + cfg.receivers())));

    // 3. floor switches among the working publishers
    Histogram switchMs = new Histogram(60_000L, 3);
    Histogram grantAckMs = new Histogram(60_000L, 3);
    int switchesDone = 0;
    int misses = 0;
    int n = media.publishers().size();
    if (n >= 2 && !media.receivers().isEmpty()) {
      for (int s = 1; s <= cfg.switches(); s++) {
        int next = s % n;
        misses += floorSwitch(meeting, media.publishers().get(next), media.codes().get(next), media.receivers(),
            switchMs, grantAckMs);
        switchesDone++;
        Thread.sleep(1000);
      }
    } else {
      LOG.warn("floor switches skipped: {} publishers and {} receivers work", n, media.receivers().size());
    }

    if (meeting instanceof PlenumSignalling ps) {
      LOG.info("via server, time per step (join: from the kiosk exchange sent; floor: from speaker.grant sent):{}",
          ps.stepReport());
    }

    // 4. steady state: the speaker to K watchers, P-1 others publishing to nobody, all rooms joined
    Thread.sleep(2000);
    phases.add(window("meeting: " + joined.size() + " rooms, speaker → watchers", cpu, n, media.receivers().size(),
        media.receivers()));
    closeAgents();
    await(meeting.close(), Duration.ofSeconds(30));
    meetings.remove(meeting);

    // 5. the bare peer: same Janus, one publisher → K watchers, nothing else
    if (cfg.bare()) {
      RoomSignalling bare = open(options, RoomSpec.of("bare", "bare-" + secret).withMaxPublishers(2));
      List<RoomLink> bareRooms = new ArrayList<>();
      for (int i = 0; i <= cfg.receivers(); i++) {
        bareRooms.add(await(bare.join("bare-" + i), Duration.ofSeconds(30)));
      }
      Media bareMedia = startMedia(bare, "b", bareRooms.subList(0, 1), bareRooms.subList(1, bareRooms.size()));
      Thread.sleep(2000);
      phases.add(window("bare Janus: 1 publisher → watchers", cpu, bareMedia.publishers().size(),
          bareMedia.receivers().size(), bareMedia.receivers()));
      closeAgents();
      await(bare.close(), Duration.ofSeconds(30));
      meetings.remove(bare);
    }

    return new Result(cfg.rooms(), joined.size(), joinMs, allJoinedMs, p, n, cfg.receivers(),
        media.receivers().size(), cfg.switches(), switchesDone, switchMs, grantAckMs, misses, phases, loadBefore,
        ProcCpu.loadAverage());
  }

  /** Publishers publish, the floor goes to the first that works, receivers watch it until its frames arrive. */
  private Media startMedia(RoomSignalling meeting, String prefix, List<RoomLink> pubLinks, List<RoomLink> rxLinks)
      throws Exception {
    List<Future<Void>> publishing = new ArrayList<>();
    for (int i = 0; i < pubLinks.size(); i++) {
      RoomAgent agent = agent(new RoomAgentConfig(prefix + "-pub-" + i, FIRST_CODE + i, cfg.format(), List.of()));
      PeerSession pc = agent.newSession("camera");
      agent.publishOn(pc);
      publishing.add(pubLinks.get(i).publish(pc).compose(v -> pc.connected()));
    }
    awaitQuietly(Future.join(publishing), MEDIA_TIMEOUT);
    List<RoomLink> working = new ArrayList<>();
    List<Integer> codes = new ArrayList<>();
    for (int i = 0; i < pubLinks.size(); i++) {
      if (publishing.get(i).succeeded()) {
        working.add(pubLinks.get(i));
        codes.add(FIRST_CODE + i);
      } else {
        LOG.warn("publisher {} does not work: {}", pubLinks.get(i).roomId(), publishing.get(i).cause());
      }
    }
    LOG.info("{} of {} publishers connected", working.size(), pubLinks.size());
    if (working.isEmpty()) {
      return new Media(working, codes, List.of());
    }
    await(meeting.grantFloor(working.get(0)), MEDIA_TIMEOUT);

    List<RoomAgent> rx = new ArrayList<>();
    List<Future<Void>> watching = new ArrayList<>();
    for (int j = 0; j < rxLinks.size(); j++) {
      RoomAgent agent = agent(new RoomAgentConfig(prefix + "-rx-" + j, 1, cfg.format(), List.of()));
      PeerSession pc = agent.newSession("speaker");
      rx.add(agent);
      watching.add(rxLinks.get(j).watchSpeaker(agent, pc).compose(v -> pc.connected()));
    }
    awaitQuietly(Future.join(watching), MEDIA_TIMEOUT);
    int code = codes.get(0);
    long deadline = System.nanoTime() + MEDIA_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline && rx.stream().anyMatch(a -> framesWithCode(a, code) == 0)) {
      Thread.sleep(50);
    }
    List<RoomAgent> receiving = rx.stream().filter(a -> framesWithCode(a, code) > 0).toList();
    LOG.info("{} of {} receivers decode the speaker", receiving.size(), rx.size());
    return new Media(working, codes, receiving);
  }

  /**
   * Grants the floor to {@code speaker} and waits until every receiver decoded a frame carrying its code; records
   * grant → that frame per receiver. Returns how many receivers missed it.
   */
  private int floorSwitch(RoomSignalling meeting, RoomLink speaker, int code, List<RoomAgent> receivers,
                          Histogram switchMs, Histogram grantAckMs) throws InterruptedException {
    long[] before = receivers.stream().mapToLong(a -> framesWithCode(a, code)).toArray();
    try {
      await(meeting.prepareFloor(speaker), SWITCH_TIMEOUT);
    } catch (Exception e) {
      LOG.warn("preparing the floor for {} failed: {}", speaker.roomId(), e.toString());
    }
    boolean[] seen = new boolean[receivers.size()];
    long[] latency = new long[receivers.size()];
    int pending = receivers.size();
    long t0 = System.currentTimeMillis();
    long n0 = System.nanoTime();
    Future<Void> ack = meeting.grantFloor(speaker)
        .onSuccess(v -> grantAckMs.recordValue((System.nanoTime() - n0) / 1_000_000));
    long deadline = n0 + SWITCH_TIMEOUT.toNanos();
    while (pending > 0 && System.nanoTime() < deadline) {
      for (int j = 0; j < receivers.size(); j++) {
        if (!seen[j]) {
          List<ReceivedTrack> tracks = receivers.get(j).receivedTracks();
          long now = tracks.stream().mapToLong(t -> t.framesWithCode(code)).sum();
          if (now > before[j]) {
            long at = tracks.stream().flatMap(t -> t.lastFrame().stream()).mapToLong(i -> i.toEpochMilli()).max()
                .orElse(System.currentTimeMillis());
            latency[j] = Math.max(0, at - t0);
            switchMs.recordValue(latency[j]);
            seen[j] = true;
            pending--;
          }
        }
      }
      Thread.sleep(2);
    }
    awaitQuietly(ack, SWITCH_TIMEOUT);
    if (ack.failed()) {
      LOG.warn("floor grant to {} failed: {}", speaker.roomId(), ack.cause().toString());
    }
    LOG.info("floor → {}: first frame at the receivers after {} ms", speaker.roomId(), java.util.Arrays.toString(latency));
    if (pending > 0) {
      LOG.warn("{} receivers saw no frame of {} within {} s", pending, speaker.roomId(), SWITCH_TIMEOUT.toSeconds());
    }
    return pending;
  }

  private CpuPhase window(String name, ProcCpu cpu, int ingested, int forwarded, List<RoomAgent> receivers)
      throws InterruptedException {
    long frames0 = receivers.stream().mapToLong(VideoBenchRun::frames).sum();
    ProcCpu.Mark m = cpu.mark();
    Thread.sleep(cfg.window().toMillis());
    ProcCpu.Window w = cpu.since(m);
    long frames = receivers.stream().mapToLong(VideoBenchRun::frames).sum() - frames0;
    double fps = receivers.isEmpty() ? 0 : frames / w.seconds() / receivers.size();
    LOG.info("{}: Janus {}% of a core, server {}%, JVM {}%, {} fps per receiver", name, Math.round(w.janusPercent()),
        Math.round(w.serverPercent()), Math.round(w.jvmPercent()), Math.round(fps));
    return new CpuPhase(name, w, ingested, forwarded, fps);
  }

  private RoomSignalling open(JanusClientOptions options, RoomSpec spec) throws Exception {
    RoomSignalling s = await(JanusDirectSignalling.open(vertx, options, spec), Duration.ofSeconds(20));
    meetings.add(s);
    return s;
  }

  private RoomAgent agent(RoomAgentConfig config) {
    RoomAgent a = new RoomAgent(vertx, config);
    agents.add(a);
    return a;
  }

  private static long framesWithCode(RoomAgent a, int code) {
    return a.receivedTracks().stream().mapToLong(t -> t.framesWithCode(code)).sum();
  }

  private static long frames(RoomAgent a) {
    return a.receivedTracks().stream().mapToLong(ReceivedTrack::frames).sum();
  }

  private void closeAgents() {
    for (RoomAgent a : agents) {
      try {
        a.close();
      } catch (RuntimeException | Error e) {
        LOG.debug("closing agent {} failed", a.config().name(), e);
      }
    }
    agents.clear();
  }

  /** Stops agents, leaves the meetings, stops Janus (SIGTERM, then SIGKILL) and Vert.x. Safe to call twice. */
  @Override
  public void close() {
    closeAgents();
    for (RoomSignalling m : meetings) {
      awaitQuietly(m.close(), Duration.ofSeconds(10));
    }
    meetings.clear();
    if (vertx != null) {
      awaitQuietly(vertx.close(), Duration.ofSeconds(10));
    }
    PlenumServerProcess s = server;
    server = null;
    if (s != null) {
      s.close();
    }
    stopJanus();
  }

  /** The server samples its bridge's health every second: wait until a probe room sees video available. */
  private void awaitMediaAvailable(RoomSignalling meeting) throws InterruptedException {
    // PlenumSignalling.join checks media.state itself; the first sample may not have run yet when the server is ready
    Thread.sleep(2500);
  }

  /** Janus and the server (for the shutdown hook and the watchdog). */
  void stopJanus() {
    PlenumServerProcess s = server;
    if (s != null) {
      s.close();
    }
    JanusProcess j = janus;
    if (j != null) {
      j.stop();
    }
  }

  private static <T> T await(Future<T> f, Duration timeout) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static void awaitQuietly(Future<?> f, Duration timeout) {
    try {
      f.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception ignored) {
      // the caller looks at each future's outcome
    }
  }
}
