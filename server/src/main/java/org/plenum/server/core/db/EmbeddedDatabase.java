package org.plenum.server.core.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL 17 started from the zonky binaries, with its data kept under the project's data folder so that it
 * survives restarts. Used by {@code ./plenum up} and by tests; production points {@code db.url} at a real server.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  public static final String DATABASE = "plenum";

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /** Starts (or restarts on existing data) the embedded server in {@code root/postgres}, durable. Blocking. */
  public static EmbeddedDatabase start(Path root, int port) throws IOException {
    return start(root, port, true);
  }

  /**
   * As above. {@code durable}: fsync, synchronous commits and full page writes on, so a commit (and so every ack) survives
   * a crash of the machine too; the library's default (all off) is kept only for throw-away test databases.
   */
  public static EmbeddedDatabase start(Path root, int port, boolean durable) throws IOException {
    Path pgData = root.resolve("postgres");
    Path work = root.resolve("postgres-bin");
    Files.createDirectories(root);
    Files.createDirectories(work);
    boolean existing = Files.exists(pgData.resolve("PG_VERSION"));
    stopOrphan(pgData);
    var builder = EmbeddedPostgres.builder()
        .setDataDirectory(pgData)
        .setCleanDataDirectory(false)
        .setOverrideWorkingDirectory(work.toFile())
        .setServerConfig("max_connections", "200")
        .setServerConfig("listen_addresses", "127.0.0.1")
        .setPGStartupWait(java.time.Duration.ofSeconds(60));
    if (durable) {
      builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on").setServerConfig("full_page_writes", "on");
    }
    if (port > 0) {
      builder.setPort(port);
    }
    EmbeddedPostgres pg = builder.start();
    var db = new EmbeddedDatabase(pg);
    db.ensureDatabase(DATABASE);
    LOG.info("Embedded PostgreSQL {} on 127.0.0.1:{} (data {})", existing ? "restarted" : "initialised", pg.getPort(), pgData);
    return db;
  }

  /**
   * ST1: a PostgreSQL still running on this data folder was left behind by a server that died without stopping it
   * (kill -9): the caller holds the data folder's lock ({@code DataDirLock}), so no live Plenum owns it. It is asked
   * to stop (fast shutdown), and killed if it does not within 30 s, so this start does not wait for the folder's lock
   * and give up. A stale {@code postmaster.pid} of a dead process is left to PostgreSQL, which ignores it.
   */
  static void stopOrphan(Path pgData) throws IOException {
    Path pidFile = pgData.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    long pid;
    try {
      pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
    } catch (RuntimeException e) {
      return;
    }
    var handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
        .filter(h -> h.info().command().map(c -> c.endsWith("/postgres") || c.endsWith("/postmaster")).orElse(false));
    if (handle.isEmpty()) {
      return;
    }
    LOG.warn("Stopping the embedded PostgreSQL (pid {}) left running on {} by a server that did not shut down", pid, pgData);
    try {
      new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor();
      long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
      while (handle.get().isAlive() && System.nanoTime() < until) {
        Thread.sleep(100);
      }
      if (handle.get().isAlive()) {
        LOG.warn("The orphaned PostgreSQL (pid {}) did not stop in 30 s; killing it", pid);
        handle.get().destroyForcibly();
        handle.get().onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while stopping the orphaned PostgreSQL " + pid, e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IOException("The orphaned PostgreSQL " + pid + " on " + pgData + " did not stop", e);
    }
  }

  public int port() {
    return postgres.getPort();
  }

  /** URL of a database on this server, in the form {@code db.url} takes. */
  public String url(String database) {
    return "postgresql://127.0.0.1:" + port() + "/" + database;
  }

  public String user() {
    return "postgres";
  }

  public void ensureDatabase(String name) {
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("select 1 from pg_database where datname = '" + name.replace("'", "''") + "'")) {
        if (rs.next()) {
          return;
        }
      }
      st.execute("create database \"" + name.replace("\"", "") + "\"");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("Cannot create database " + name + " in embedded PostgreSQL", e);
    }
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      LOG.warn("Embedded PostgreSQL did not stop cleanly: {}", e.toString());
    }
  }
}
