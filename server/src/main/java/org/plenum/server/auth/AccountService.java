package org.plenum.server.auth;

import io.vertx.core.Future;
import java.security.SecureRandom;
import java.util.List;
import java.util.regex.Pattern;
import org.plenum.server.core.Principal;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts. Rule: only an administrator creates, lists, disables, enables and resets accounts; everyone reads their own.
 * AD3: a disabled account cannot sign in and its live tokens stop working at once; no administrator disables their own
 * account. AD4: a reset password is made by the server, shown once in the answer, stored only as a hash, and ends
 * every session of the account. Each change is logged with who did it (never the password).
 */
public final class AccountService {
  public static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{2,64}");

  private static final Logger LOG = LoggerFactory.getLogger(AccountService.class);
  /** Letters and digits that cannot be mistaken for each other when read aloud or typed from a screen. */
  private static final char[] ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Database db;
  private final AccountStore store;
  private final SessionStore sessions;
  private final AuthService auth;

  public AccountService(Database db, AccountStore store, SessionStore sessions, AuthService auth) {
    this.db = db;
    this.store = store;
    this.sessions = sessions;
    this.auth = auth;
  }

  /** A new password for the account, returned once (AD4). */
  public record Reset(Account account, String password) {}

  /** AD3: disables or enables the account; CONFLICT for the caller's own account. */
  public Future<Account> setDisabled(Principal p, AccountId id, boolean disabled) {
    p.requireAdmin();
    if (id.value().equals(p.accountId())) {
      throw new PlenumException(ErrorCode.CONFLICT, "You cannot disable or enable your own account.");
    }
    return db.inTransaction(tx -> store.setDisabled(tx, id, disabled))
        .onSuccess(a -> auth.accessChanged("account " + id.value()))  // D46: AD3 at once, cached sessions included
        .onSuccess(a -> LOG.info("Account {} {} by {}", a.username(), disabled ? "disabled" : "enabled", p.username()));
  }

  /** AD4: a new random password (20 characters) for the account; every session of the account ends. */
  public Future<Reset> resetPassword(Principal p, AccountId id) {
    p.requireAdmin();
    String password = newPassword(Math.max(20, auth.passwordMinLength()));
    return auth.hashPassword(password)
        .compose(hash -> db.inTransaction(tx -> store.setPasswordHash(tx, id, hash)
            .compose(a -> sessions.revokeAll(tx, id.value()).map(n -> a))))
        .map(a -> new Reset(a, password))
        .onSuccess(r -> auth.accessChanged("account " + id.value()))
        .onSuccess(r -> LOG.info("Password of account {} reset by {}", r.account().username(), p.username()));
  }

  static String newPassword(int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
    }
    return out.toString();
  }

  public Future<Account> create(Principal p, String username, String displayName, String password, AccountKind kind, boolean admin) {
    p.requireAdmin();
    if (!USERNAME.matcher(username).matches()) {
      throw PlenumException.badMessage("The username must be 2-64 letters, digits, '.', '_' or '-'.");
    }
    if (displayName.isBlank() || displayName.length() > 200) {
      throw PlenumException.badMessage("The display name must have 1-200 characters.");
    }
    auth.checkPasswordPolicy(password);
    Account account = new Account(AccountId.random(), username, displayName.strip(), kind, admin, false);
    return auth.hashPassword(password).compose(hash -> store.create(db.auto(), account, hash));
  }

  public Future<List<Account>> list(Principal p) {
    p.requireAdmin();
    return store.list();
  }

  public Future<Account> me(Principal p) {
    return get(new AccountId(p.accountId()));
  }

  /** The account as it is now; NOT_AUTHENTICATED when it was deleted since its holder signed in. */
  public Future<Account> get(AccountId id) {
    return store.find(id).map(a -> a.orElseThrow(() -> PlenumException.notAuthenticated("The account no longer exists.")));
  }
}
