package org.plenum.server.account;

import io.vertx.core.Future;
import java.util.List;
import java.util.regex.Pattern;
import org.plenum.server.auth.AuthService;
import org.plenum.server.core.Principal;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.storage.PgAccountStore;

/**
 * Accounts. Rule: only an administrator creates and lists accounts; everyone reads their own.
 */
public final class AccountService {
  public static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{2,64}");

  private final PgAccountStore store;
  private final AuthService auth;

  public AccountService(PgAccountStore store, AuthService auth) {
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
    return auth.hashPassword(password).compose(hash -> store.create(account, hash));
  }

  public Future<List<Account>> list(Principal p) {
    p.requireAdmin();
    return store.list();
  }

  public Future<Account> me(Principal p) {
    return store.find(new AccountId(p.accountId()))
        .map(a -> a.orElseThrow(() -> PlenumException.notAuthenticated("The account no longer exists.")));
  }
}
