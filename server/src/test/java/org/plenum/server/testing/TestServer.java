package org.plenum.server.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.plenum.server.app.PlenumApp;
import org.plenum.server.config.PlenumConfig;

/**
 * A real Plenum server for one test class: its own database in the shared test PostgreSQL, its own data folder,
 * a free port, the demo seeded (password {@link #DEMO_PASSWORD}).
 */
public final class TestServer implements AutoCloseable {
  public static final String DEMO_PASSWORD = "plenum-demo";

  private final PlenumApp app;
  private final Api api;
  private final String dbUrl;
  private final Map<String, String> env;

  private TestServer(PlenumApp app, String dbUrl, Map<String, String> env) {
    this.app = app;
    this.dbUrl = dbUrl;
    this.env = env;
    this.api = new Api(app.port());
  }

  public static TestServer start() {
    return start(Map.of());
  }

  /** Starts with these environment overrides on top of the test defaults. */
  public static TestServer start(Map<String, String> overrides) {
    String url = overrides.getOrDefault("PLENUM_DB_URL", TestPostgres.newDatabase());
    Map<String, String> env = new HashMap<>();
    env.put("PLENUM_DB_URL", url);
    env.put("PLENUM_DB_USER", TestPostgres.get().user());
    env.put("PLENUM_HTTP_PORT", "0");
    env.put("PLENUM_DEMO_SEED", "always");
    // no local Janus per test server; video tests pass PLENUM_MEDIA_BRIDGES of the Janus they start
    env.put("PLENUM_MEDIA_JANUS_AUTOSTART", "false");
    // tests open many sockets per account in seconds; LoginRateLimitIT sets the ticket limit it checks (AU13)
    env.put("PLENUM_AUTH_TICKETS_PER_MINUTE", "100000");
    try {
      env.put("PLENUM_DATA_DIR", Files.createTempDirectory(Path.of("target").toAbsolutePath(), "data-").toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    env.putAll(overrides);
    return startWith(env, url);
  }

  private static TestServer startWith(Map<String, String> env, String url) {
    try {
      return new TestServer(PlenumApp.start(PlenumConfig.load(env)), url, env);
    } catch (Exception e) {
      throw new IllegalStateException("Test server did not start: " + e.getMessage(), e);
    }
  }

  /** Stops this server and starts a new one on the same database and data folder. */
  public TestServer restart() {
    close();
    return startWith(env, dbUrl);
  }

  public Api api() {
    return api;
  }

  public int port() {
    return app.port();
  }

  public String dbUrl() {
    return dbUrl;
  }

  public PlenumApp app() {
    return app;
  }

  /** JDBC connection to this server's database, for tests that inspect storage. */
  public java.sql.Connection jdbc() throws java.sql.SQLException {
    return java.sql.DriverManager.getConnection("jdbc:" + dbUrl, TestPostgres.get().user(), "");
  }

  @Override
  public void close() {
    try {
      app.close();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
