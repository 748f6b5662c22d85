package org.plenum.server.core.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plenum.server.app.PlenumApp;
import org.slf4j.LoggerFactory;

/**
 * WebSocket conformance: the Autobahn|Testsuite fuzzing client (0.5.6, run in Jython, both taken from Maven Central
 * in {@code me.normanmaurer.maven.autobahntestsuite:autobahntestsuite-maven-plugin:0.1.5} and
 * {@code org.python:jython-standalone}) against {@code ws://127.0.0.1:PORT/ws/echo} of the real server
 * ({@link AutobahnServer}), then every case of the report ({@code target/autobahn-reports/index.json}) is checked.
 *
 * <p>Why not the plugin's {@code fuzzingclient} goal: it always targets {@code ws://<InetAddress.getLocalHost()>:PORT}
 * with the path {@code /} (our echo endpoint is {@code /ws/echo}, and the local host name need not be loopback), it
 * runs the server inside the Maven JVM and never stops it, it writes to {@code target/autobahntestsuite-reports}
 * relative to wherever Maven was started, it lets NON-STRICT pass (unless {@code failOnNonStrict}), fails
 * UNIMPLEMENTED, and ignores the close behaviour. So this test drives the same client itself ({@code wstest.start(opts, spec)}, as the plugin does) with
 * the spec below. The {@code autobahn} execution of maven-failsafe-plugin in {@code server/pom.xml} puts the two jars
 * on the class path and runs only this class; {@code -Dautobahn.skip=true} skips it.
 *
 * <p>Strict: a case passes only with behaviour OK, INFORMATIONAL or UNIMPLEMENTED and close behaviour OK or
 * INFORMATIONAL; NON-STRICT, FAILED, WRONG CODE, UNCLEAN... fail the build, and no case is tolerated. {@code failByDrop}
 * is on (Autobahn's own default): a server that drops the TCP connection instead of closing the WebSocket fails the
 * case. What it takes on top of Vert.x 5.0.7's defaults (no WebSocket compression, {@link TextMessages},
 * {@link WebSocketGuard}) is in docs/decisions.md, D9.
 */
class AutobahnReportIT {
  private static final Path REPORTS = Path.of("target", "autobahn-reports").toAbsolutePath();
  private static final String AGENT = "Plenum";

  /**
   * Every case the bundled Autobahn 0.5.6 has: 1.* to 7.*, 9.* and 10.* (301 cases). It has no compression cases:
   * 12.* and 13.* (permessage-deflate) do not exist in this version, so compression is not covered here.
   */
  private static final List<String> CASES = List.of("*");
  private static final int ALL_CASES = 301;

  /**
   * 9.5.1-9.5.3 and 9.6.1-9.6.3: one 1 MiB message written in 64, 128 and 256 byte TCP chops. They take about 75 s of
   * the run, all of it in the Jython client writing small chops; the server code path is the same as for the larger
   * chops of 9.5.4-9.5.6 / 9.6.4-9.6.6 and the octet-wise chopped cases of 1.* to 7.*, which stay in.
   * Everything else of 9.* (messages up to 16 MiB, the limits of AutobahnServer) runs; the whole test takes ~3 min.
   */
  private static final List<String> EXCLUDED = List.of("9.5.1", "9.5.2", "9.5.3", "9.6.1", "9.6.2", "9.6.3");

  private static final Set<String> ACCEPTED = Set.of("OK", "INFORMATIONAL", "UNIMPLEMENTED");
  private static final Set<String> ACCEPTED_CLOSE = Set.of("OK", "INFORMATIONAL");

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  @DisplayName("W-CONF: the Autobahn fuzzing client finds every case on /ws/echo of the real server strictly OK "
      + "(OK, INFORMATIONAL or UNIMPLEMENTED; close OK or INFORMATIONAL), with no case tolerated")
  void autobahn_fuzzing_client_passes_every_case() throws Exception {
    assumeTrue(System.getProperty("autobahn.client") != null,
        "AutobahnReportIT runs in the 'autobahn' execution of maven-failsafe-plugin, which puts the client on the class path");
    quietAccessLog();
    deleteRecursively(REPORTS);
    Files.createDirectories(REPORTS);

    long started = System.nanoTime();
    try (PlenumApp app = AutobahnServer.start(0)) {
      runFuzzingClient("ws://127.0.0.1:" + app.port() + "/ws/echo");
    }
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

    Path index = REPORTS.resolve("index.json");
    assertThat(index).as("Autobahn report (client log: %s)", REPORTS.resolve("wstest.log")).exists();
    JsonObject cases = new JsonObject(Files.readString(index)).getJsonObject(AGENT);
    assertThat(cases).as("cases of agent %s in %s", AGENT, index).isNotNull();

    Map<String, List<String>> byBehavior = new TreeMap<>();
    Map<String, List<String>> byClose = new TreeMap<>();
    List<String> failing = new ArrayList<>();
    for (String id : cases.fieldNames().stream().sorted(AutobahnReportIT::compareCaseIds).toList()) {
      JsonObject c = cases.getJsonObject(id);
      String behavior = c.getString("behavior");
      String close = c.getString("behaviorClose");
      byBehavior.computeIfAbsent(behavior, k -> new ArrayList<>()).add(id);
      byClose.computeIfAbsent(close, k -> new ArrayList<>()).add(id);
      if (!ACCEPTED.contains(behavior) || !ACCEPTED_CLOSE.contains(close)) {
        failing.add(id + ": behavior " + behavior + ", close " + close + ", remote close code " + c.getValue("remoteCloseCode")
            + " (" + REPORTS.resolve(c.getString("reportfile")) + ")");
      }
    }

    StringBuilder summary = new StringBuilder("Autobahn fuzzing client: ").append(cases.size()).append(" cases in ")
        .append(seconds).append(" s (server start included); excluded: ").append(EXCLUDED.isEmpty() ? "none" : EXCLUDED)
        .append('\n');
    byBehavior.forEach((b, ids) -> summary.append("  behavior ").append(b).append(": ").append(ids.size())
        .append(b.equals("OK") ? "" : " " + ids).append('\n'));
    byClose.forEach((b, ids) -> summary.append("  close ").append(b).append(": ").append(ids.size())
        .append(b.equals("OK") ? "" : " " + ids).append('\n'));
    summary.append("  failing: ").append(failing.size()).append('\n');
    failing.forEach(f -> summary.append("    ").append(f).append('\n'));
    Files.writeString(REPORTS.resolve("summary.txt"), summary);
    System.out.print(summary);

    assertThat(cases.size()).as("number of cases run (fewer means the client stopped early)").isEqualTo(ALL_CASES - EXCLUDED.size());
    assertThat(failing).as("cases that are not strictly OK; HTML report: %s", REPORTS.resolve("index.html")).isEmpty();
  }

  /** The fuzzing client, as the plugin runs it: Jython's PythonInterpreter, {@code wstest.start(opts, spec)}. */
  private static void runFuzzingClient(String url) throws Exception {
    JsonObject spec = new JsonObject()
        .put("outdir", REPORTS.toString())
        .put("failByDrop", true)
        .put("servers", List.of(Map.of("agent", AGENT, "url", url, "options", Map.of("version", 18))))
        .put("cases", CASES)
        .put("exclude-cases", EXCLUDED)
        .put("exclude-agent-cases", Map.of());
    System.setProperty("python.cachedir.skip", "true");
    System.setProperty("python.console.encoding", "UTF-8");
    // Jython is on the class path of the 'autobahn' failsafe execution only, so it is reached reflectively.
    Class<?> interpreter = Class.forName("org.python.util.PythonInterpreter");
    Object py = interpreter.getConstructor().newInstance();
    try (OutputStream log = Files.newOutputStream(REPORTS.resolve("wstest.log"))) {
      interpreter.getMethod("setOut", OutputStream.class).invoke(py, log);
      interpreter.getMethod("setErr", OutputStream.class).invoke(py, log);
      interpreter.getMethod("set", String.class, Object.class).invoke(py, "spec_json", spec.encode());
      interpreter.getMethod("exec", String.class).invoke(py, String.join("\n",
          // Bind the name io to Python's io module first: in this JVM Jython has been seen to resolve it to the Java
          // package io (io.vertx, io.netty...), and Twisted's "from io import BytesIO" then fails.
          "import io",
          "import json",
          "from autobahntestsuite import wstest",
          "wstest.start({'mode': 'fuzzingclient'}, json.loads(spec_json))"));
    } catch (InvocationTargetException e) {
      throw new AssertionError("The Autobahn fuzzing client failed (log: " + REPORTS.resolve("wstest.log") + "): " + e.getCause(), e.getCause());
    } finally {
      interpreter.getMethod("close").invoke(py);
    }
  }

  /** One access-log line per case would drown the build output. */
  private static void quietAccessLog() {
    if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext ctx) {
      ctx.getLogger("org.plenum.server.http.access").setLevel(ch.qos.logback.classic.Level.WARN);
    }
  }

  /** "9.10.2" after "9.2.1": numeric order of the dotted parts. */
  private static int compareCaseIds(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int d = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
      if (d != 0) {
        return d;
      }
    }
    return Integer.compare(x.length, y.length);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
