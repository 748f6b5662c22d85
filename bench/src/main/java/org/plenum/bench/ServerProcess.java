package org.plenum.bench;

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
 * The packaged server ({@code java -jar plenum-server.jar}) as its own OS process, with the JVM options of
 * {@code ./plenum up}, a fresh data folder, loopback only, the PostgreSQL given by the caller ({@code db.url}, as in
 * production) and the demo seeded (for the administrator and the chair). Its log goes to {@code server.log} in the
 * folder and is kept as {@code server-last.log} beside it. {@link #close} stops it with SIGTERM and deletes the folder.
 */
public final class ServerProcess implements AutoCloseable {
  /** The JVM options of {@code ./plenum up} (DEFAULT_JAVA_OPTS in the launcher). */
  static final List<String> JAVA_OPTS = List.of("-Xms64m", "-Xmx1g", "-XX:+ExitOnOutOfMemoryError", "-Dfile.encoding=UTF-8");
  public static final String DEMO_PASSWORD = "plenum-demo";

  private final Process process;
  private final Path dataDir;
  private final int httpPort;

  private ServerProcess(Process process, Path dataDir, int httpPort) {
    this.process = process;
    this.dataDir = dataDir;
    this.httpPort = httpPort;
  }

  /** Starts the jar with these configuration overrides (PLENUM_* variables) and waits until /ready answers 200. */
  public static ServerProcess start(Path jar, Map<String, String> overrides) throws IOException, InterruptedException {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " does not exist: build it with mvn -B -ntp -q -pl server -am -DskipTests package");
    }
    Path dataDir = Files.createTempDirectory(workDir(), "server-");
    int httpPort = freePort();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(JAVA_OPTS);
    String jfr = System.getProperty("plenum.bench.jfr", "");
    if (!jfr.isEmpty()) { // -Dplenum.bench.jfr=FILE: a JFR profile of the server for the whole run (settings=profile)
      cmd.add("-XX:StartFlightRecording=settings=profile,filename=" + Path.of(jfr).toAbsolutePath());
    }
    cmd.add("-jar");
    cmd.add(jar.toAbsolutePath().toString());
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dataDir.toFile()).redirectErrorStream(true)
        .redirectOutput(dataDir.resolve("server.log").toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("PLENUM_"));
    pb.environment().put("PLENUM_DATA_DIR", dataDir.resolve("data").toString());
    pb.environment().put("PLENUM_HTTP_HOST", "127.0.0.1");
    pb.environment().put("PLENUM_HTTP_PORT", Integer.toString(httpPort));
    pb.environment().put("PLENUM_DEMO_SEED", "always");
    pb.environment().put("PLENUM_DEMO_PASSWORD", DEMO_PASSWORD);
    pb.environment().putAll(overrides);
    ServerProcess server = new ServerProcess(pb.start(), dataDir, httpPort);
    try {
      server.awaitReady(Duration.ofSeconds(120));
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
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/ready"))
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

  public int httpPort() {
    return httpPort;
  }

  public long pid() {
    return process.pid();
  }

  public Path log() {
    return dataDir.resolve("server.log");
  }

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
    try {
      Files.copy(log(), dataDir.getParent().resolve("server-last.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      System.err.println("bench: could not keep the server log: " + e);
    }
    if (!Boolean.getBoolean("plenum.bench.keep")) {
      try (var walk = Files.walk(dataDir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        System.err.println("bench: could not delete " + dataDir + ": " + e);
      }
    }
  }

  /** Where benchmark folders go: -Dplenum.bench.dir (the launcher passes bench/target), else the temp folder. */
  static Path workDir() throws IOException {
    Path dir = Path.of(System.getProperty("plenum.bench.dir", System.getProperty("java.io.tmpdir"))).toAbsolutePath();
    Files.createDirectories(dir);
    return dir;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
