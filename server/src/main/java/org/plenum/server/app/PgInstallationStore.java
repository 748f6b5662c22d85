package org.plenum.server.app;

import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.db.Pg;
import org.plenum.server.core.db.Tx;

/** The {@code installation} table: one row per key, its value the time it was marked. */
public final class PgInstallationStore implements InstallationStore {
  private final Database db;

  public PgInstallationStore(Database db) {
    this.db = db;
  }

  @Override
  public Future<Boolean> marked(String key) {
    return Pg.sql(db.auto()).preparedQuery("select exists (select 1 from installation where key = $1)").execute(Tuple.of(key))
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  @Override
  public Future<Boolean> mark(Tx tx, String key) {
    return Pg.sql(tx).preparedQuery("insert into installation (key, value) values ($1, now()::text) on conflict (key) do nothing returning key")
        .execute(Tuple.of(key)).map(rows -> rows.size() > 0);
  }
}
