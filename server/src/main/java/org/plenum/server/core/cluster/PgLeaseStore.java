package org.plenum.server.core.cluster;

import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.db.Pg;

/** {@link LeaseStore} in PostgreSQL: one upsert that only wins when the lease is free, expired or ours. */
public final class PgLeaseStore implements LeaseStore {
  private final Database db;

  public PgLeaseStore(Database db) {
    this.db = db;
  }

  @Override
  public Future<Boolean> acquire(String duty, String holder, Duration ttl) {
    return Pg.sql(db.auto()).preparedQuery("""
            insert into owner_lease (duty, holder, expires_at) values ($1, $2, now() + $3 * interval '1 millisecond')
            on conflict (duty) do update set holder = excluded.holder, expires_at = excluded.expires_at
              where owner_lease.holder = excluded.holder or owner_lease.expires_at < now()
            returning holder""")
        .execute(Tuple.of(duty, holder, ttl.toMillis())).map(rows -> rows.size() > 0);
  }

  @Override
  public Future<Void> release(String duty, String holder) {
    return Pg.sql(db.auto()).preparedQuery("delete from owner_lease where duty = $1 and holder = $2")
        .execute(Tuple.of(duty, holder)).mapEmpty();
  }
}
