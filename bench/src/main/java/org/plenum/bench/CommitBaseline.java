package org.plenum.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The peer in the same run: what the same PostgreSQL, on the same disk, with the same client (Vert.x pg client, a
 * pool as large as the server's {@code db.pool_size}) gives for N durable one-row transactions scheduled evenly over
 * the same window, open loop, latency from the scheduled time to the commit. Two shapes:
 * <ul>
 *   <li>{@link Shape#INDEPENDENT}: each transaction inserts one row; commits can share a WAL flush (group commit).
 *       The machine's capacity for durable small writes.</li>
 *   <li>{@link Shape#ONE_CLOCK}: each transaction first takes the row lock of one shared counter row and bumps it,
 *       then inserts, as every write of one meeting takes the meeting's clock row in the ledger. Transactions run
 *       one after another, each paying its own WAL flush: the ceiling of any design that serialises a meeting's
 *       writes on one row lock held across the commit.</li>
 * </ul>
 * A WebSocket echo peer would measure the network stack, which is not where a durable ballot spends its time.
 */
final class CommitBaseline {
  enum Shape { INDEPENDENT, ONE_CLOCK }

  record Result(Shape shape, int transactions, Histogram latencyMicros, double commitsPerSecond, int failures) {}

  private CommitBaseline() {}

  static Pool pool(Vertx vertx, BenchDatabase db, String database, int size) {
    return PgBuilder.pool().with(new PoolOptions().setMaxSize(size))
        .connectingTo(new PgConnectOptions().setHost("127.0.0.1").setPort(db.port()).setDatabase(database).setUser(db.user()))
        .using(vertx).build();
  }

  static Result run(Pool pool, Shape shape, int n, long windowNanos) {
    pool.query("create table if not exists probe (id bigserial primary key, payload text not null)").execute().await();
    pool.query("create table if not exists clock (id int primary key, n bigint not null)").execute().await();
    pool.query("insert into clock values (1, 0) on conflict do nothing").execute().await();
    // warm the pool's connections and prepared statements
    for (int i = 0; i < 16; i++) {
      one(pool, shape, -1).await();
    }
    long[] scheduled = new long[n];
    long[] done = new long[n];
    boolean[] ok = new boolean[n];
    CountDownLatch latch = new CountDownLatch(n);
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
    for (int i = 0; i < n; i++) {
      scheduled[i] = start + (n == 1 ? 0 : i * windowNanos / n);
    }
    long firstSend = 0;
    for (int i = 0; i < n; i++) {
      int k = i;
      while (System.nanoTime() < scheduled[i]) {
        long left = scheduled[i] - System.nanoTime();
        if (left > 200_000) {
          java.util.concurrent.locks.LockSupport.parkNanos(left - 100_000);
        } else {
          Thread.onSpinWait();
        }
      }
      if (i == 0) {
        firstSend = System.nanoTime();
      }
      one(pool, shape, i).onComplete(ar -> {
        done[k] = System.nanoTime();
        ok[k] = ar.succeeded();
        latch.countDown();
      });
    }
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Histogram h = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
    int failures = 0;
    long last = firstSend;
    int commits = 0;
    for (int i = 0; i < n; i++) {
      if (ok[i]) {
        commits++;
        last = Math.max(last, done[i]);
        h.recordValue(Math.max(0, (done[i] - scheduled[i]) / 1000));
      } else {
        failures++;
      }
    }
    return new Result(shape, n, h, commits / ((last - firstSend) / 1e9), failures);
  }

  private static Future<?> one(Pool pool, Shape shape, int i) {
    String payload = "ballot-sized payload " + i + " ........................................................";
    if (shape == Shape.INDEPENDENT) {
      return pool.preparedQuery("insert into probe (payload) values ($1)").execute(Tuple.of(payload));
    }
    return pool.withTransaction(tx -> tx.preparedQuery("update clock set n = n + 1 where id = 1 returning n").execute()
        .compose(v -> tx.preparedQuery("insert into probe (payload) values ($1)").execute(Tuple.of(payload))));
  }
}
