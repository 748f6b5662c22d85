package org.plenum.server.core.ws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.plenum.server.app.PlenumApp;
import org.plenum.server.config.PlenumConfig;

/**
 * The real Plenum server set up for the Autobahn WebSocket conformance run: the conformance echo endpoint
 * {@code /ws/echo} switched on, frame and message limits raised to 16 MiB (Autobahn case 9.* sends messages that big;
 * 16 MiB is the largest {@code ws.max_message_bytes} allows), no demo data, and its own embedded PostgreSQL in
 * {@code target/autobahn-data} (emptied first). Everything else (HTTP server options, router) is what production runs.
 *
 * <p>{@code main} takes the port, for running a fuzzing client by hand against ws://127.0.0.1:PORT/ws/echo;
 * {@link AutobahnReportIT} uses {@link #start(int)} directly.
 */
public final class AutobahnServer {
  public static final int MAX_BYTES = 16 * 1024 * 1024;
  public static final Path DATA_DIR = Path.of("target", "autobahn-data");

  private AutobahnServer() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: AutobahnServer PORT");
      System.exit(2);
    }
    PlenumApp app = start(Integer.parseInt(args[0]));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        app.close();
      } catch (Exception e) {
        System.err.println("AutobahnServer: stop was not clean: " + e);
      }
    }, "autobahn-server-stop"));
    System.out.println("Autobahn echo endpoint: ws://127.0.0.1:" + app.port() + "/ws/echo");
  }

  /** Starts the server on {@code port} (0: any free port); close the returned app to stop it and its database. */
  public static PlenumApp start(int port) throws Exception {
    deleteRecursively(DATA_DIR);
    return PlenumApp.start(PlenumConfig.load(env(port)));
  }

  static Map<String, String> env(int port) {
    return Map.of(
        "PLENUM_HTTP_HOST", "127.0.0.1",
        "PLENUM_HTTP_PORT", Integer.toString(port),
        "PLENUM_WS_ECHO_ENABLED", "true",
        "PLENUM_DEMO_SEED", "never",
        "PLENUM_DATA_DIR", DATA_DIR.toAbsolutePath().toString(),
        "PLENUM_WS_MAX_FRAME_BYTES", Integer.toString(MAX_BYTES),
        "PLENUM_WS_MAX_MESSAGE_BYTES", Integer.toString(MAX_BYTES));
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot empty " + dir.toAbsolutePath(), e);
    }
  }
}
