package org.plenum.server.speaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plenum.server.testing.StoreDb.await;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.testing.StoreDb;

/** The contract of {@link SpeakerStore}, on real PostgreSQL. */
class SpeakerStoreContractIT {
  static StoreDb pg;
  static SpeakerStore store;

  @BeforeAll
  static void start() {
    pg = StoreDb.create();
    store = new PgSpeakerStore();
  }

  @AfterAll
  static void stop() {
    pg.close();
  }

  @Test
  @DisplayName("SQ1, SQ5, SQ6: entries wait in position order, one speaks, finished ones form the history; one waiting request per person (CONFLICT)")
  void queue_lifecycle() {
    MeetingId m = pg.meeting("m");
    UUID an = pg.account("an-" + UUID.randomUUID());
    UUID binh = pg.account("binh-" + UUID.randomUUID());
    pg.participant(m, an, "DELEGATE");
    pg.participant(m, binh, "DELEGATE");
    UUID item = UUID.randomUUID();
    pg.exec("insert into agenda_item (id, meeting_id, position, title, internal) values (?, ?, 1, 'Kín', true)", item, m.value());
    var tx = pg.db().auto();
    UUID e1 = UUID.randomUUID();
    UUID e2 = UUID.randomUUID();
    await(store.insert(tx, m, e1, an, "SPEECH", item, 1));
    await(store.insert(tx, m, e2, binh, "POINT_OF_ORDER", null, 2));
    assertThatThrownBy(() -> await(store.insert(tx, m, UUID.randomUUID(), an, "SPEECH", null, 3)))
        .isInstanceOfSatisfying(PlenumException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
    await(store.positions(tx, List.of(e2, e1)));
    assertThat(await(store.open(tx, m))).extracting(SpeakerStore.Entry::id).containsExactly(e2, e1);
    var first = await(store.get(tx, m, e1));
    assertThat(first.json().getBoolean("agendaItemInternal")).as("an entry knows its item is internal").isTrue();
    assertThat(first.json().getString("displayName")).startsWith("Name of an-");

    await(store.setStatus(tx, e2, "SPEAKING", 120));
    var queue = await(store.queue(tx, m));
    assertThat(queue.getJsonObject("current").getString("id")).isEqualTo(e2.toString());
    assertThat(queue.getJsonObject("current").getInteger("timeLimitSeconds")).isEqualTo(120);
    assertThat(queue.getJsonObject("current").getString("startedAt")).isNotNull();
    assertThat(queue.getJsonArray("waiting")).hasSize(1);

    await(store.setStatus(tx, e2, "DONE", null));
    await(store.setStatus(tx, e1, "WITHDRAWN", null));
    assertThat(await(store.open(tx, m))).isEmpty();
    assertThat(await(store.history(tx, m, null))).hasSize(2);
    assertThat(await(store.history(tx, m, item))).hasSize(1);
    assertThat(await(store.history(tx, m, null)).getJsonObject(0).getString("endedAt")).isNotNull();
    // the person may ask again once their request is no longer waiting
    await(store.insert(tx, m, UUID.randomUUID(), an, "SPEECH", null, 1));
  }

  @Test
  @DisplayName("SQ3: an entry of another meeting is NOT_FOUND")
  void entries_are_per_meeting() {
    MeetingId m = pg.meeting("m");
    MeetingId other = pg.meeting("other");
    UUID an = pg.account("an-" + UUID.randomUUID());
    pg.participant(m, an, "DELEGATE");
    UUID e = UUID.randomUUID();
    var tx = pg.db().auto();
    await(store.insert(tx, m, e, an, "SPEECH", null, 1));
    assertThatThrownBy(() -> await(store.get(tx, other, e)))
        .isInstanceOfSatisfying(PlenumException.class, x -> assertThat(x.code()).isEqualTo(ErrorCode.NOT_FOUND));
    assertThat(await(store.queue(tx, other)).getJsonArray("waiting")).isEmpty();
  }
}
