package org.plenum.server.core.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.function.Function;

/**
 * The PostgreSQL pool as services see it: units of work, never SQL. Transactions commit when the returned future
 * succeeds and roll back when it fails.
 */
public final class Database {
  private final Pool pool;
  private final Tx auto;

  /** A pool of {@code size} connections to {@code target} (connect timeout {@code connectTimeout}). */
  public static Database connect(io.vertx.core.Vertx vertx, DbTarget target, int size, java.time.Duration connectTimeout) {
    Pool pool = io.vertx.pgclient.PgBuilder.pool()
        .with(new io.vertx.sqlclient.PoolOptions().setMaxSize(size).setName("plenum"))
        .with(new io.vertx.core.net.NetClientOptions().setConnectTimeout((int) connectTimeout.toMillis()))
        .connectingTo(target.connectOptions())
        .using(vertx)
        .build();
    return new Database(pool);
  }

  public Database(Pool pool) {
    this.pool = pool;
    this.auto = Pg.of(pool);
  }

  /** Runs {@code work} in one transaction. */
  public <T> Future<T> inTransaction(Function<Tx, Future<T>> work) {
    return pool.withTransaction(c -> work.apply(Pg.of(c)));
  }

  /** Runs {@code work} in a REPEATABLE READ, read-only transaction: every read sees the same committed state. */
  public <T> Future<T> readSnapshot(Function<Tx, Future<T>> work) {
    // D48: the transaction's start is not waited for: the client pipelines it with the work's first reads on the one
    // connection (PostgreSQL takes a REPEATABLE READ snapshot at the first read after it), then commits or rolls back.
    return pool.withConnection(c -> {
      Future<?> begin = c.query("start transaction isolation level repeatable read, read only").execute();
      Future<T> result;
      try {
        result = work.apply(Pg.of(c));
      } catch (RuntimeException e) {
        result = Future.failedFuture(e);
      }
      Future<T> done = result;
      return Future.join(begin, done).transform(all -> all.succeeded()
          ? c.query("commit").execute().map(v -> done.result())
          : c.query("rollback").execute().transform(v -> Future.<T>failedFuture(begin.failed() ? begin.cause() : done.cause())));
    });
  }

  /** Each statement on its own connection and in its own transaction (plain reads, single writes). */
  public Tx auto() {
    return auto;
  }

  /** The newest applied migration, for readiness checks ("0" when none). */
  public Future<String> schemaVersion() {
    return pool.query(Migrations.CURRENT_VERSION_SQL).execute()
        .map(rows -> rows.size() == 0 ? "0" : rows.iterator().next().getString(0));
  }

  /** For store implementations that are built from the database. */
  public Pool pool() {
    return pool;
  }
}
