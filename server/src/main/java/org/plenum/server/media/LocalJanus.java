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

  /** Starts Janus on a worker thread; fails when it does not come up (the caller then runs without media). */
  static Future<LocalJanus> start(Vertx vertx, MediaConfig config, Path dataDir) {
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
    return vertx.executeBlocking(() -> {
      killLeftover(pidFile, dataDir.resolve("janus"));
      process.start(Duration.ofSeconds(15));
      java.nio.file.Files.writeString(pidFile, Long.toString(process.pid()));
      LOG.info("Started a local Janus (pid {}) at {}", process.pid(), process.wsUrl());
      return new LocalJanus(process, api, admin);
    }, false);
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
