package org.plenum.server.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plenum.server.testing.StoreDb.await;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.testing.StoreDb;

/** The contract of {@link AnnotationStore}, on real PostgreSQL. */
class AnnotationStoreContractIT {
  static StoreDb pg;
  static AnnotationStore store;
  static MeetingId meeting;
  static UUID author;

  @BeforeAll
  static void start() {
    pg = StoreDb.create();
    store = new PgAnnotationStore();
    meeting = pg.meeting("annotations");
    author = pg.account("author");
    pg.exec("insert into document (id, meeting_id, title, access, current_version) values (?, ?, 'Tài liệu', 'EVERYONE', 1)", Ops.DOC,
        meeting.value());
  }

  @AfterAll
  static void stop() {
    pg.close();
  }

  static AnnotationStore.Entry entry(AnnotationState s, long seq) {
    return new AnnotationStore.Entry(s.id(), meeting, Ops.DOC, s.placement() == null ? null : s.placement().value().anchor().version(),
        s.placement() == null ? null : s.placement().value().anchor().page(), s.findAuthor().orElse(null), s.findOwner().orElseThrow(), s.isErased(),
        seq);
  }

  @Test
  @DisplayName("AN4: an operation is stored once with its seq, found again by id, stamp and sender, and folds back into the same state")
  void operations_stored_once_and_folded() {
    AnnotationId id = AnnotationId.random();
    var tx = pg.db().auto();
    AnnotationOp.Create create = Ops.note(id, author, Ops.at(1000, "tab"), Visibility.PRIVATE, "Ghi chú");
    AnnotationOp.Edit edit = Ops.text(id, author, Ops.at(2000, "tab"), "Ghi chú sửa", create.stamp());
    AnnotationState s1 = AnnotationState.empty(id).apply(create);
    await(store.save(tx, entry(s1, 11), create, 11));
    AnnotationState s2 = s1.apply(edit);
    await(store.save(tx, entry(s2, 12), edit, 12));

    assertThat(await(store.seqOf(tx, id, create.stamp(), author))).contains(11L);
    assertThat(await(store.seqOf(tx, id, edit.stamp(), author))).contains(12L);
    assertThat(await(store.seqOf(tx, id, create.stamp(), UUID.randomUUID()))).isEmpty();
    AnnotationStore.Stored stored = await(store.find(tx, id)).orElseThrow();
    assertThat(stored.ops()).containsExactly(create, edit);
    assertThat(AnnotationJson.canonical(List.of(stored.state()))).isEqualTo(AnnotationJson.canonical(List.of(s2)));
    assertThat(stored.row().lastSeq()).isEqualTo(12);
    assertThatThrownBy(() -> await(store.save(tx, entry(s2, 13), edit, 13))).isInstanceOf(PlenumException.class);
    assertThat(await(store.find(tx, AnnotationId.random()))).isEmpty();
  }

  @Test
  @DisplayName("AN4, AN7: a document's annotations changed after a seq, the meeting's, and an author's live count per page and meeting")
  void cursor_and_counts() {
    var tx = pg.db().auto();
    AnnotationId a = AnnotationId.random();
    AnnotationId b = AnnotationId.random();
    AnnotationOp.Create ca = Ops.ink(a, author, Ops.at(3000, "tab"), Visibility.SHARED);
    AnnotationOp.Create cb = Ops.ink(b, author, Ops.at(3001, "tab"), Visibility.SHARED);
    await(store.save(tx, entry(AnnotationState.empty(a).apply(ca), 100), ca, 100));
    await(store.save(tx, entry(AnnotationState.empty(b).apply(cb), 101), cb, 101));
    long[] before = await(store.countLive(tx, meeting, author, Ops.DOC, 1, 1));
    AnnotationOp.Erase erase = new AnnotationOp.Erase(b, author, Ops.at(4000, "tab"));
    AnnotationState erased = AnnotationState.empty(b).apply(cb).apply(erase);
    await(store.save(tx, entry(erased, 102), erase, 102));
    long[] after = await(store.countLive(tx, meeting, author, Ops.DOC, 1, 1));
    assertThat(after[0]).isEqualTo(before[0] - 1);
    assertThat(after[1]).isEqualTo(before[1] - 1);

    List<AnnotationStore.Stored> since = await(store.changedSince(tx, Ops.DOC, 100));
    assertThat(since).extracting(s -> s.row().id()).containsExactly(b);
    assertThat(since.get(0).row().erased()).isTrue();
    assertThat(since.get(0).state().isErased()).isTrue();
    assertThat(await(store.ofMeeting(tx, meeting))).extracting(s -> s.row().id()).contains(a, b);
    assertThat(await(store.ofMeeting(tx, MeetingId.random()))).isEmpty();
    assertThat(Optional.of(await(store.changedSince(tx, UUID.randomUUID(), 0)))).contains(List.of());
  }
}
