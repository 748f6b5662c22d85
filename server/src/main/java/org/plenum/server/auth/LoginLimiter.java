package org.plenum.server.auth;

import io.vertx.core.Future;
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
  private final LoginFailureStore store;
  private final AuthConfig config;

  public LoginLimiter(LoginFailureStore store, AuthConfig config) {
    this.store = store;
    this.config = config;
  }

  static String key(String username) {
    return username.strip().toLowerCase(Locale.ROOT);
  }

  /** Fails with RATE_LIMITED when either limit is reached. */
  public Future<Void> check(String username, String address) {
    return store.recent(key(username), address, config.loginWindow())
        .compose(r -> {
          if (r.byAccount() >= config.loginMaxFailuresPerAccount()) {
            return Future.failedFuture(limited("this account", r.firstByAccount()));
          }
          if (r.byAddress() >= config.loginMaxFailuresPerAddress()) {
            return Future.failedFuture(limited("this address", r.firstByAddress()));
          }
          return Future.succeededFuture();
        });
  }

  /**
   * AU12: counts this attempt as a failure before its password is checked, or fails with RATE_LIMITED when a limit
   * is reached (per account, per address and account, per address); {@link #recordSuccess} forgets it again.
   */
  public Future<Void> reserve(String username, String address) {
    var limits = new LoginFailureStore.Limits(config.loginMaxFailuresPerAccount(), config.loginMaxFailuresPerAddressAccount(),
        config.loginMaxFailuresPerAddress());
    return store.reserve(key(username), address, config.loginWindow(), limits)
        .compose(r -> r.refused() == null ? Future.succeededFuture() : Future.failedFuture(limited(r.refused(), r.first())));
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
    return store.record(key(username), address, config.loginWindow());
  }

  public Future<Void> recordSuccess(String username) {
    return store.clear(key(username));
  }
}
