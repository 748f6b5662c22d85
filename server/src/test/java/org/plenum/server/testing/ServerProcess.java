package org.plenum.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged server as its own OS process, for tests that kill it: start, wait until ready, reconnect clients. */
public final class ServerProcess {
  private ServerProcess() {}

  public static Process launch(Path jar, Map<String, String> env, String logName) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx384m", "-jar", jar.toString())
        .directory(jar.getParent().getParent().toFile())
        .redirectErrorStream(true)
        .redirectOutput(jar.getParent().resolve(logName + ".log").toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("PLENUM_"));
    pb.environment().putAll(env);
    return pb.start();
  }

  public static void awaitReady(Api api, Process server) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < until) {
      assertThat(server.isAlive()).as("the server process is running (see its log under target/)").isTrue();
      try {
        if (api.get("/ready").status() == 200) {
          return;
        }
      } catch (RuntimeException notListening) {
        // not yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError("server not ready within 90 s");
  }

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Closes the client's socket (if still open) and opens a new one that resumes from its last seq; retries until it works. */
  public static void reconnect(LiveClient c, Duration within) {
    long until = System.nanoTime() + within.toNanos();
    while (true) {
      c.close();
      try {
        JsonObject ack = c.connect();
        assertThat(ack.getString("type")).as(ack.encode()).isEqualTo("ack");
        c.drainInbox(); // a stale "closed" of the dead socket must not look like the new one closing
        return;
      } catch (RuntimeException | AssertionError notYet) {
        if (System.nanoTime() > until) {
          throw new AssertionError("could not reconnect within " + within, notYet);
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
  }

}
