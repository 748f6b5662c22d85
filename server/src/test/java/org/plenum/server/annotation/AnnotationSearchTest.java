package org.plenum.server.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plenum.server.annotation.Ops.at;
import static org.plenum.server.annotation.VisibilityTest.AUTHOR;
import static org.plenum.server.annotation.VisibilityTest.NAMED;
import static org.plenum.server.annotation.VisibilityTest.OTHER;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.core.error.PlenumException;

class AnnotationSearchTest {
  static final AnnotationId MINE = AnnotationId.random();
  static final AnnotationId SHARED = AnnotationId.random();
  static final AnnotationId THEIRS_PRIVATE = AnnotationId.random();
  static final AnnotationId QUOTE = AnnotationId.random();

  static final List<Annotation> all = Ops.replica(List.of(
      Ops.note(MINE, AUTHOR, at(1, "a"), Visibility.PRIVATE, "Hỏi lại nguồn vốn của dự án"),
      Ops.note(SHARED, OTHER, at(2, "o"), Visibility.SHARED, "Đề nghị tăng dự toán ngân sách giáo dục"),
      Ops.note(THEIRS_PRIVATE, OTHER, at(3, "o"), Visibility.PRIVATE, "Ngân sách: phản đối"),
      new AnnotationOp.Create(QUOTE, OTHER, at(4, "o"), Ops.page(1, new Shape.Highlight(
          List.of(Quad.of(new Rect(1, 1, 2, 2))), "Dự toán ngân sách địa phương")), Style.pen(new Rgb(0xffff00), 1),
          Visibility.People.of(List.of(AUTHOR)), Optional.empty()))).annotations();

  static List<AnnotationId> found(String query) {
    return AnnotationSearch.search(all, Viewer.member(AUTHOR), query, 10).stream().map(h -> h.annotation().id())
        .toList();
  }

  @Test
  @DisplayName("AN13: accents are optional: \"ngan sach\" and \"ngân sách\" find the same notes and highlights, "
      + "newest first")
  void accents_optional() {
    assertThat(found("ngan sach")).containsExactly(QUOTE, SHARED);
    assertThat(found("NGÂN SÁCH")).containsExactly(QUOTE, SHARED);
    assertThat(found("nguon von")).containsExactly(MINE);
    assertThat(found("dự án giáo")).isEmpty(); // every word must be there
  }

  @Test
  @DisplayName("AN13, AN5: search never finds another person's private note, even when it matches")
  void private_stays_private() {
    assertThat(found("phan doi")).isEmpty();
    assertThat(AnnotationSearch.search(all, Viewer.member(OTHER), "phan doi", 10)).hasSize(1);
    assertThat(AnnotationSearch.search(all, Viewer.member(NAMED), "ngan sach", 10))
        .extracting(h -> h.annotation().id()).containsExactly(SHARED);
  }

  @Test
  @DisplayName("AN13: a hit carries the matching text, with its accents")
  void snippet() {
    assertThat(AnnotationSearch.search(all, Viewer.member(AUTHOR), "giao duc", 10)).singleElement()
        .satisfies(h -> assertThat(h.snippet()).isEqualTo("Đề nghị tăng dự toán ngân sách giáo dục"));
  }

  @Test
  @DisplayName("AN13: an empty or over-long query is BAD_MESSAGE")
  void bad_queries() {
    assertThatThrownBy(() -> found("  ")).isInstanceOf(PlenumException.class);
    assertThatThrownBy(() -> found("x".repeat(201))).isInstanceOf(PlenumException.class);
  }
}
