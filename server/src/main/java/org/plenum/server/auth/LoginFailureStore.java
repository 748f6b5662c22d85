package org.plenum.server.auth;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.OffsetDateTime;

/** Failed sign-ins ({@code login_failure}), by normalised account name and client address. */
public interface LoginFailureStore {
  /** Failures within the window by the account name and by the address, with the first of each (null when none). */
  record Recent(long byAccount, OffsetDateTime firstByAccount, long byAddress, OffsetDateTime firstByAddress) {}

  Future<Recent> recent(String usernameKey, String address, Duration window);

  /** Records a failure, dropping those older than {@code window}. */
  Future<Void> record(String usernameKey, String address, Duration window);

  /** Forgets the account name's failures (not the address's). */
  Future<Void> clear(String usernameKey);
}
