package org.plenum.server.core.db;

import io.vertx.pgclient.PgConnectOptions;
import java.net.URI;
import org.plenum.server.config.PlenumConfig.DbConfig;

/** Where the database is: one URL for both the reactive client and JDBC (Flyway). */
public record DbTarget(String url, String user, String password) {

  public static DbTarget of(DbConfig db) {
    return new DbTarget(db.url(), db.user(), db.password());
  }

  /** The URL without a {@code jdbc:} prefix, as the Vert.x client reads it. */
  public String plainUrl() {
    String u = url.startsWith("jdbc:") ? url.substring(5) : url;
    return u.startsWith("postgres://") ? "postgresql://" + u.substring("postgres://".length()) : u;
  }

  public String jdbcUrl() {
    return "jdbc:" + plainUrl();
  }

  public PgConnectOptions connectOptions() {
    PgConnectOptions options = PgConnectOptions.fromUri(plainUrl());
    if (!user.isEmpty()) {
      options.setUser(user);
    }
    if (!password.isEmpty()) {
      options.setPassword(password);
    }
    return options;
  }

  /** Host and port for messages, without credentials. */
  public String display() {
    URI u = URI.create(plainUrl());
    return u.getHost() + ":" + (u.getPort() < 0 ? 5432 : u.getPort()) + u.getPath();
  }

  @Override
  public String toString() {
    return "DbTarget[" + display() + ", user=" + user + "]";
  }
}
