package org.plenum.server.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.db.DbTarget;
import org.plenum.server.core.db.Migrations;

/**
 * A fresh, migrated database of the test PostgreSQL for store contract tests, with a Vert.x pool on it. Rows the
 * store under test does not own (accounts, meetings) are made with plain JDBC, so each contract test depends on one
 * store only.
 */
public final class StoreDb implements AutoCloseable {
  private final Vertx vertx;
  private final Pool pool;
  private final Database db;
  private final DbTarget target;

  private StoreDb(Vertx vertx, Pool pool, DbTarget target) {
    this.vertx = vertx;
    this.pool = pool;
    this.db = new Database(pool);
    this.target = target;
  }

  public static StoreDb create() {
    DbTarget target = new DbTarget(TestPostgres.newDatabase(), TestPostgres.get().user(), "");
    Migrations.migrate(target);
    Vertx vertx = Vertx.vertx();
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4)).connectingTo(target.connectOptions()).using(vertx).build();
    return new StoreDb(vertx, pool, target);
  }

  public Database db() {
    return db;
  }

  /** Waits for {@code f} (at most 10 s) and returns its result; a failure is rethrown as is. */
  public static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public Connection jdbc() throws SQLException {
    return DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
  }

  /** Runs one statement with plain JDBC (test setup only). */
  public void exec(String sql, Object... args) {
    try (Connection c = jdbc(); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      s.execute();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A person's account row. */
  public UUID account(String username) {
    UUID id = UUID.randomUUID();
    exec("insert into account (id, username, display_name, password_hash) values (?, ?, ?, 'x')", id, username, "Name of " + username);
    return id;
  }

  /** A scheduled meeting row with its ledger clock. */
  public MeetingId meeting(String title) {
    MeetingId m = MeetingId.random();
    exec("insert into meeting (id, title) values (?, ?)", m.value(), title);
    exec("insert into meeting_clock (meeting_id, seq, head_hash) values (?, 0, ?)", m.value(), new byte[32]);
    return m;
  }

  /** A participant row. */
  public void participant(MeetingId meeting, UUID account, String role) {
    exec("insert into participant (meeting_id, account_id, role) values (?, ?, ?)", meeting.value(), account, role);
  }

  @Override
  public void close() {
    await(pool.close());
    await(vertx.close());
  }

}
