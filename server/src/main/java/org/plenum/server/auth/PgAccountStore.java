package org.plenum.server.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.db.Pg;
import org.plenum.server.core.db.PgErrors;
import org.plenum.server.core.db.Tx;
import org.plenum.server.core.error.ErrorCode;

/** Accounts in PostgreSQL (table {@code account}). */
public final class PgAccountStore implements AccountStore {
  private static final String COLUMNS = "id, username, display_name, kind, is_admin, disabled";

  private final Pool pool;

  public PgAccountStore(Database db) {
    this.pool = db.pool();
  }

  @Override
  public Future<Optional<Credentials>> findCredentials(String username) {
    return pool.preparedQuery("select " + COLUMNS + ", password_hash from account where lower(username) = lower($1)")
        .execute(Tuple.of(username))
        .map(rows -> rows.size() == 0 ? Optional.empty()
            : Optional.of(new Credentials(toAccount(rows.iterator().next()), rows.iterator().next().getString("password_hash"))));
  }

  @Override
  public Future<Optional<Account>> find(AccountId id) {
    return pool.preparedQuery("select " + COLUMNS + " from account where id = $1").execute(Tuple.of(id.value()))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toAccount(rows.iterator().next())));
  }

  @Override
  public Future<List<Account>> list() {
    return pool.query("select " + COLUMNS + " from account order by lower(username)").execute().map(rows -> {
      List<Account> out = new ArrayList<>();
      rows.forEach(r -> out.add(toAccount(r)));
      return out;
    });
  }

  @Override
  public Future<Account> create(Tx tx, Account account, String passwordHash) {
    return Pg.sql(tx).preparedQuery("insert into account (id, username, display_name, password_hash, kind, is_admin) values ($1, $2, $3, $4, $5, $6)")
        .execute(Tuple.of(account.id().value(), account.username(), account.displayName(), passwordHash, account.kind().name(), account.admin()))
        .<Account>map(ignored -> account)
        .recover(PgErrors.onUnique("account_username_key", ErrorCode.CONFLICT, "The username '" + account.username() + "' is already taken."));
  }

  @Override
  public Future<Account> setDisabled(Tx tx, AccountId id, boolean disabled) {
    return Pg.sql(tx).preparedQuery("update account set disabled = $2 where id = $1 returning " + COLUMNS)
        .execute(Tuple.of(id.value(), disabled)).map(PgAccountStore::updated);
  }

  @Override
  public Future<Account> setPasswordHash(Tx tx, AccountId id, String passwordHash) {
    return Pg.sql(tx).preparedQuery("update account set password_hash = $2 where id = $1 returning " + COLUMNS)
        .execute(Tuple.of(id.value(), passwordHash)).map(PgAccountStore::updated);
  }

  private static Account updated(io.vertx.sqlclient.RowSet<Row> rows) {
    if (rows.size() == 0) {
      throw new org.plenum.server.core.error.PlenumException(ErrorCode.NOT_FOUND, "No such account.");
    }
    return toAccount(rows.iterator().next());
  }

  @Override
  public Future<Boolean> anyAdmin() {
    return pool.query("select exists (select 1 from account where is_admin and not disabled)").execute()
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  private static Account toAccount(Row r) {
    return new Account(new AccountId(r.getUUID("id")), r.getString("username"), r.getString("display_name"),
        AccountKind.valueOf(r.getString("kind")), r.getBoolean("is_admin"), r.getBoolean("disabled"));
  }
}
