package org.plenum.server.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import org.plenum.server.config.PlenumConfig.AuthConfig;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;

/**
 * Limits failed logins per account name and per client address within a sliding window. Failures are rows in
 * PostgreSQL so every server process sharing the database enforces the same limit. A successful login clears the
 * account's failures (not the address's).
 */
public final class LoginLimiter {
  private final Pool pool;
  private final AuthConfig config;

  public LoginLimiter(Pool pool, AuthConfig config) {
    this.pool = pool;
    this.config = config;
  }

  static String key(String username) {
    return username.strip().toLowerCase(Locale.ROOT);
  }

  /** Fails with RATE_LIMITED when either limit is reached. */
  public Future<Void> check(String username, String address) {
    long windowMs = config.loginWindow().toMillis();
    return pool.preparedQuery("select "
            + "count(*) filter (where username_key = $1) as by_account, "
            + "min(at) filter (where username_key = $1) as first_account, "
            + "count(*) filter (where address = $2) as by_address, "
            + "min(at) filter (where address = $2) as first_address "
            + "from login_failure where at > now() - make_interval(secs => $3) and (username_key = $1 or address = $2)")
        .execute(Tuple.of(key(username), address, windowMs / 1000.0))
        .compose(rows -> {
          Row r = rows.iterator().next();
          if (r.getLong("by_account") >= config.loginMaxFailuresPerAccount()) {
            return Future.failedFuture(limited("this account", r.getOffsetDateTime("first_account")));
          }
          if (r.getLong("by_address") >= config.loginMaxFailuresPerAddress()) {
            return Future.failedFuture(limited("this address", r.getOffsetDateTime("first_address")));
          }
          return Future.succeededFuture();
        });
  }

  private PlenumException limited(String what, OffsetDateTime first) {
    Duration retry = first == null ? config.loginWindow()
        : Duration.between(OffsetDateTime.now(ZoneOffset.UTC), first.plus(config.loginWindow()));
    if (retry.isNegative() || retry.isZero()) {
      retry = Duration.ofSeconds(1);
    }
    return new PlenumException(ErrorCode.RATE_LIMITED,
        "Too many failed sign-in attempts for " + what + "; try again in " + Math.max(1, retry.toSeconds()) + " s.", retry);
  }

  public Future<Void> recordFailure(String username, String address) {
    return pool.preparedQuery("with cleanup as (delete from login_failure where at < now() - make_interval(secs => $3)) "
            + "insert into login_failure (username_key, address) values ($1, $2)")
        .execute(Tuple.of(key(username), address, config.loginWindow().toMillis() / 1000.0))
        .mapEmpty();
  }

  public Future<Void> recordSuccess(String username) {
    return pool.preparedQuery("delete from login_failure where username_key = $1").execute(Tuple.of(key(username))).mapEmpty();
  }
}
