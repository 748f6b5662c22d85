package org.plenum.server.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.plenum.server.annotation.Ops.at;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Draft rule AN10 on real PDFs: version 2 of an agenda document inserts a page before the annotated one, moves a
 * paragraph to the next page and drops a sentence. Each annotation of version 1 lands where its text or its
 * surroundings now are, or is orphaned with a reason.
 */
class ReanchoringTest {
  static final UUID AUTHOR = UUID.randomUUID();

  static final List<String> INTRO = List.of("Nghị quyết về dự toán ngân sách địa phương năm 2027",
      "Hội đồng nhân dân tỉnh khóa XVII, kỳ họp thứ mười hai.");
  static final List<String> DROPPED = List.of("Khoản chi dự phòng được giữ nguyên như năm trước.");
  static final List<String> A = List.of("Điều 1. Tổng thu ngân sách nhà nước trên địa bàn là 18.250 tỷ đồng,",
      "trong đó thu nội địa chiếm phần lớn và thu từ đất đai giảm nhẹ.");
  static final List<String> B = List.of("Điều 2. Ủy ban nhân dân tỉnh tăng cường kiểm tra giám sát chi tiêu công,",
      "công khai kết quả thẩm định các dự án đầu tư trước ngày 30 tháng 6.");
  static final List<String> C = List.of("Điều 3. Thường trực Hội đồng nhân dân theo dõi việc thực hiện nghị quyết",
      "và báo cáo tại kỳ họp cuối năm.");
  static final List<String> D = List.of("Điều 4. Nghị quyết có hiệu lực kể từ ngày ký.");
  static final List<String> ANNEX = List.of("Phụ lục mới: danh mục công trình trọng điểm",
      "Cầu Bến Thủy 3, đường ven biển, bệnh viện đa khoa tuyến tỉnh.");
  static final List<String> SIGNATURES = List.of("Nơi nhận: như trên; lưu văn thư.", "Chủ tịch Hội đồng nhân dân");

  @TempDir static Path dir;
  static TextLayer v1;
  static TextLayer v2;

  @BeforeAll
  static void twoVersions() throws Exception {
    v1 = TextLayerReader.read(Pdfs.write(dir.resolve("v1.pdf"), List.of(
        Pdfs.page(INTRO, DROPPED), Pdfs.page(A, B, C), Pdfs.page(D), SIGNATURES)));
    v2 = TextLayerReader.read(Pdfs.write(dir.resolve("v2.pdf"), List.of(
        Pdfs.page(INTRO), ANNEX, Pdfs.page(A, C), Pdfs.page(B, D), SIGNATURES)));
  }

  static Annotation annotation(int page, Shape shape) {
    AnnotationId id = AnnotationId.random();
    return Ops.replica(List.of(new AnnotationOp.Create(id, AUTHOR, at(0, "t"), Ops.page(page, shape),
        Style.pen(new Rgb(0xffee00), 1), Visibility.PRIVATE, Optional.empty()))).annotations().get(0);
  }

  static Annotation highlight(TextLayer layer, int page, String phrase) {
    return annotation(page, new Shape.Highlight(Pdfs.quads(Pdfs.select(layer, page, phrase)), phrase));
  }

  static Map<AnnotationId, Reanchored> carry(List<Annotation> annotations) {
    return Reanchoring.carry(v1, v2, 2, annotations).stream()
        .collect(Collectors.toMap(Reanchored::id, Function.identity()));
  }

  static Placement moved(Reanchored r) {
    assertThat(r).isInstanceOf(Reanchored.Moved.class);
    return ((Reanchored.Moved) r).placement();
  }

  @Test
  @DisplayName("AN10: a highlight in a paragraph moved to the next page, behind an inserted page, follows its words "
      + "(page 2 → 4, new quads over the same words)")
  void highlight_follows_its_words() {
    String phrase = "tăng cường kiểm tra giám sát chi tiêu công,";
    Annotation h = highlight(v1, 2, phrase);
    Placement p = moved(carry(List.of(h)).get(h.id()));
    assertThat(p.anchor()).isEqualTo(new Anchor(Ops.DOC, 2, 4));
    Rect quads = p.shape().bounds();
    Pdfs.select(v2, 4, phrase).forEach(w -> assertThat(quads.contains(w.box().centre())).as(w.text()).isTrue());
    assertThat(((Shape.Highlight) p.shape()).quote()).isEqualTo(phrase);
    assertThat(((Shape.Highlight) p.shape()).quads()).hasSize(1);
  }

  @Test
  @DisplayName("AN10: a highlight over two lines keeps one quad per line")
  void two_line_highlight() {
    String phrase = "giám sát chi tiêu công, công khai kết quả";
    Annotation h = highlight(v1, 2, phrase);
    Placement p = moved(carry(List.of(h)).get(h.id()));
    assertThat(p.anchor().page()).isEqualTo(4);
    assertThat(((Shape.Highlight) p.shape()).quads()).hasSize(2);
  }

  @Test
  @DisplayName("AN10: a note beside a paragraph that moved up (the one above it left) moves up with it; ink under "
      + "an unchanged paragraph stays where it was, on the shifted page")
  void surroundings_carry_notes_and_ink() {
    TextLayer.Word c1 = Pdfs.select(v1, 2, "Điều 3.").get(0);
    TextLayer.Word c2 = Pdfs.select(v2, 3, "Điều 3.").get(0);
    Annotation note = annotation(2, new Shape.Note(new Point(520, c1.box().y1() + 4)));
    TextLayer.Word a1 = Pdfs.select(v1, 2, "Tổng thu").get(0);
    Annotation underline = annotation(2, Ops.stroke(a1.box().x0(), a1.box().y0() - 2, a1.box().x0() + 200,
        a1.box().y0() - 2));

    Map<AnnotationId, Reanchored> out = carry(List.of(note, underline));
    Placement n = moved(out.get(note.id()));
    assertThat(n.anchor().page()).isEqualTo(3);
    Point at = ((Shape.Note) n.shape()).at();
    assertThat(at.x()).isCloseTo(520, within(0.01));
    assertThat(at.y() - (c1.box().y1() + 4)).isCloseTo(c2.box().y0() - c1.box().y0(), within(0.01));
    assertThat(c2.box().y0()).isGreaterThan(c1.box().y0()); // it did move up

    Placement u = moved(out.get(underline.id()));
    assertThat(u.anchor()).isEqualTo(new Anchor(Ops.DOC, 2, 3));
    assertThat(u.shape()).isEqualTo(underline.shape());
  }

  @Test
  @DisplayName("AN10: a rectangle far from any text stays at its spot on the page that is clearly the same page")
  void far_from_text_same_page() {
    Annotation box = annotation(4, new Shape.Rectangle(new Rect(300, 80, 520, 200)));
    Placement p = moved(carry(List.of(box)).get(box.id()));
    assertThat(p.anchor()).isEqualTo(new Anchor(Ops.DOC, 2, 5));
    assertThat(p.shape()).isEqualTo(box.shape());
  }

  @Test
  @DisplayName("AN10: a highlight of a sentence the new version dropped is orphaned (TEXT_NOT_FOUND), not dropped; "
      + "ink by that sentence goes with the next nearest line; the others still move")
  void dropped_text_orphans() {
    String sentence = "Khoản chi dự phòng được giữ nguyên như năm trước.";
    Annotation h = highlight(v1, 1, sentence);
    TextLayer.Word w = Pdfs.select(v1, 1, "Khoản").get(0);
    Annotation ink = annotation(1, Ops.stroke(w.box().x0(), w.box().y0() - 20, w.box().x0() + 40, w.box().y0() - 20));
    Annotation other = highlight(v1, 2, "Điều 1.");
    Map<AnnotationId, Reanchored> out = carry(List.of(h, ink, other));

    assertThat(out).hasSize(3);
    assertThat(out.get(h.id())).isInstanceOfSatisfying(Reanchored.Orphaned.class, o -> {
      assertThat(o.reason()).isEqualTo(Reanchored.Reason.TEXT_NOT_FOUND);
      assertThat(o.detail()).contains("Khoản chi dự phòng");
    });
    // the ink's nearest line is the dropped one; its next nearest line is the intro, which is still there
    assertThat(out.get(ink.id())).isInstanceOf(Reanchored.Moved.class);
    assertThat(moved(out.get(other.id())).anchor().page()).isEqualTo(3);
  }
}
