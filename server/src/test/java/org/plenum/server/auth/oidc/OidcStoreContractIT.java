package org.plenum.server.auth.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.testing.StoreDb.await;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.auth.Tokens;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.testing.StoreDb;

/** The contract of {@link OidcStore}, on real PostgreSQL. */
class OidcStoreContractIT {
  static StoreDb pg;
  static OidcStore store;
  static final String ISS = "https://sso.example/realms/p";

  @BeforeAll
  static void start() {
    pg = StoreDb.create();
    store = new PgOidcStore(pg.db());
  }

  @AfterAll
  static void stop() {
    pg.close();
  }

  static OffsetDateTime in(long seconds) {
    return OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(seconds);
  }

  static byte[] hash() {
    return Tokens.sha256(Tokens.random(32));
  }

  @Test
  @DisplayName("OI5: a flow is taken once, only with its own browser binding and before it expires; the verifier is returned once")
  void flow_is_taken_once() {
    byte[] state = hash();
    byte[] browser = hash();
    await(store.startFlow(state, browser, "p", "nonce-1", "verifier-1", in(60)));
    assertThat(await(store.takeFlow(state, hash(), in(0)))).as("another browser").isEmpty();
    var taken = await(store.takeFlow(state, browser, in(0)));
    assertThat(taken).contains(new OidcStore.Flow("p", "nonce-1", "verifier-1"));
    assertThat(await(store.takeFlow(state, browser, in(0)))).as("taken already").isEmpty();
    assertThat(pg.value("select code_verifier from auth_oidc_flow where provider = 'p' and nonce = 'nonce-1'")).isEmpty();

    byte[] old = hash();
    await(store.startFlow(old, browser, "p", "n", "v", in(-1)));
    assertThat(await(store.takeFlow(old, browser, in(0)))).as("expired").isEmpty();
  }

  @Test
  @DisplayName("OI2: the outcome of a finished flow is consumed once by its browser; an unfinished flow has no outcome")
  void outcome_consumed_once() {
    byte[] state = hash();
    byte[] browser = hash();
    UUID account = pg.account("oidc-" + UUID.randomUUID());
    await(store.startFlow(state, browser, "p", "n", "v", in(60)));
    assertThat(await(store.consume(browser, in(0)))).as("not finished yet").isEmpty();
    await(store.takeFlow(state, browser, in(0)));
    await(store.finishFlow(state, new OidcStore.Finished("p", account, ISS, "sub-1", "sid-1", null, null)));
    assertThat(await(store.consume(hash(), in(0)))).as("another browser").isEmpty();
    assertThat(await(store.consume(browser, in(0)))).contains(new OidcStore.Finished("p", account, ISS, "sub-1", "sid-1", null, null));
    assertThat(await(store.consume(browser, in(0)))).isEmpty();

    byte[] failed = hash();
    await(store.startFlow(failed, browser, "p", "n", "v", in(60)));
    await(store.takeFlow(failed, browser, in(0)));
    await(store.finishFlow(failed, new OidcStore.Finished("p", null, null, null, null, "NOT_AUTHENTICATED", "no")));
    assertThat(await(store.consume(browser, in(0))).orElseThrow().errorCode()).isEqualTo("NOT_AUTHENTICATED");
  }

  @Test
  @DisplayName("OI3, OI7: an identity links to one account (CONFLICT otherwise), is found by issuer and subject, and can be unlinked")
  void identities() {
    UUID a = pg.account("oidc-" + UUID.randomUUID());
    UUID b = pg.account("oidc-" + UUID.randomUUID());
    String sub = "sub-" + UUID.randomUUID();
    await(pg.db().inTransaction(tx -> store.link(tx, new OidcStore.Identity("p", ISS, sub, a, null), null)));
    assertThat(await(store.accountOf(ISS, sub))).contains(a);
    assertThat(await(store.accountOf("https://other", sub))).isEmpty();
    var conflict = StoreDb.failure(ErrorCode.CONFLICT,
        () -> await(pg.db().inTransaction(tx -> store.link(tx, new OidcStore.Identity("p", ISS, sub, b, null), a))));
    assertThat(conflict.getMessage()).contains("already linked");
    assertThat(await(store.identities(a))).singleElement().satisfies(i -> {
      assertThat(i.subject()).isEqualTo(sub);
      assertThat(i.linkedAt()).isNotNull();
    });
    assertThat(await(store.unlink(b, ISS, sub))).isFalse();
    assertThat(await(store.unlink(a, ISS, sub))).isTrue();
    assertThat(await(store.accountOf(ISS, sub))).isEmpty();
  }

  @Test
  @DisplayName("OI9, OI10: sessions from a provider are ended by sid, or by subject without one; ended ones are not reported twice")
  void sessions_end_by_sid_or_subject() {
    UUID a = pg.account("oidc-" + UUID.randomUUID());
    UUID s1 = pg.session(a, null);
    UUID s2 = pg.session(a, null);
    UUID password = pg.session(a, null);
    String sub = "sub-" + UUID.randomUUID();
    await(store.recordSession(s1, "p", ISS, sub, "sid-a"));
    await(store.recordSession(s2, "p", ISS, sub, "sid-b"));
    assertThat(await(store.providerOf(s1))).contains("p");
    assertThat(await(store.providerOf(password))).isEmpty();
    assertThat(await(store.revokeSessions(ISS, "sid-a", sub))).containsExactly(s1);
    assertThat(await(store.revokeSessions(ISS, "sid-a", sub))).isEmpty();
    assertThat(await(store.revokeSessions("https://other", null, sub))).isEmpty();
    assertThat(await(store.revokeSessions(ISS, null, sub))).containsExactly(s2);
    assertThat(pg.value("select count(*) from auth_session where id = ? and revoked_at is null", password)).isEqualTo("1");
  }
}
