package org.plenum.server.minutes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.testing.StoreDb.await;

import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.testing.StoreDb;

/** The contract of {@link MinutesStore}, on real PostgreSQL. */
class MinutesStoreContractIT {
  static StoreDb pg;
  static MinutesStore store;

  @BeforeAll
  static void start() {
    pg = StoreDb.create();
    store = new PgMinutesStore();
  }

  @AfterAll
  static void stop() {
    pg.close();
  }

  @Test
  @DisplayName("MN3, MN4, MN6: a draft row appears on first lock; texts only while DRAFT; one approval; each signature position once (CONFLICT)")
  void lifecycle() {
    MeetingId m = pg.meeting("m");
    UUID chair = pg.account("chair-" + UUID.randomUUID());
    UUID secretary = pg.account("sec-" + UUID.randomUUID());
    var tx = pg.db().auto();
    assertThat(await(store.find(tx, m))).isEmpty();
    assertThat(await(pg.db().inTransaction(t -> store.lock(t, m))).state()).isEqualTo(MinutesState.DRAFT);
    var row = await(store.find(tx, m)).orElseThrow();
    assertThat(row.state()).isEqualTo(MinutesState.DRAFT);
    assertThat(row.edits()).isZero();
    assertThat(await(store.pdf(tx, m))).isEmpty();

    JsonObject texts = new JsonObject().put("number", "01/BB").put("opening", "Khai mạc lúc 8 giờ.");
    assertThat(await(store.saveTexts(tx, m, texts))).isEqualTo(1);
    assertThat(await(store.saveTexts(tx, m, texts))).isEqualTo(2);
    assertThat(await(store.find(tx, m)).orElseThrow().texts()).isEqualTo(texts);

    byte[] pdf = "%PDF-1.7 frozen".getBytes();
    byte[] sha = MinutesService.sha256(pdf);
    await(store.approve(tx, m, chair, "VI", pdf, sha));
    assertThat(StoreDb.failure(ErrorCode.CONFLICT, () -> await(store.approve(tx, m, chair, "VI", pdf, sha)))).isNotNull();
    assertThat(StoreDb.failure(ErrorCode.CONFLICT, () -> await(store.saveTexts(tx, m, new JsonObject())))).isNotNull();
    row = await(store.find(tx, m)).orElseThrow();
    assertThat(row.state()).isEqualTo(MinutesState.FINAL);
    assertThat(row.finalSha256()).isEqualTo(sha);
    assertThat(row.approvedBy()).isEqualTo(chair);
    assertThat(await(store.pdf(tx, m))).contains(pdf);

    byte[] signed = "%PDF-1.7 frozen + signature".getBytes();
    var sig = new MinutesStore.Signature(1, secretary, "SECRETARY", null, MinutesService.sha256(signed), "PEM");
    await(store.sign(tx, m, MinutesState.SIGNED_BY_SECRETARY, signed, MinutesService.sha256(signed), sig));
    assertThat(StoreDb.failure(ErrorCode.CONFLICT, () -> await(store.sign(tx, m, MinutesState.SIGNED_BY_SECRETARY, signed,
        MinutesService.sha256(signed), sig)))).isNotNull();
    row = await(store.find(tx, m)).orElseThrow();
    assertThat(row.state()).isEqualTo(MinutesState.SIGNED_BY_SECRETARY);
    assertThat(row.finalSha256()).as("the approved hash stays").isEqualTo(sha);
    assertThat(row.pdfSha256()).isEqualTo(MinutesService.sha256(signed));
    assertThat(row.signatures()).singleElement().satisfies(s -> {
      assertThat(s.role()).isEqualTo("SECRETARY");
      assertThat(s.signer()).isEqualTo(secretary);
      assertThat(s.signedAt()).isNotNull();
    });
    assertThat(await(store.pdf(tx, m))).contains(signed);
  }
}
