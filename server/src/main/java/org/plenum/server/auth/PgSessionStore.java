package org.plenum.server.auth;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.UUID;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.db.Pg;
import org.plenum.server.core.db.Tx;

/** Login sessions in PostgreSQL. */
public final class PgSessionStore implements SessionStore {
  private static final String SESSION = "select s.id, s.account_id, s.expires_at, s.revoked_at, a.username, a.display_name, a.is_admin, a.disabled "
      + "from auth_session s join account a on a.id = s.account_id ";

  private final Pool pool;

  public PgSessionStore(Database db) {
    this.pool = db.pool();
  }

  @Override
  public Future<Void> open(NewSession s) {
    return pool.preparedQuery("insert into auth_session (id, account_id, refresh_hash, expires_at, address, user_agent, room_credential_id) "
            + "values ($1, $2, $3, $4, $5, $6, $7)")
        .execute(Tuple.of(s.id(), s.accountId(), Buffer.buffer(s.refreshHash()), s.expiresAt(), s.address(), s.userAgent(), s.roomCredentialId()))
        .mapEmpty();
  }

  @Override
  public Future<Optional<Session>> openUnlessDisabled(NewSession s) {
    return pool.preparedQuery("with s as (insert into auth_session (id, account_id, refresh_hash, expires_at, address, user_agent, room_credential_id) "
            + "select $1, a.id, $3, $4, $5, $6, $7 from account a where a.id = $2 and not a.disabled "
            + "returning id, account_id, expires_at, revoked_at) "
            + "select s.id, s.account_id, s.expires_at, s.revoked_at, a.username, a.display_name, a.is_admin, a.disabled "
            + "from s join account a on a.id = s.account_id")
        .execute(Tuple.of(s.id(), s.accountId(), Buffer.buffer(s.refreshHash()), s.expiresAt(), s.address(), s.userAgent(), s.roomCredentialId()))
        .map(PgSessionStore::first);
  }

  @Override
  public Future<Optional<Session>> lockByRefresh(Tx tx, byte[] refreshHash) {
    return Pg.sql(tx).preparedQuery(SESSION + "where s.refresh_hash = $1 for update of s")
        .execute(Tuple.of(Buffer.buffer(refreshHash)))
        .map(PgSessionStore::first);
  }

  @Override
  public Future<Optional<UUID>> revokeRotated(Tx tx, byte[] refreshHash) {
    return Pg.sql(tx).preparedQuery("update auth_session set revoked_at = coalesce(revoked_at, now()) where id = "
            + "(select session_id from auth_refresh_rotated where refresh_hash = $1) returning id")
        .execute(Tuple.of(Buffer.buffer(refreshHash)))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getUUID(0)));
  }

  @Override
  public Future<Void> rotate(Tx tx, UUID sessionId, byte[] oldRefreshHash, byte[] newRefreshHash) {
    return Pg.sql(tx).preparedQuery("insert into auth_refresh_rotated (refresh_hash, session_id) values ($1, $2)")
        .execute(Tuple.of(Buffer.buffer(oldRefreshHash), sessionId))
        .compose(v -> Pg.sql(tx).preparedQuery("update auth_session set refresh_hash = $1, last_used_at = now() where id = $2")
            .execute(Tuple.of(Buffer.buffer(newRefreshHash), sessionId)))
        .mapEmpty();
  }

  @Override
  public Future<Void> revoke(UUID sessionId) {
    return pool.preparedQuery("update auth_session set revoked_at = coalesce(revoked_at, now()) where id = $1")
        .execute(Tuple.of(sessionId))
        .mapEmpty();
  }

  @Override
  public Future<Integer> revokeAll(Tx tx, UUID accountId) {
    return Pg.sql(tx).preparedQuery("update auth_session set revoked_at = now() where account_id = $1 and revoked_at is null")
        .execute(Tuple.of(accountId)).map(rows -> rows.rowCount());
  }

  @Override
  public Future<Optional<Session>> find(UUID sessionId, UUID accountId) {
    return pool.preparedQuery(SESSION + "where s.id = $1 and s.account_id = $2")
        .execute(Tuple.of(sessionId, accountId))
        .map(PgSessionStore::first);
  }

  private static Optional<Session> first(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return Optional.empty();
    }
    Row r = rows.iterator().next();
    return Optional.of(new Session(r.getUUID("id"), r.getUUID("account_id"), r.getString("username"), r.getString("display_name"),
        r.getBoolean("is_admin"), r.getBoolean("disabled"), r.getOffsetDateTime("expires_at"), r.getOffsetDateTime("revoked_at")));
  }
}
