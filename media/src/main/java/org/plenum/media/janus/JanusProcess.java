package org.plenum.media.janus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Janus process with a config folder of its own, for the launcher, tests and benchmarks. Blocking: call it from
 * a worker thread ({@code executeBlocking}), never from an event loop.
 *
 * <p>Janus 1.1.2 details: started as {@code janus -F <dir> -C <dir>/janus.jcfg -N} ({@code -F} the folder of the
 * plugin/transport configs, {@code -C} the core config, {@code -N} no stdout logging; the log goes to
 * {@code log_to_file}). Plugins, transports, loggers and event handlers we do not use are listed in {@code disable} so
 * it starts in ~0.3 s without nanomsg/MQTT/RabbitMQ. Readiness: {@code GET /janus/info} answers (it needs no
 * {@code apisecret}). {@link #stop()} sends SIGTERM (Janus ends its sessions and exits), {@link #kill()} SIGKILL,
 * {@link #pause()}/{@link #resume()} SIGSTOP/SIGCONT (a hung bridge, for timeout tests).
 */
public final class JanusProcess implements AutoCloseable {

  private static final List<String> TEMPLATES = List.of("janus.jcfg", "janus.transport.http.jcfg",
      "janus.transport.websockets.jcfg", "janus.plugin.videoroom.jcfg");

  private JanusProcessConfig config;
  private Process process;

  public JanusProcess(JanusProcessConfig config) {
    this.config = config;
  }

  /** True when a {@code janus} executable is on the PATH. */
  public static boolean installed() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "janus"))) {
        return true;
      }
    }
    return false;
  }

  /** Writes the config folder and starts Janus; returns once {@code /janus/info} answers. */
  public synchronized JanusProcess start(Duration timeout) {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("Janus is already running (pid " + process.pid() + ")");
    }
    if (config.httpPort() == 0 || config.wsPort() == 0 || config.adminPort() == 0) {
      config = config.withPorts(orFree(config.httpPort()), orFree(config.wsPort()), orFree(config.adminPort()));
    }
    try {
      writeConfig();
      Path dir = config.folder().toAbsolutePath(); // janus runs in dir: a relative path would be resolved twice
      process = new ProcessBuilder("janus", "-F", dir.toString(), "-C", dir.resolve("janus.jcfg").toString(), "-N")
          .directory(dir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("janus.out").toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start janus (is Debian package 'janus' installed?)", e);
    }
    awaitInfo(timeout);
    return this;
  }

  /** SIGTERM, then SIGKILL if Janus has not exited after 5 s. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SIGKILL: the process dies at once, the kernel closes its sockets. */
  public synchronized void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SIGSTOP: sockets stay open, nothing answers. */
  public void pause() {
    signal("STOP");
  }

  /** SIGCONT after {@link #pause()}. */
  public void resume() {
    signal("CONT");
  }

  /** Stops (if running) and starts again on the same ports and folder. */
  public JanusProcess restart(Duration timeout) {
    stop();
    return start(timeout);
  }

  public synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  public synchronized long pid() {
    return process == null ? -1 : process.pid();
  }

  public JanusProcessConfig config() {
    return config;
  }

  public String wsUrl() {
    return "ws://" + config.bindIp() + ":" + config.wsPort() + "/";
  }

  public String httpUrl() {
    return "http://" + config.bindIp() + ":" + config.httpPort() + "/janus";
  }

  public String adminUrl() {
    return "http://" + config.bindIp() + ":" + config.adminPort() + "/admin";
  }

  public Path logFile() {
    return config.folder().resolve("janus.log");
  }

  @Override
  public void close() {
    stop();
  }

  private void signal(String sig) {
    long pid = pid();
    if (pid <= 0) {
      throw new IllegalStateException("Janus is not running");
    }
    try {
      new ProcessBuilder("kill", "-" + sig, Long.toString(pid)).inheritIO().start().waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void writeConfig() throws IOException {
    Files.createDirectories(config.folder());
    Map<String, String> values = Map.ofEntries(
        Map.entry("@CONFIG_DIR@", config.folder().toAbsolutePath().toString()),
        Map.entry("@LIB_DIR@", config.janusLibDir().toString()),
        Map.entry("@DEBUG_LEVEL@", Integer.toString(config.debugLevel())),
        Map.entry("@SERVER_NAME@", config.serverName()),
        Map.entry("@API_SECRET@", config.apiSecret()),
        Map.entry("@ADMIN_SECRET@", config.adminSecret()),
        Map.entry("@RTP_PORT_RANGE@", config.rtpPortRange()),
        Map.entry("@ICE_ENFORCE_LINE@",
            config.iceEnforceList().map(list -> "\tice_enforce_list = \"" + list + "\"").orElse("")),
        Map.entry("@BIND_IP@", config.bindIp()),
        Map.entry("@HTTP_PORT@", Integer.toString(config.httpPort())),
        Map.entry("@WS_PORT@", Integer.toString(config.wsPort())),
        Map.entry("@ADMIN_PORT@", Integer.toString(config.adminPort())));
    for (String name : TEMPLATES) {
      String text = template(name);
      for (Map.Entry<String, String> e : values.entrySet()) {
        text = text.replace(e.getKey(), e.getValue());
      }
      if (text.matches("(?s).*@[A-Z_]+@.*")) {
        throw new IllegalStateException("unreplaced placeholder in " + name);
      }
      Files.writeString(config.folder().resolve(name), text, StandardCharsets.UTF_8);
    }
  }

  private static String template(String name) throws IOException {
    try (InputStream in = JanusProcess.class.getResourceAsStream("/janus/" + name)) {
      if (in == null) {
        throw new IOException("missing template /janus/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private void awaitInfo(Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    HttpRequest info = HttpRequest.newBuilder(URI.create(httpUrl() + "/info")).timeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("janus exited with " + process.exitValue() + " during start-up; see "
            + config.folder().resolve("janus.out") + " and " + logFile());
      }
      try {
        HttpResponse<String> r = http.send(info, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().contains("server_info")) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for janus", e);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for janus", e);
      }
    }
    kill();
    throw new IllegalStateException("janus did not answer /janus/info within " + timeout + "; see " + logFile());
  }

  private int orFree(int port) {
    if (port != 0) {
      return port;
    }
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(config.bindIp()))) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + config.bindIp(), e);
    }
  }
}
