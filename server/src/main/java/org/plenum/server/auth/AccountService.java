package org.plenum.server.auth;

import io.vertx.core.Future;
import java.util.List;
import java.util.regex.Pattern;
import org.plenum.server.core.Principal;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.error.PlenumException;

/**
 * Accounts. Rule: only an administrator creates and lists accounts; everyone reads their own.
 */
public final class AccountService {
  public static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{2,64}");

  private final Database db;
  private final AccountStore store;
  private final AuthService auth;

  public AccountService(Database db, AccountStore store, AuthService auth) {
    this.db = db;
    this.store = store;
    this.auth = auth;
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
