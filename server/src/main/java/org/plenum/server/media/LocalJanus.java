package org.plenum.server.media;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import org.plenum.media.janus.JanusProcess;
import org.plenum.media.janus.JanusProcessConfig;
import org.plenum.server.config.PlenumConfig.MediaConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code media.janus_autostart}: one Janus started by the server with a project-owned config folder
 * ({@code <data>/janus}), control APIs on {@code media.janus_bind_ip}. Secrets left empty are random per start.
 */
final class LocalJanus {
  private static final Logger LOG = LoggerFactory.getLogger(LocalJanus.class);

  final JanusProcess process;
  final String apiSecret;
  final String adminSecret;

  private LocalJanus(JanusProcess process, String apiSecret, String adminSecret) {
    this.process = process;
    this.apiSecret = apiSecret;
    this.adminSecret = adminSecret;
  }

  /** Janus processes started ahead of the server's other parts (see {@link #prestart}), by data folder. */
  private static final java.util.Map<Path, java.util.concurrent.CompletableFuture<LocalJanus>> EARLY = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Starts the local Janus on a thread of its own, while the database starts and migrates (cold start, issue 17: the
   * process and its first answer took 0.7-1.2 s of the critical path). {@link #start} takes it over; a server whose
   * start fails before that stops it with {@link #abandon}. Does nothing unless this configuration starts a local Janus.
   */
  static void prestart(MediaConfig config, Path dataDir) {
    if (!config.bridges().isEmpty() || !config.janusAutostart() || !JanusProcess.installed()) {
      return;
    }
    var early = new java.util.concurrent.CompletableFuture<LocalJanus>();
    if (EARLY.putIfAbsent(key(dataDir), early) != null) {
      return;
    }
    Thread t = new Thread(() -> {
      try {
        early.complete(startNow(config, dataDir));
      } catch (Throwable e) {
        early.completeExceptionally(e);
      }
    }, "janus-start");
    t.setDaemon(true);
    t.start();
  }

  /** Stops a Janus started by {@link #prestart} that no server took over. */
  static void abandon(Path dataDir) {
    var early = EARLY.remove(key(dataDir));
    if (early != null) {
      early.thenAccept(LocalJanus::stop);
    }
  }

  /** Starts Janus on a worker thread (or takes over the one {@link #prestart} started); fails when it does not come up. */
  static Future<LocalJanus> start(Vertx vertx, MediaConfig config, Path dataDir) {
    var early = EARLY.remove(key(dataDir));
    if (early != null) {
      return Future.fromCompletionStage(early, vertx.getOrCreateContext());
    }
    return vertx.executeBlocking(() -> startNow(config, dataDir), false);
  }

  private static Path key(Path dataDir) {
    return dataDir.toAbsolutePath().normalize();
  }

  private static LocalJanus startNow(MediaConfig config, Path dataDir) throws java.io.IOException {
    String api = config.apiSecret().isEmpty() ? random() : config.apiSecret();
    String admin = config.adminSecret().isEmpty() ? random() : config.adminSecret();
    String[] range = config.rtpPortRange().split("-");
    JanusProcessConfig jc = JanusProcessConfig.loopback(dataDir.resolve("janus"), api, admin)
        .withBindIp(config.janusBindIp()).withRtpPortRange(Integer.parseInt(range[0]), Integer.parseInt(range[1]))
        .withServerName("plenum-local");
    if (!config.iceEnforceList().isEmpty()) {
      jc = jc.withIceEnforceList(config.iceEnforceList());
    }
    JanusProcess process = new JanusProcess(jc);
    Path pidFile = dataDir.resolve("janus").resolve("janus.pid");
    killLeftover(pidFile, dataDir.resolve("janus"));
    process.start(Duration.ofSeconds(15));
    java.nio.file.Files.writeString(pidFile, Long.toString(process.pid()));
    LOG.info("Started a local Janus (pid {}) at {}", process.pid(), process.wsUrl());
    return new LocalJanus(process, api, admin);
  }

  /**
   * A server killed with SIGKILL cannot stop its Janus: the next start finds the pid it wrote and, if that process
   * is still a Janus running on this data folder, kills it first.
   */
  private static void killLeftover(Path pidFile, Path folder) {
    try {
      if (!java.nio.file.Files.exists(pidFile)) {
        return;
      }
      long pid = Long.parseLong(java.nio.file.Files.readString(pidFile).trim());
      ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
          .filter(h -> h.info().commandLine().map(c -> c.contains("janus") && c.contains(folder.toAbsolutePath().toString())).orElse(false))
          .ifPresent(h -> {
            LOG.warn("Stopping a Janus (pid {}) left running by an earlier server on {}", pid, folder);
            h.destroyForcibly();
            h.onExit().orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).exceptionally(e -> h).join();
          });
      java.nio.file.Files.deleteIfExists(pidFile);
    } catch (java.io.IOException | NumberFormatException e) {
      LOG.warn("Cannot check for a leftover Janus ({}): {}", pidFile, e.toString());
    }
  }

  void stop() {
    process.stop();
  }

  private static String random() {
    byte[] b = new byte[24];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
