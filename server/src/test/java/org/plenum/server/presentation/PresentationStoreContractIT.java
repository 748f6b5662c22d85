package org.plenum.server.presentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.testing.StoreDb.await;

import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.core.MeetingId;
import org.plenum.server.testing.StoreDb;

/** The contract of {@link PresentationStore}, on real PostgreSQL. */
class PresentationStoreContractIT {
  static StoreDb pg;
  static PresentationStore store;

  @BeforeAll
  static void start() {
    pg = StoreDb.create();
    store = new PgPresentationStore();
  }

  @AfterAll
  static void stop() {
    pg.close();
  }

  @Test
  @DisplayName("PR1: nothing presented reads as all nulls; each save replaces what the meeting shows, per meeting")
  void one_row_per_meeting() {
    MeetingId m = pg.meeting("m");
    MeetingId other = pg.meeting("other");
    UUID presenter = pg.account("presenter");
    var tx = pg.db().auto();
    assertThat(await(store.current(tx, m))).isEqualTo(new PresentationEvent.Changed(null, null, null, null));
    await(store.save(tx, m, null, "doc-1", 3, 1.5));
    await(store.save(tx, m, presenter, "doc-2", 7, 2.0));
    await(store.save(tx, other, null, "doc-9", 1, 1.0));
    assertThat(await(store.current(tx, m))).isEqualTo(new PresentationEvent.Changed(presenter.toString(), "doc-2", 7, 2.0));
    assertThat(await(store.current(tx, other)).document()).isEqualTo("doc-9");
  }
}
