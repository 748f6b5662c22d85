package org.plenum.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

/**
 * The PostgreSQL 17 of a benchmark (the zonky binaries the server embeds), started by the bench so that it can set
 * how commits are made durable before the server connects. The server's own embedded mode uses zonky's defaults:
 * {@code synchronous_commit=off} (a commit returns before its WAL is written out) and {@code -F}, fsync off (nothing
 * is ever flushed to the disk). A ballot acknowledged that way survives a crash of the server process but not of
 * the machine, so the benchmark measures with {@link Commit#DURABLE} unless told otherwise. Databases: {@code plenum} (the server's) and {@code baseline} (the
 * commit baseline's).
 */
final class BenchDatabase implements AutoCloseable {
  /** How commits reach the disk. */
  enum Commit {
    /** {@code synchronous_commit=on}: a commit returns once its WAL is flushed (fsync). What a ballot ack promises. */
    DURABLE("on"),
    /** {@code synchronous_commit=off} and {@code fsync=off}: as the server's embedded PostgreSQL (zonky's defaults) runs today. */
    ASYNC("off");

    final String setting;

    Commit(String setting) {
      this.setting = setting;
    }
  }

  private final EmbeddedPostgres pg;
  private final Path root;

  private BenchDatabase(EmbeddedPostgres pg, Path root) {
    this.pg = pg;
    this.root = root;
  }

  static BenchDatabase start(Commit commit) throws IOException {
    Path root = Files.createTempDirectory(ServerProcess.workDir(), "pg-");
    Path work = root.resolve("bin");
    Files.createDirectories(work);
    EmbeddedPostgres pg = EmbeddedPostgres.builder()
        .setDataDirectory(root.resolve("data"))
        .setCleanDataDirectory(true)
        .setOverrideWorkingDirectory(work.toFile())
        .setServerConfig("max_connections", "200")
        .setServerConfig("listen_addresses", "127.0.0.1")
        .setServerConfig("synchronous_commit", commit.setting)
        .setServerConfig("fsync", commit.setting) // zonky starts postgres with -F (fsync off); a later -c wins
        .setPGStartupWait(java.time.Duration.ofSeconds(60))
        .start();
    BenchDatabase db = new BenchDatabase(pg, root);
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
      st.execute("create database plenum");
      st.execute("create database baseline");
    } catch (java.sql.SQLException e) {
      db.close();
      throw new IllegalStateException("cannot create the bench databases", e);
    }
    return db;
  }

  int port() {
    return pg.getPort();
  }

  /** The postmaster's pid (first line of postmaster.pid); its backends are its children. */
  long postmasterPid() {
    try {
      return Long.parseLong(Files.readAllLines(root.resolve("data").resolve("postmaster.pid")).get(0).strip());
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  String user() {
    return "postgres";
  }

  /** The URL the server takes as db.url. */
  String url(String database) {
    return "postgresql://127.0.0.1:" + port() + "/" + database;
  }

  /** What the running server reports for a setting (to print with the results). */
  String show(String setting) {
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement();
         var rs = st.executeQuery("show " + setting)) {
      rs.next();
      return rs.getString(1);
    } catch (java.sql.SQLException e) {
      return "?";
    }
  }

  @Override
  public void close() {
    try {
      pg.close();
    } catch (IOException e) {
      System.err.println("bench: PostgreSQL did not stop cleanly: " + e);
    }
    try (var walk = Files.walk(root)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("bench: could not delete " + root + ": " + e);
    }
  }
}
