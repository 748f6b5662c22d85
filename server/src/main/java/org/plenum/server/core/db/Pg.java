package org.plenum.server.core.db;

import io.vertx.sqlclient.SqlClient;

/** For PostgreSQL store implementations only: the SQL client behind a {@link Tx}. */
public final class Pg {
  private Pg() {}

  record PgTx(SqlClient client) implements Tx {}

  public static SqlClient sql(Tx tx) {
    if (tx instanceof PgTx p) {
      return p.client();
    }
    throw new IllegalArgumentException("Not a PostgreSQL unit of work: " + tx);
  }

  static Tx of(SqlClient client) {
    return new PgTx(client);
  }
}
