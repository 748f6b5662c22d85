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
  private final Path pgData;
  private final long postmasterPid;

  private EmbeddedDatabase(EmbeddedPostgres postgres, Path pgData, long postmasterPid) {
    this.postgres = postgres;
    this.pgData = pgData;
    this.postmasterPid = postmasterPid;
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
    return start(root, port, durable, EmbeddedCache.in(""));
  }

  /**
   * As above, starting a new data folder from {@code cache} (binaries and a pristine cluster kept once per machine,
   * D43) when it holds them, and filling it when it does not.
   */
  public static EmbeddedDatabase start(Path root, int port, boolean durable, EmbeddedCache cache) throws IOException {
    Path pgData = root.resolve("postgres");
    Path work = root.resolve("postgres-bin");
    Files.createDirectories(root);
    Files.createDirectories(work);
    boolean existing = Files.exists(pgData.resolve("PG_VERSION"));
    stopOrphan(pgData);
    String name = existing && hasBinaries(work) ? null : EmbeddedCache.binariesName().orElse(null);
    boolean initdb = false;
    if (name != null) {
      cache.seedBinaries(name, work);
      initdb = !existing && !cache.seedCluster(name, pgData);
    }
    if (initdb && !cache.hasCluster(name)) {
      // The first cluster made with these binaries on this machine: initdb runs (inside the library's start); the
      // cluster, stopped cleanly before anything is written to it, is kept for the next new data folder.
      builder(pgData, work, port, durable).start().close();
      cache.publishCluster(name, pgData);
    }
    if (name != null) {
      cache.publishBinaries(name, work);
    }
    EmbeddedPostgres pg = builder(pgData, work, port, durable).start();
    var db = new EmbeddedDatabase(pg, pgData, postmasterPid(pgData));
    db.ensureDatabase(DATABASE);
    LOG.info("Embedded PostgreSQL {} on 127.0.0.1:{} (data {})", existing ? "restarted" : "initialised", pg.getPort(), pgData);
    return db;
  }

  private static boolean hasBinaries(Path work) throws IOException {
    try (var s = Files.list(work)) {
      return s.anyMatch(p -> p.getFileName().toString().startsWith("PG-") && Files.exists(p.resolve(".exists")));
    }
  }

  private static EmbeddedPostgres.Builder builder(Path pgData, Path work, int port, boolean durable) {
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
    return builder;
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

  /** The postmaster's process id, from {@code postmaster.pid} as it started (-1 when unreadable). */
  public long postmasterPid() {
    return postmasterPid;
  }

  private static long postmasterPid(Path pgData) {
    try {
      return Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).get(0).strip());
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * Whether the postmaster this object started is still running (ST2). A process that died but was not reaped yet
   * (state Z in {@code /proc}) counts as gone.
   */
  public boolean running() {
    if (postmasterPid <= 0) {
      return true; // nothing to watch; the pool's errors still tell
    }
    if (!ProcessHandle.of(postmasterPid).map(ProcessHandle::isAlive).orElse(false)) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(postmasterPid), "stat"));
      int end = stat.lastIndexOf(')');
      return end < 0 || end + 2 >= stat.length() || stat.charAt(end + 2) != 'Z';
    } catch (IOException | RuntimeException e) {
      return ProcessHandle.of(postmasterPid).map(ProcessHandle::isAlive).orElse(false);
    }
  }

  /**
   * ST2: after the postmaster died under a running server, waits up to {@code within} for the rest of its cluster
   * (backends and background processes still attached to its shared memory; they exit by themselves when they notice
   * the postmaster is gone) and kills those still there, so that a new postmaster may start on the folder. The
   * cluster's processes are the ones running the PostgreSQL binary extracted under {@code root/postgres-bin}; the
   * caller holds the data folder's lock, so no other server uses that binary.
   */
  public static void awaitClusterGone(Path root, java.time.Duration within) throws IOException {
    Path bin = root.resolve("postgres-bin").toAbsolutePath().normalize();
    Path realBin = Files.exists(bin) ? bin.toRealPath() : bin;
    java.util.function.Supplier<java.util.List<ProcessHandle>> left = () -> ProcessHandle.allProcesses()
        .filter(h -> h.info().command().map(c -> c.startsWith(bin + "/") || c.startsWith(realBin + "/")).orElse(false))
        .filter(ProcessHandle::isAlive)
        .toList();
    long until = System.nanoTime() + within.toNanos();
    try {
      while (!left.get().isEmpty() && System.nanoTime() < until) {
        Thread.sleep(50);
      }
      var stragglers = left.get();
      if (!stragglers.isEmpty()) {
        LOG.warn("{} process(es) of the dead embedded PostgreSQL still run after {} s; killing them", stragglers.size(), within.toSeconds());
        stragglers.forEach(ProcessHandle::destroyForcibly);
        long killUntil = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (!left.get().isEmpty() && System.nanoTime() < killUntil) {
          Thread.sleep(50);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while waiting for the dead embedded PostgreSQL's processes", e);
    }
  }

  /**
   * ST2: lets go of a database whose postmaster died: marks the library's handle closed (so that it never stops the
   * next postmaster on this folder, at shutdown either) and drops its in-process lock file, which a start that failed
   * half-way may still hold. Its stop command fails on the dead postmaster; that expected failure is not logged.
   */
  public void releaseAfterDeath() {
    if (running()) {
      throw new IllegalStateException("The embedded PostgreSQL (pid " + postmasterPid + ") is running");
    }
    quietly(() -> {
      try {
        postgres.close();
      } catch (IOException e) {
        LOG.debug("Releasing the dead embedded PostgreSQL: {}", e.toString());
      }
    });
    releaseLockFile(pgData);
  }

  /** Drops zonky's in-process lock file ({@code epg-lock}); a later start creates and locks a fresh one. */
  static void releaseLockFile(Path pgData) {
    try {
      Files.deleteIfExists(pgData.resolve("epg-lock"));
    } catch (IOException e) {
      LOG.debug("Could not delete {}: {}", pgData.resolve("epg-lock"), e.toString());
    }
  }

  /** Runs {@code r} with the embedded-PostgreSQL library's logger silenced (it logs a failed stop as an ERROR). */
  private static void quietly(Runnable r) {
    if (LoggerFactory.getLogger("io.zonky") instanceof ch.qos.logback.classic.Logger zonky) {
      ch.qos.logback.classic.Level before = zonky.getLevel();
      zonky.setLevel(ch.qos.logback.classic.Level.OFF);
      try {
        r.run();
      } finally {
        zonky.setLevel(before);
      }
    } else {
      r.run();
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

  /** Stops PostgreSQL; when its postmaster is already dead there is nothing to stop, and the handle is only released. */
  @Override
  public void close() {
    if (!running()) {
      releaseAfterDeath();
      return;
    }
    try {
      postgres.close();
    } catch (IOException e) {
      LOG.warn("Embedded PostgreSQL did not stop cleanly: {}", e.toString());
    }
  }
}
