package org.plenum.server.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.annotation.Ops.at;
import static org.plenum.server.annotation.Sim.A;
import static org.plenum.server.annotation.Sim.B;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Two tablets (of one person, and of two people) work offline and reconnect, in both orders (D19). */
class OfflineMergeTest {
  private final AnnotationId note = AnnotationId.random();
  private final AnnotationId ink = AnnotationId.random();
  private final AnnotationId other = AnnotationId.random();

  @Test
  @DisplayName("AN3: both tablets of one delegate edit one shared note offline; after reconnect, in either order, "
      + "both texts are kept (the newer as text, the other as conflict); an edit replacing both resolves it")
  void concurrent_note_texts_are_both_kept() {
    AnnotationOp.Create created = Ops.note(note, A, at(0, "a-tablet"), Visibility.SHARED, "Đồng ý");
    // both tablets saw the create, then went offline
    AnnotationOp onTablet = Ops.text(note, A, at(10, "a-tablet"), "Đồng ý, xem lại mục 3", created.stamp());
    AnnotationOp onLaptop = Ops.text(note, A, at(12, "a-laptop"), "Không đồng ý", created.stamp());

    AnnotationReplica first = Ops.replica(List.of(created, onTablet, onLaptop));
    AnnotationReplica second = Ops.replica(List.of(created, onLaptop, onTablet));
    assertThat(first.canonical()).isEqualTo(second.canonical());
    Annotation merged = first.annotations().get(0);
    assertThat(merged.text()).contains("Không đồng ý");
    assertThat(merged.conflicts()).extracting(NoteVersion::text).containsExactly("Đồng ý, xem lại mục 3");

    AnnotationOp resolved = Ops.text(note, A, at(20, "a-tablet"), "Đồng ý một phần", onTablet.stamp(),
        onLaptop.stamp());
    first.apply(resolved);
    second.apply(resolved);
    assertThat(first.canonical()).isEqualTo(second.canonical());
    assertThat(first.annotations().get(0).noteTexts()).extracting(NoteVersion::text).containsExactly("Đồng ý một phần");
  }

  @Test
  @DisplayName("AN3: two people edit their own annotations offline while the chair hides one; both orders of "
      + "reconnecting give the same state")
  void two_people_offline_converge() {
    List<AnnotationOp> delegate = List.of(Ops.ink(ink, A, at(0, "a-tablet"), Visibility.SHARED),
        Ops.recolour(ink, A, at(30, "a-tablet"), 0x0000ff));
    List<AnnotationOp> chair = List.of(Ops.note(other, B, at(5, "b-tablet"), Visibility.PRIVATE, "Hỏi lại Sở Tài chính"),
        new AnnotationOp.Moderate(ink, B, at(40, "b-tablet"), Moderation.HIDDEN));
    List<AnnotationOp> delegateFirst = new ArrayList<>(delegate);
    delegateFirst.addAll(chair);
    List<AnnotationOp> chairFirst = new ArrayList<>(chair);
    chairFirst.addAll(delegate);

    AnnotationReplica one = Ops.replica(delegateFirst);
    AnnotationReplica two = Ops.replica(chairFirst);
    assertThat(one.canonical()).isEqualTo(two.canonical());
    Annotation hidden = one.find(ink).flatMap(AnnotationState::view).orElseThrow();
    assertThat(hidden.style().color()).isEqualTo(new Rgb(0x0000ff));
    assertThat(hidden.moderation()).isEqualTo(Moderation.HIDDEN);
  }

  @Test
  @DisplayName("AN2: changes to different fields made at once on two tablets are both kept (a recolour and a move)")
  void fields_merge_independently() {
    AnnotationOp.Create created = Ops.ink(ink, A, at(0, "a-tablet"), Visibility.PRIVATE);
    Placement moved = Ops.page(2, Ops.stroke(10, 10, 20, 20));
    AnnotationOp move = Ops.move(ink, A, at(10, "a-laptop"), moved);
    AnnotationOp recolour = Ops.recolour(ink, A, at(8, "a-tablet"), 0x00ff00);

    Annotation a = Ops.replica(List.of(created, move, recolour)).annotations().get(0);
    Annotation b = Ops.replica(List.of(recolour, move, created)).annotations().get(0);
    assertThat(a).isEqualTo(b);
    assertThat(a.placement()).isEqualTo(moved);
    assertThat(a.style().color()).isEqualTo(new Rgb(0x00ff00));
  }

  @Test
  @DisplayName("AN2: the same clock time on two devices is decided by the device id, the same way everywhere")
  void tie_break_by_device() {
    AnnotationOp.Create created = Ops.ink(ink, A, at(0, "a-tablet"), Visibility.PRIVATE);
    AnnotationOp fromLaptop = Ops.recolour(ink, A, at(10, "a-laptop"), 0x111111);
    AnnotationOp fromTablet = Ops.recolour(ink, A, at(10, "a-tablet"), 0x222222);
    assertThat(Ops.replica(List.of(created, fromLaptop, fromTablet)).annotations().get(0).style().color())
        .isEqualTo(new Rgb(0x222222)); // "a-tablet" > "a-laptop"
    assertThat(Ops.replica(List.of(created, fromTablet, fromLaptop)).annotations().get(0).style().color())
        .isEqualTo(new Rgb(0x222222));
  }

  @Test
  @DisplayName("AN2: an erase wins over a concurrent or later edit, whichever arrives first; a re-sent create does "
      + "not bring the annotation back")
  void erase_is_final() {
    AnnotationOp.Create created = Ops.note(note, A, at(0, "a-tablet"), Visibility.SHARED, "x");
    AnnotationOp erase = new AnnotationOp.Erase(note, A, at(10, "a-laptop"));
    AnnotationOp laterEdit = Ops.text(note, A, at(20, "a-tablet"), "y", created.stamp());

    AnnotationReplica one = Ops.replica(List.of(created, erase, laterEdit, created));
    AnnotationReplica two = Ops.replica(List.of(laterEdit, created, erase));
    assertThat(one.canonical()).isEqualTo(two.canonical());
    assertThat(one.annotations()).isEmpty();
    assertThat(one.find(note).orElseThrow().isErased()).isTrue();
    assertThat(one.find(note).orElseThrow().findOwner()).contains(A);
  }

  @Test
  @DisplayName("AN2: an edit that arrives before its create is held, invisible, until the create arrives")
  void edit_before_create() {
    AnnotationOp.Create created = Ops.ink(ink, A, at(0, "a-tablet"), Visibility.SHARED);
    AnnotationReplica replica = Ops.replica(List.of(Ops.recolour(ink, A, at(5, "a-tablet"), 0x123456)));
    assertThat(replica.annotations()).isEmpty();
    replica.apply(created);
    assertThat(replica.annotations()).singleElement()
        .satisfies(a -> assertThat(a.style().color()).isEqualTo(new Rgb(0x123456)));
  }
}
