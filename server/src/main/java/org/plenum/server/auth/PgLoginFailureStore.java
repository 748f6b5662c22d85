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
  public Future<Reservation> reserve(String usernameKey, String address, Duration window, Limits limits) {
    return pool.withTransaction(c -> c.preparedQuery("select pg_advisory_xact_lock(hashtext('plenum.login.account'), hashtext($1))")
        .execute(Tuple.of(usernameKey))
        .compose(v -> c.preparedQuery("select pg_advisory_xact_lock(hashtext('plenum.login.address'), hashtext($1))").execute(Tuple.of(address)))
        .compose(v -> c.preparedQuery("select "
                + "count(*) filter (where username_key = $1) as by_account, min(at) filter (where username_key = $1) as first_account, "
                + "count(*) filter (where username_key = $1 and address = $2) as by_pair, "
                + "min(at) filter (where username_key = $1 and address = $2) as first_pair, "
                + "count(*) filter (where address = $2) as by_address, min(at) filter (where address = $2) as first_address "
                + "from login_failure where at > now() - make_interval(secs => $3) and (username_key = $1 or address = $2)")
            .execute(Tuple.of(usernameKey, address, seconds(window))))
        .compose(rows -> {
          Row r = rows.iterator().next();
          if (r.getLong("by_pair") >= limits.perAddressAccount()) {
            return Future.succeededFuture(new Reservation("this account from this address", r.getOffsetDateTime("first_pair")));
          }
          if (r.getLong("by_account") >= limits.perAccount()) {
            return Future.succeededFuture(new Reservation("this account", r.getOffsetDateTime("first_account")));
          }
          if (r.getLong("by_address") >= limits.perAddress()) {
            return Future.succeededFuture(new Reservation("this address", r.getOffsetDateTime("first_address")));
          }
          return c.preparedQuery("with cleanup as (delete from login_failure where at < now() - make_interval(secs => $3)) "
                  + "insert into login_failure (username_key, address) values ($1, $2)")
              .execute(Tuple.of(usernameKey, address, seconds(window))).map(v -> new Reservation(null, null));
        }));
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
