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
