package org.plenum.server.auth.oidc;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.db.Pg;
import org.plenum.server.core.db.PgErrors;
import org.plenum.server.core.db.Tx;
import org.plenum.server.core.error.ErrorCode;

/** Single sign-on state in PostgreSQL. */
public final class PgOidcStore implements OidcStore {
  private final Pool pool;

  public PgOidcStore(Database db) {
    this.pool = db.pool();
  }

  @Override
  public Future<Void> startFlow(byte[] stateHash, byte[] bindingHash, String provider, String nonce, String codeVerifier, OffsetDateTime expiresAt) {
    return pool.preparedQuery("insert into auth_oidc_flow (state_hash, binding_hash, provider, nonce, code_verifier, expires_at) values ($1, $2, $3, $4, $5, $6)")
        .execute(Tuple.of(Buffer.buffer(stateHash), Buffer.buffer(bindingHash), provider, nonce, codeVerifier, expiresAt))
        .mapEmpty();
  }

  @Override
  public Future<Optional<Flow>> takeFlow(byte[] stateHash, byte[] bindingHash, OffsetDateTime now) {
    // The verifier is blanked in the row as the flow is taken; the subquery in RETURNING still reads the statement's
    // snapshot, so it returns the verifier as it was.
    return pool.preparedQuery("update auth_oidc_flow set finished_at = $3, code_verifier = '' "
            + "where state_hash = $1 and binding_hash = $2 and finished_at is null and expires_at > $3 "
            + "returning provider, nonce, (select code_verifier from auth_oidc_flow f where f.state_hash = $1) as verifier")
        .execute(Tuple.of(Buffer.buffer(stateHash), Buffer.buffer(bindingHash), now))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          Row r = rows.iterator().next();
          return Optional.of(new Flow(r.getString("provider"), r.getString("nonce"), r.getString("verifier")));
        });
  }

  @Override
  public Future<Void> finishFlow(byte[] stateHash, Finished o) {
    return pool.preparedQuery("update auth_oidc_flow set account_id = $2, issuer = $3, subject = $4, op_sid = $5, error_code = $6, error_message = $7 "
            + "where state_hash = $1")
        .execute(Tuple.from(new Object[] {Buffer.buffer(stateHash), o.accountId(), o.issuer(), o.subject(), o.opSid(), o.errorCode(), o.errorMessage()}))
        .mapEmpty();
  }

  @Override
  public Future<Optional<Finished>> consume(byte[] bindingHash, OffsetDateTime now) {
    return pool.preparedQuery("delete from auth_oidc_flow where expires_at <= $1").execute(Tuple.of(now))
        .compose(v -> pool.preparedQuery("delete from auth_oidc_flow where state_hash = (select state_hash from auth_oidc_flow "
                + "where binding_hash = $1 and finished_at is not null and (account_id is not null or error_code is not null) "
                + "order by finished_at desc limit 1) returning provider, account_id, issuer, subject, op_sid, error_code, error_message")
            .execute(Tuple.of(Buffer.buffer(bindingHash))))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          Row r = rows.iterator().next();
          return Optional.of(new Finished(r.getString("provider"), r.getUUID("account_id"), r.getString("issuer"), r.getString("subject"),
              r.getString("op_sid"), r.getString("error_code"), r.getString("error_message")));
        });
  }

  @Override
  public Future<Optional<UUID>> accountOf(String issuer, String subject) {
    return pool.preparedQuery("select account_id from account_identity where issuer = $1 and subject = $2")
        .execute(Tuple.of(issuer, subject))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getUUID(0)));
  }

  @Override
  public Future<Void> link(Tx tx, Identity i, UUID linkedBy) {
    return Pg.sql(tx).preparedQuery("insert into account_identity (issuer, subject, account_id, provider, linked_by) values ($1, $2, $3, $4, $5)")
        .execute(Tuple.of(i.issuer(), i.subject(), i.accountId(), i.provider(), linkedBy))
        .<Void>mapEmpty()
        .recover(PgErrors.onUnique("account_identity_pkey", ErrorCode.CONFLICT, "This identity is already linked to an account."));
  }

  @Override
  public Future<List<Identity>> identities(UUID accountId) {
    return pool.preparedQuery("select provider, issuer, subject, account_id, linked_at from account_identity where account_id = $1 order by linked_at")
        .execute(Tuple.of(accountId))
        .map(rows -> {
          List<Identity> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Identity(r.getString("provider"), r.getString("issuer"), r.getString("subject"), r.getUUID("account_id"),
              r.getOffsetDateTime("linked_at"))));
          return out;
        });
  }

  @Override
  public Future<Boolean> unlink(UUID accountId, String issuer, String subject) {
    return pool.preparedQuery("delete from account_identity where account_id = $1 and issuer = $2 and subject = $3")
        .execute(Tuple.of(accountId, issuer, subject))
        .map(rows -> rows.rowCount() > 0);
  }

  @Override
  public Future<Void> recordSession(UUID sessionId, String provider, String issuer, String subject, String opSid) {
    return pool.preparedQuery("insert into auth_oidc_session (session_id, provider, issuer, subject, op_sid) values ($1, $2, $3, $4, $5)")
        .execute(Tuple.of(sessionId, provider, issuer, subject, opSid))
        .mapEmpty();
  }

  @Override
  public Future<Optional<String>> providerOf(UUID sessionId) {
    return pool.preparedQuery("select provider from auth_oidc_session where session_id = $1")
        .execute(Tuple.of(sessionId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0)));
  }

  @Override
  public Future<List<UUID>> revokeSessions(String issuer, String sid, String subject) {
    String match = sid != null ? "o.op_sid = $2" : "o.subject = $2";
    return pool.preparedQuery("update auth_session s set revoked_at = now() from auth_oidc_session o "
            + "where o.session_id = s.id and o.issuer = $1 and " + match + " and s.revoked_at is null returning s.id")
        .execute(Tuple.of(issuer, sid != null ? sid : subject))
        .map(rows -> {
          List<UUID> out = new ArrayList<>();
          rows.forEach(r -> out.add(r.getUUID(0)));
          return out;
        });
  }
}
