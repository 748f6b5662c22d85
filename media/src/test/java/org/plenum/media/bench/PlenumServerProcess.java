package org.plenum.media.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged Plenum server ({@code java -jar server/target/plenum-server.jar}) as a child process of the video
 * bench, so it runs in the bench's network namespace: a fresh data folder (embedded PostgreSQL), loopback HTTP on a
 * free port, the demo seeded (administrator, chair, the demo meeting) and the PLENUM_MEDIA_* overrides of the caller
 * (the bench's Janus). The media test classes cannot depend on the server module, hence a process (as
 * {@code org.plenum.bench.ServerProcess} of the ballot bench). Log: {@code server.log} in the folder.
 * {@code -Dplenum.bench.jfr=FILE} records a JFR profile of the server (settings=profile) for the whole run.
 */
final class PlenumServerProcess implements AutoCloseable {
  static final String DEMO_PASSWORD = "plenum-demo";

  private final Process process;
  private final Path dir;
  private final int port;

  private PlenumServerProcess(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  /** The jar: -Dplenum.server.jar, else server/target/plenum-server.jar from the repository root or from media/. */
  static Path jar() {
    String p = System.getProperty("plenum.server.jar");
    if (p != null) {
      return Path.of(p).toAbsolutePath();
    }
    for (String c : List.of("server/target/plenum-server.jar", "../server/target/plenum-server.jar")) {
      if (Files.isRegularFile(Path.of(c))) {
        return Path.of(c).toAbsolutePath();
      }
    }
    return Path.of("server/target/plenum-server.jar").toAbsolutePath();
  }

  static PlenumServerProcess start(Path jar, Path dir, Map<String, String> overrides) throws IOException, InterruptedException {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " does not exist: build it with mvn -B -q -pl server -am -DskipTests package");
    }
    Files.createDirectories(dir);
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xms64m", "-Xmx1g", "-XX:+ExitOnOutOfMemoryError", "-Dfile.encoding=UTF-8"));
    String jfr = System.getProperty("plenum.bench.jfr", "");
    if (!jfr.isEmpty()) { // -Dplenum.bench.jfr=FILE: a JFR profile of the server for the whole run (settings=profile)
      cmd.add("-XX:StartFlightRecording=settings=profile,filename=" + Path.of(jfr).toAbsolutePath());
    }
    cmd.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("server.log").toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("PLENUM_")); // PLENUM_NETNS* are no configuration keys
    pb.environment().put("PLENUM_DATA_DIR", dir.resolve("data").toString());
    pb.environment().put("PLENUM_HTTP_HOST", "127.0.0.1");
    pb.environment().put("PLENUM_HTTP_PORT", Integer.toString(port));
    pb.environment().put("PLENUM_DEMO_SEED", "always");
    pb.environment().put("PLENUM_DEMO_PASSWORD", DEMO_PASSWORD);
    pb.environment().put("PLENUM_MEDIA_JANUS_AUTOSTART", "false");
    pb.environment().putAll(overrides);
    PlenumServerProcess server = new PlenumServerProcess(pb.start(), dir, port);
    try {
      server.awaitReady(Duration.ofSeconds(180));
    } catch (RuntimeException | InterruptedException e) {
      server.close();
      throw e;
    }
    return server;
  }

  private void awaitReady(Duration within) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long until = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < until) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the server exited with status " + process.exitValue() + "; see " + log());
      }
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url() + "/ready"))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the server was not ready within " + within.toSeconds() + " s; see " + log());
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  long pid() {
    return process.pid();
  }

  Path log() {
    return dir.resolve("server.log");
  }

  /** SIGTERM, then SIGKILL after 30 s. Safe to call twice. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
