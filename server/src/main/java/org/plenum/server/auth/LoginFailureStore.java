package org.plenum.server.auth;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.OffsetDateTime;

/** Failed sign-ins ({@code login_failure}), by normalised account name and client address. */
public interface LoginFailureStore {
  /** Failures within the window by the account name and by the address, with the first of each (null when none). */
  record Recent(long byAccount, OffsetDateTime firstByAccount, long byAddress, OffsetDateTime firstByAddress) {}

  Future<Recent> recent(String usernameKey, String address, Duration window);

  /** The limits {@link #reserve} checks; 0 for a limit not to check. */
  record Limits(long perAccount, long perAddressAccount, long perAddress) {}

  /** What {@link #reserve} decided: {@code refused} names the limit reached (null: the attempt was counted), with its first failure. */
  record Reservation(String refused, OffsetDateTime first) {}

  /**
   * AU12: atomically (serialised per account name and per address) checks the limits against the failures within
   * the window and, when none is reached, records this attempt as a failure before its password is checked; a
   * successful sign-in clears it with {@link #clear}. So concurrent wrong passwords cannot pass the check together.
   */
  Future<Reservation> reserve(String usernameKey, String address, Duration window, Limits limits);

  /** Records a failure, dropping those older than {@code window}. */
  Future<Void> record(String usernameKey, String address, Duration window);

  /** Forgets the account name's failures (not the address's). */
  Future<Void> clear(String usernameKey);
}
