package org.plenum.server.auth;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.plenum.server.core.db.Database;

/** Signing keys in PostgreSQL, so every server process sharing the database signs and verifies with the same keys. */
public final class PgSigningKeyStore implements SigningKeyStore {
  private final Pool pool;

  public PgSigningKeyStore(Database db) {
    this.pool = db.pool();
  }

  @Override
  public Future<Encoded> putIfAbsent(String keyId, String algorithm, Encoded fresh) {
    return pool.preparedQuery("insert into signing_key (id, algorithm, private_key, public_key) values ($1, $2, $3, $4) on conflict (id) do nothing")
        .execute(Tuple.of(keyId, algorithm, Buffer.buffer(fresh.privateKey()), Buffer.buffer(fresh.publicKey())))
        .compose(ignored -> pool.preparedQuery("select private_key, public_key from signing_key where id = $1").execute(Tuple.of(keyId)))
        .map(rows -> {
          Row r = rows.iterator().next();
          return new Encoded(r.getBuffer("private_key").getBytes(), r.getBuffer("public_key").getBytes());
        });
  }
}
