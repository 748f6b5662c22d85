package org.plenum.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real launcher, end to end: {@code ./plenum up} as a developer runs it, with the built jar, an embedded
 * PostgreSQL in a data folder of its own, and plain HTTP from the outside.
 */
class LauncherIT {
  private static final Path LAUNCHER = Path.of("..", "plenum").toAbsolutePath().normalize();
  /** The first {@code up} after a build also makes the class-data archive by a training start (D43). */
  private static final Duration READY_WITHIN = Duration.ofSeconds(180);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Launched> launched = new ArrayList<>();

  @TempDir
  Path temp;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  @DisplayName("L1: ./plenum up serves the seeded demo, refuses a second server on the same data folder, "
      + "stops on SIGINT and restarts on the same data without seeding again")
  void up_runs_the_demo_once_per_data_folder() throws Exception {
    Path data = temp.resolve("data");

    Launched first = up("first", data, freePort());
    first.awaitReady();
    first.awaitOutput("Stop with Ctrl-C");
    assertThat(first.output())
        .contains("http://127.0.0.1:" + first.port + "/")
        .contains("Demo council")
        .contains("chair", "secretary", "delegate1", "delegate6", "room1", "room3", "plenum-demo");
    assertThat(demoCouncils(first)).isEqualTo(1);
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(first.uri("/")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).as("the web client is served at /").isEqualTo(200);
    assertThat(page.body()).containsIgnoringCase("<html");

    Launched second = up("second", data, freePort());
    assertThat(second.process.waitFor(60, TimeUnit.SECONDS)).as("second launcher exits").isTrue();
    assertThat(second.process.exitValue()).isNotZero();
    assertThat(second.output()).contains("Plenum is already running (pid " + first.process.pid() + ") with data folder");

    first.interrupt();
    assertThat(first.process.waitFor(60, TimeUnit.SECONDS)).as("server stops after SIGINT").isTrue();
    assertThat(first.output()).contains("Stopping Plenum");
    awaitTrue(() -> !Files.exists(data.resolve("postgres").resolve("postmaster.pid")), Duration.ofSeconds(10),
        "the embedded PostgreSQL has stopped with the server");

    Launched again = up("again", data, freePort());
    again.awaitReady();
    assertThat(demoCouncils(again)).as("the demo is not seeded a second time").isEqualTo(1);
    again.interrupt();
    assertThat(again.process.waitFor(60, TimeUnit.SECONDS)).as("restarted server stops after SIGINT").isTrue();
  }

  /** Signs in as the demo chair and counts the meetings titled "Demo council". */
  private long demoCouncils(Launched server) throws Exception {
    HttpResponse<String> login = http.send(HttpRequest.newBuilder(server.uri("/api/auth/login"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", "chair").put("password", "plenum-demo").encode()))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as("login: %s", login.body()).isEqualTo(200);
    String token = new JsonObject(login.body()).getString("accessToken");

    HttpResponse<String> meetings = http.send(HttpRequest.newBuilder(server.uri("/api/meetings"))
        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(meetings.statusCode()).as("meetings: %s", meetings.body()).isEqualTo(200);
    assertThat(meetings.body()).contains("Demo council");
    JsonArray list = new JsonObject(meetings.body()).getJsonArray("meetings");
    return list.stream().map(JsonObject.class::cast).filter(m -> "Demo council".equals(m.getString("title"))).count();
  }

  private Launched up(String name, Path data, int port) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(LAUNCHER.toString(), "up")
        .directory(LAUNCHER.getParent().toFile())
        .redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().keySet().removeIf(k -> k.startsWith("PLENUM_"));
    pb.environment().put("PLENUM_SKIP_BUILD", "1");
    pb.environment().put("PLENUM_DATA_DIR", data.toString());
    pb.environment().put("PLENUM_HTTP_PORT", String.valueOf(port));
    Launched l = new Launched(name, pb.start(), port, data);
    launched.add(l);
    return l;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  private static void awaitTrue(BooleanSupplier condition, Duration within, String what) throws InterruptedException {
    Instant deadline = Instant.now().plus(within);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("Not within " + within.toSeconds() + " s: " + what);
      }
      Thread.sleep(100);
    }
  }

  /** Stops whatever a test left running, the launcher's Java first, then any PostgreSQL it may have orphaned. */
  @AfterEach
  void stopEverything() throws Exception {
    for (Launched l : launched) {
      l.stop();
    }
    for (Launched l : launched) {
      stopOrphanedPostgres(l.data);
    }
  }

  private static void stopOrphanedPostgres(Path data) throws Exception {
    Path pidFile = data.resolve("postgres").resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").strip();
    if (!first.matches("\\d+")) {
      return;
    }
    var postmaster = ProcessHandle.of(Long.parseLong(first)).filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().orElse("").contains("postgres"));
    if (postmaster.isPresent()) {
      postmaster.get().destroy();
      try {
        postmaster.get().onExit().get(20, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        postmaster.get().destroyForcibly();
      }
    }
  }

  /** One {@code ./plenum up}: its process (the launcher execs Java, so this is the server) and its output. */
  private static final class Launched {
    final String name;
    final Process process;
    final int port;
    final Path data;
    private final StringBuffer output = new StringBuffer();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Thread reader;

    Launched(String name, Process process, int port, Path data) {
      this.name = name;
      this.process = process;
      this.port = port;
      this.data = data;
      reader = new Thread(this::pump, "launcher-" + name);
      reader.setDaemon(true);
      reader.start();
    }

    private void pump() {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          output.append(line).append('\n');
          System.out.println("[" + name + "] " + line);
        }
      } catch (IOException e) {
        output.append("(output closed: ").append(e).append(")\n");
      }
    }

    /** What the launcher printed so far; once it has exited, everything it printed (the reader drains the pipe first). */
    String output() {
      if (!process.isAlive()) {
        try {
          reader.join(10_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return output.toString();
    }

    URI uri(String path) {
      return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Waits until {@code /ready} answers 200; fails early when the launcher exits. */
    void awaitReady() throws Exception {
      Instant deadline = Instant.now().plus(READY_WITHIN);
      int last = -1;
      while (Instant.now().isBefore(deadline)) {
        if (!process.isAlive()) {
          throw new AssertionError("./plenum up (" + name + ") exited with " + process.exitValue() + " before it was ready:\n" + output());
        }
        try {
          last = client.send(HttpRequest.newBuilder(uri("/ready")).timeout(Duration.ofSeconds(5)).GET().build(),
              HttpResponse.BodyHandlers.discarding()).statusCode();
          if (last == 200) {
            return;
          }
        } catch (IOException e) {
          // not listening yet
        }
        Thread.sleep(250);
      }
      throw new AssertionError("/ready of " + name + " was not 200 within " + READY_WITHIN.toSeconds() + " s (last status "
          + last + "):\n" + output());
    }

    void awaitOutput(String text) throws InterruptedException {
      awaitTrue(() -> output().contains(text), Duration.ofSeconds(10), name + " prints '" + text + "'");
    }

    /**
     * SIGINT, as Ctrl-C in a terminal. A process started with SIGINT ignored (e.g. Maven run as a background job of
     * a non-interactive shell) passes that on, and the JVM then never sees SIGINT: use SIGTERM there, which reaches
     * the same shutdown hook.
     */
    void interrupt() throws Exception {
      String signal = ignoresSigint() ? "-TERM" : "-INT";
      Process kill = new ProcessBuilder("kill", signal, String.valueOf(process.pid())).inheritIO().start();
      assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(kill.exitValue()).isZero();
    }

    private boolean ignoresSigint() throws IOException {
      Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
      if (!Files.isReadable(status)) {
        return false;
      }
      return Files.readAllLines(status).stream().filter(l -> l.startsWith("SigIgn:")).findFirst()
          .map(l -> (Long.parseUnsignedLong(l.substring("SigIgn:".length()).strip(), 16) & 0x2L) != 0).orElse(false);
    }

    void stop() throws InterruptedException {
      if (!process.isAlive()) {
        return;
      }
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
