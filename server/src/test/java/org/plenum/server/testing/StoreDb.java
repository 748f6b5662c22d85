package org.plenum.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.db.DbTarget;
import org.plenum.server.core.db.Migrations;
import org.plenum.server.core.db.Tx;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;

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

  public Vertx vertx() {
    return vertx;
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

  /** The first column of each row of a query, as text (plain JDBC: checks of what the store left behind). */
  public List<String> column(String sql, Object... args) {
    try (Connection c = jdbc(); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      List<String> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The single value of a query, as text. */
  public String value(String sql, Object... args) {
    List<String> rows = column(sql, args);
    assertThat(rows).as(sql).hasSize(1);
    return rows.get(0);
  }

  /**
   * Runs {@code work} in a transaction that then fails, and checks that the failure is that one (the work itself
   * succeeded): what the store wrote is rolled back.
   */
  public void rolledBack(Function<Tx, Future<?>> work) {
    IllegalStateException failed = new IllegalStateException("the change failed after the store's writes");
    assertThatThrownBy(() -> await(db.inTransaction(tx -> work.apply(tx).compose(v -> Future.failedFuture(failed)))))
        .isSameAs(failed);
  }

  /** A transaction that has done its work and stays open, holding its locks, until {@link #commit}. */
  public static final class Held {
    private final Promise<Void> release;
    private final Future<Void> done;

    private Held(Promise<Void> release, Future<Void> done) {
      this.release = release;
      this.done = done;
    }

    /** Lets the transaction commit and waits for it. */
    public void commit() {
      release.complete();
      await(done);
    }
  }

  /** Runs {@code work} in a transaction and keeps that transaction open (see {@link Held}). */
  public Held hold(Function<Tx, Future<?>> work) {
    Promise<Void> ran = Promise.promise();
    Promise<Void> release = Promise.promise();
    Future<Void> done = db.inTransaction(tx -> work.apply(tx).compose(v -> {
      ran.complete();
      return release.future();
    }));
    done.onFailure(ran::tryFail);
    await(ran.future());
    return new Held(release, done);
  }

  /** Checks that {@code f} is still waiting (for a lock) after a while. */
  public static void stillWaiting(Future<?> f) {
    try {
      Thread.sleep(300);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    assertThat(f.isComplete()).as("still waiting for the other transaction").isFalse();
  }

  /** Checks that {@code call} fails with a {@link PlenumException} of {@code code}, and returns it. */
  public static PlenumException failure(ErrorCode code, ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(PlenumException.class);
    PlenumException e = (PlenumException) thrown;
    assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
    return e;
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

  /** A live login session of the account ({@code roomCredential}: the kiosk credential that opened it, or null). */
  public UUID session(UUID account, UUID roomCredential) {
    UUID id = UUID.randomUUID();
    exec("insert into auth_session (id, account_id, refresh_hash, expires_at, room_credential_id) values (?, ?, ?, now() + interval '1 hour', ?)",
        id, account, id.toString().getBytes(StandardCharsets.UTF_8), roomCredential);
    return id;
  }

  @Override
  public void close() {
    await(pool.close());
    await(vertx.close());
  }

}
