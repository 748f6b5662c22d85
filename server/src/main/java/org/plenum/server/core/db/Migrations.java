package org.plenum.server.core.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Flyway migrations from {@code classpath:db/migration}, applied before any verticle deploys. Blocking. */
public final class Migrations {
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  /** SQL that {@code /ready} runs: the newest successfully applied migration. */
  public static final String CURRENT_VERSION_SQL =
      "select version from flyway_schema_history where success and version is not null order by installed_rank desc limit 1";

  private Migrations() {}

  /** Applies pending migrations and returns the schema version now in place. */
  public static String migrate(DbTarget target) {
    Flyway flyway = Flyway.configure()
        .dataSource(target.jdbcUrl(), target.user(), target.password())
        .locations("classpath:db/migration")
        .connectRetries(3)
        .load();
    MigrateResult result = flyway.migrate();
    MigrationInfo current = flyway.info().current();
    String version = current == null ? "0" : current.getVersion().getVersion();
    LOG.info("Database schema at version {} ({} migration(s) applied now)", version, result.migrationsExecuted);
    return version;
  }
}
