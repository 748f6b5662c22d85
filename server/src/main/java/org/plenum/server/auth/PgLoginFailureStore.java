package org.plenum.server.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import org.plenum.server.core.db.Database;

/** Failed sign-ins in PostgreSQL, so every server process sharing the database counts the same failures. */
public final class PgLoginFailureStore implements LoginFailureStore {
  private final Pool pool;

  public PgLoginFailureStore(Database db) {
    this.pool = db.pool();
  }

  @Override
  public Future<Recent> recent(String usernameKey, String address, Duration window) {
    return pool.preparedQuery("select "
            + "count(*) filter (where username_key = $1) as by_account, "
            + "min(at) filter (where username_key = $1) as first_account, "
            + "count(*) filter (where address = $2) as by_address, "
            + "min(at) filter (where address = $2) as first_address "
            + "from login_failure where at > now() - make_interval(secs => $3) and (username_key = $1 or address = $2)")
        .execute(Tuple.of(usernameKey, address, seconds(window)))
        .map(rows -> {
          Row r = rows.iterator().next();
          return new Recent(r.getLong("by_account"), r.getOffsetDateTime("first_account"), r.getLong("by_address"),
              r.getOffsetDateTime("first_address"));
        });
  }

  @Override
  public Future<Void> record(String usernameKey, String address, Duration window) {
    return pool.preparedQuery("with cleanup as (delete from login_failure where at < now() - make_interval(secs => $3)) "
            + "insert into login_failure (username_key, address) values ($1, $2)")
        .execute(Tuple.of(usernameKey, address, seconds(window)))
        .mapEmpty();
  }

  @Override
  public Future<Void> clear(String usernameKey) {
    return pool.preparedQuery("delete from login_failure where username_key = $1").execute(Tuple.of(usernameKey)).mapEmpty();
  }

  private static double seconds(Duration window) {
    return window.toMillis() / 1000.0;
  }
}
