package org.plenum.server.auth;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import org.plenum.server.core.db.Tx;

/** Accounts. Usernames are unique regardless of case (CONFLICT otherwise). */
public interface AccountStore {
  /** An account with its password hash: only for the login path. */
  record Credentials(Account account, String passwordHash) {}

  /** By username, in any case. */
  Future<Optional<Credentials>> findCredentials(String username);

  Future<Optional<Account>> find(AccountId id);

  /** Every account, by username. */
  Future<List<Account>> list();

  /** CONFLICT when the username is taken. */
  Future<Account> create(Tx tx, Account account, String passwordHash);

  /** Disables or enables the account (AD3). NOT_FOUND when there is no such account. */
  Future<Account> setDisabled(Tx tx, AccountId id, boolean disabled);

  /** Replaces the account's password hash (AD4). NOT_FOUND when there is no such account. */
  Future<Account> setPasswordHash(Tx tx, AccountId id, String passwordHash);

  /** Whether an enabled administrator exists. */
  Future<Boolean> anyAdmin();
}
