package org.plenum.server.agenda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.testing.StoreDb.await;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.core.MeetingId;
import org.plenum.server.testing.StoreDb;

/** The contract of {@link AgendaStore}, on real PostgreSQL. */
class AgendaStoreContractIT {
  static StoreDb pg;
  static AgendaStore store;

  @BeforeAll
  static void start() {
    pg = StoreDb.create();
    store = new PgAgendaStore();
  }

  @AfterAll
  static void stop() {
    pg.close();
  }

  @Test
  @DisplayName("AG1: items are a tree per meeting; insert, update, positions and delete (with its sub-items) change only that meeting")
  void tree_per_meeting() {
    MeetingId m = pg.meeting("m");
    MeetingId other = pg.meeting("other");
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    UUID child = UUID.randomUUID();
    var tx = pg.db().auto();
    await(store.insert(tx, m, new AgendaTree.Node(a, null, 1, "Báo cáo", 30, false)));
    await(store.insert(tx, m, new AgendaTree.Node(b, null, 2, "Nội bộ", null, true)));
    await(store.insert(tx, m, new AgendaTree.Node(child, a, 1, "Phụ lục", 5, false)));
    await(store.insert(tx, other, new AgendaTree.Node(UUID.randomUUID(), null, 1, "Elsewhere", null, false)));
    AgendaTree tree = await(store.tree(tx, m));
    assertThat(tree.nodes()).hasSize(3);
    assertThat(tree.get(child).parentId()).isEqualTo(a);
    assertThat(tree.get(b).internal()).isTrue();
    await(store.update(tx, m, new AgendaTree.Node(b, null, 2, "Nội bộ (sửa)", 45, false)));
    await(store.positions(tx, m, Map.of(a, 2, b, 1)));
    await(store.update(tx, other, new AgendaTree.Node(a, null, 9, "hijack", null, false)));
    tree = await(store.tree(tx, m));
    assertThat(tree.get(b).title()).isEqualTo("Nội bộ (sửa)");
    assertThat(tree.get(b).durationMinutes()).isEqualTo(45);
    assertThat(tree.get(b).position()).isEqualTo(1);
    assertThat(tree.get(a).position()).isEqualTo(2);
    assertThat(tree.get(a).title()).as("another meeting's update does not touch it").isEqualTo("Báo cáo");
    await(store.delete(tx, m, a));
    assertThat(await(store.tree(tx, m)).nodes()).extracting(AgendaTree.Node::id).containsExactly(b);
    assertThat(await(store.tree(tx, other)).nodes()).hasSize(1);
  }

  @Test
  @DisplayName("AG1: the current item is null until set, and null again when cleared; an unknown meeting has none")
  void current_item() {
    MeetingId m = pg.meeting("m");
    UUID a = UUID.randomUUID();
    var tx = pg.db().auto();
    assertThat(await(store.currentItem(tx, m))).isNull();
    await(store.insert(tx, m, new AgendaTree.Node(a, null, 1, "One", null, false)));
    await(store.setCurrent(tx, m, a));
    assertThat(await(store.currentItem(tx, m))).isEqualTo(a);
    await(store.setCurrent(tx, m, null));
    assertThat(await(store.currentItem(tx, m))).isNull();
    assertThat(await(store.currentItem(tx, MeetingId.random()))).isNull();
  }
}
