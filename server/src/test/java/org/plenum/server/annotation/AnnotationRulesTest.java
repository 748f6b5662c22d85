package org.plenum.server.annotation;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plenum.server.annotation.Ops.at;
import static org.plenum.server.annotation.VisibilityTest.AUTHOR;
import static org.plenum.server.annotation.VisibilityTest.CHAIR;
import static org.plenum.server.annotation.VisibilityTest.OTHER;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;

/** Limits, bad input and permissions: each a typed error (draft rules AN6–AN9). */
class AnnotationRulesTest {
  static final Rect A4 = new Rect(0, 0, 595.28, 841.89);
  static final Function<Anchor, Optional<Rect>> TWO_PAGES = a -> a.page() <= 2 ? Optional.of(A4) : Optional.empty();
  static final AnnotationRules rules = new AnnotationRules(AnnotationLimits.DEFAULTS);
  static final AnnotationId ID = AnnotationId.random();

  static void fails(ErrorCode code, ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(PlenumException.class,
        e -> org.assertj.core.api.Assertions.assertThat(e.code()).as(e.getMessage()).isEqualTo(code));
  }

  static AnnotationOp.Create create(Shape shape, Style style, Optional<String> text) {
    return new AnnotationOp.Create(ID, AUTHOR, at(0, "t"), Ops.page(1, shape), style, Visibility.PRIVATE, text);
  }

  static AnnotationOp.Create ink(Shape shape) {
    return create(shape, Style.pen(new Rgb(0), 2), Optional.empty());
  }

  static void check(AnnotationOp op) {
    rules.checkContent(op, Optional.empty(), TWO_PAGES);
  }

  @Test
  @DisplayName("AN6: a good ink stroke, highlight, note, rectangle, ellipse and arrow pass")
  void good_shapes_pass() {
    assertThatCode(() -> {
      check(ink(Ops.stroke(10, 10, 585, 830)));
      check(ink(new Shape.Highlight(List.of(Quad.of(new Rect(56, 700, 300, 714))), "Nghị quyết")));
      check(create(new Shape.Note(new Point(500, 800)), Style.pen(new Rgb(0xffcc00), 1), Optional.of("")));
      check(ink(new Shape.Rectangle(new Rect(10, 10, 100, 100))));
      check(ink(new Shape.Ellipse(new Rect(10, 10, 100, 100))));
      check(ink(new Shape.Arrow(new Point(0, 0), new Point(-60, 900)))); // within the margin
      check(create(Ops.stroke(1, 1, 2, 2), new Style(new Rgb(0xffff00), 12, Style.Tool.HIGHLIGHTER), Optional.empty()));
    }).doesNotThrowAnyException();
  }

  @Test
  @DisplayName("AN6: more points per stroke than the limit is PAYLOAD_TOO_LARGE; none is BAD_MESSAGE")
  void points_per_stroke() {
    double[] xy = new double[2 * (AnnotationLimits.DEFAULTS.maxPointsPerStroke() + 1)];
    java.util.Arrays.fill(xy, 100);
    fails(ErrorCode.PAYLOAD_TOO_LARGE, () -> check(ink(Ops.stroke(xy))));
    fails(ErrorCode.BAD_MESSAGE, () -> check(ink(new Shape.Ink(List.of()))));
  }

  @Test
  @DisplayName("AN6: NaN, infinite and far-off-page coordinates and pressure out of 0–1 are BAD_MESSAGE")
  void coordinates() {
    fails(ErrorCode.BAD_MESSAGE, () -> check(ink(Ops.stroke(Double.NaN, 10))));
    fails(ErrorCode.BAD_MESSAGE, () -> check(ink(Ops.stroke(10, Double.POSITIVE_INFINITY))));
    fails(ErrorCode.BAD_MESSAGE, () -> check(ink(Ops.stroke(10, 10, 10, 10_000))));
    fails(ErrorCode.BAD_MESSAGE, () -> check(ink(new Shape.Note(new Point(-1e9, 5)))));
    fails(ErrorCode.BAD_MESSAGE, () -> check(ink(new Shape.Ink(List.of(new InkPoint(1, 1, 1.5))))));
    fails(ErrorCode.BAD_MESSAGE, () -> check(ink(new Shape.Ink(List.of(new InkPoint(1, 1, Double.NaN))))));
  }

  @Test
  @DisplayName("AN6: a page or version that does not exist is NOT_FOUND; page 0 is BAD_MESSAGE")
  void missing_page() {
    AnnotationOp.Create onPage3 = new AnnotationOp.Create(ID, AUTHOR, at(0, "t"), Ops.page(3, Ops.stroke(1, 1)),
        Style.pen(new Rgb(0), 1), Visibility.PRIVATE, Optional.empty());
    fails(ErrorCode.NOT_FOUND, () -> check(onPage3));
    AnnotationOp.Create onPage0 = new AnnotationOp.Create(ID, AUTHOR, at(0, "t"), Ops.page(0, Ops.stroke(1, 1)),
        Style.pen(new Rgb(0), 1), Visibility.PRIVATE, Optional.empty());
    fails(ErrorCode.BAD_MESSAGE, () -> check(onPage0));
  }

  @Test
  @DisplayName("AN6: a note over the length limit is PAYLOAD_TOO_LARGE; NUL or a broken surrogate is BAD_MESSAGE; "
      + "a note needs a text and nothing else has one")
  void note_text() {
    Shape.Note note = new Shape.Note(new Point(10, 10));
    Style style = Style.pen(new Rgb(0), 1);
    String tooLong = "ạ".repeat(AnnotationLimits.DEFAULTS.maxNoteChars() + 1);
    fails(ErrorCode.PAYLOAD_TOO_LARGE, () -> check(create(note, style, Optional.of(tooLong))));
    assertThatCode(() -> check(create(note, style, Optional.of("😀".repeat(AnnotationLimits.DEFAULTS.maxNoteChars())))))
        .doesNotThrowAnyException(); // the limit counts characters, not UTF-16 units
    fails(ErrorCode.BAD_MESSAGE, () -> check(create(note, style, Optional.of("a\u0000b"))));
    fails(ErrorCode.BAD_MESSAGE, () -> check(create(note, style, Optional.of("a\uD800b"))));
    fails(ErrorCode.BAD_MESSAGE, () -> check(create(note, style, Optional.empty())));
    fails(ErrorCode.BAD_MESSAGE, () -> check(create(Ops.stroke(1, 1), style, Optional.of("x"))));
  }

  @Test
  @DisplayName("AN6: widths out of range and a highlighter pen on anything but ink are BAD_MESSAGE")
  void styles() {
    fails(ErrorCode.BAD_MESSAGE, () -> check(create(Ops.stroke(1, 1), Style.pen(new Rgb(0), 0), Optional.empty())));
    fails(ErrorCode.BAD_MESSAGE, () -> check(create(Ops.stroke(1, 1), Style.pen(new Rgb(0), 500), Optional.empty())));
    fails(ErrorCode.BAD_MESSAGE, () -> check(create(new Shape.Rectangle(new Rect(1, 1, 5, 5)),
        new Style(new Rgb(0), 2, Style.Tool.HIGHLIGHTER), Optional.empty())));
  }

  @Test
  @DisplayName("AN6: an edit keeps the kind and the document, changes something, and sets a text only on a note")
  void edits() {
    Optional<AnnotationState> ink = Optional.of(Ops.replica(List.of(Ops.ink(ID, AUTHOR, at(0, "t"), Visibility.SHARED)))
        .find(ID).orElseThrow());
    fails(ErrorCode.BAD_MESSAGE, () -> rules.checkContent(Ops.move(ID, AUTHOR, at(1, "t"),
        Ops.page(1, new Shape.Note(new Point(5, 5)))), ink, TWO_PAGES));
    fails(ErrorCode.BAD_MESSAGE, () -> rules.checkContent(new AnnotationOp.Edit(ID, AUTHOR, at(1, "t"),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), ink, TWO_PAGES));
    fails(ErrorCode.BAD_MESSAGE, () -> rules.checkContent(Ops.text(ID, AUTHOR, at(1, "t"), "x"), ink, TWO_PAGES));
    fails(ErrorCode.BAD_MESSAGE, () -> rules.checkContent(Ops.move(ID, AUTHOR, at(1, "t"), new Placement(
        new Anchor(java.util.UUID.randomUUID(), 1, 1), Ops.stroke(5, 5))), ink, TWO_PAGES));
    fails(ErrorCode.BAD_MESSAGE, () -> rules.checkContent(ink(new Shape.Note(new Point(1, 1))), ink, TWO_PAGES));
    assertThatCode(() -> rules.checkContent(Ops.recolour(ID, AUTHOR, at(1, "t"), 0xabcdef), ink, TWO_PAGES))
        .doesNotThrowAnyException();
  }

  @Test
  @DisplayName("AN6: too many people named in a visibility is PAYLOAD_TOO_LARGE")
  void people_limit() {
    List<java.util.UUID> many = new ArrayList<>();
    for (int i = 0; i <= AnnotationLimits.DEFAULTS.maxPeople(); i++) {
      many.add(java.util.UUID.randomUUID());
    }
    fails(ErrorCode.PAYLOAD_TOO_LARGE, () -> rules.checkContent(Ops.visibility(ID, AUTHOR, at(1, "t"),
        Visibility.People.of(many)), Optional.empty(), TWO_PAGES));
  }

  @Test
  @DisplayName("AN7: the per-page and per-person quotas of creates are CONFLICT")
  void quotas() {
    AnnotationLimits l = AnnotationLimits.DEFAULTS;
    assertThatCode(() -> rules.checkQuota(l.maxPerPage() - 1, l.maxPerPerson() - 1)).doesNotThrowAnyException();
    fails(ErrorCode.CONFLICT, () -> rules.checkQuota(l.maxPerPage(), 0));
    fails(ErrorCode.CONFLICT, () -> rules.checkQuota(0, l.maxPerPerson()));
  }

  @Test
  @DisplayName("AN9: an operation whose clock is more than max_clock_ahead ahead of the server is STALE_CLOCK")
  void clock_ahead() {
    AnnotationOp op = Ops.ink(ID, AUTHOR, Stamp.of(10_000_000, 0, "t"), Visibility.PRIVATE);
    assertThatCode(() -> rules.checkClock(op, 10_000_000 - 60_000)).doesNotThrowAnyException();
    fails(ErrorCode.STALE_CLOCK, () -> rules.checkClock(op, 10_000_000 - 3_600_000));
  }

  @Test
  @DisplayName("AN8: only the author edits or erases (FORBIDDEN for others who see it, NOT_FOUND for those who "
      + "don't); a taken id is CONFLICT; the chair alone moderates what it sees")
  void permissions() {
    AnnotationId priv = AnnotationId.random();
    AnnotationReplica server = Ops.replica(List.of(Ops.ink(ID, AUTHOR, at(0, "t"), Visibility.SHARED),
        Ops.ink(priv, AUTHOR, at(0, "t"), Visibility.PRIVATE)));
    Optional<AnnotationState> shared = server.find(ID);
    Optional<AnnotationState> hidden = server.find(priv);
    Viewer other = Viewer.member(OTHER);
    Viewer chair = VisibilityTest.chair;

    assertThatCode(() -> AnnotationRules.authorize(Ops.recolour(ID, AUTHOR, at(1, "t"), 1), shared,
        Viewer.member(AUTHOR))).doesNotThrowAnyException();
    fails(ErrorCode.FORBIDDEN, () -> AnnotationRules.authorize(Ops.recolour(ID, OTHER, at(1, "o"), 1), shared, other));
    fails(ErrorCode.FORBIDDEN, () -> AnnotationRules.authorize(new AnnotationOp.Erase(ID, OTHER, at(1, "o")), shared,
        other));
    fails(ErrorCode.NOT_FOUND, () -> AnnotationRules.authorize(Ops.recolour(priv, OTHER, at(1, "o"), 1), hidden,
        other));
    fails(ErrorCode.NOT_FOUND, () -> AnnotationRules.authorize(Ops.recolour(AnnotationId.random(), OTHER, at(1, "o"),
        1), Optional.empty(), other));
    fails(ErrorCode.CONFLICT, () -> AnnotationRules.authorize(Ops.ink(priv, OTHER, at(1, "o"), Visibility.SHARED),
        hidden, other));
    fails(ErrorCode.FORBIDDEN, () -> AnnotationRules.authorize(Ops.recolour(ID, AUTHOR, at(1, "o"), 1), shared, other));

    AnnotationOp hide = new AnnotationOp.Moderate(ID, CHAIR, at(2, "c"), Moderation.HIDDEN);
    assertThatCode(() -> AnnotationRules.authorize(hide, shared, chair)).doesNotThrowAnyException();
    fails(ErrorCode.FORBIDDEN, () -> AnnotationRules.authorize(new AnnotationOp.Moderate(ID, OTHER, at(2, "o"),
        Moderation.HIDDEN), shared, other));
    fails(ErrorCode.NOT_FOUND, () -> AnnotationRules.authorize(new AnnotationOp.Moderate(priv, CHAIR, at(2, "c"),
        Moderation.HIDDEN), hidden, chair));

    AnnotationReplica erased = Ops.replica(List.of(new AnnotationOp.Erase(ID, AUTHOR, at(3, "t"))));
    assertThatCode(() -> AnnotationRules.authorize(Ops.recolour(ID, AUTHOR, at(4, "t"), 1), erased.find(ID),
        Viewer.member(AUTHOR))).doesNotThrowAnyException();
    fails(ErrorCode.CONFLICT, () -> AnnotationRules.authorize(Ops.ink(ID, OTHER, at(4, "o"), Visibility.SHARED),
        erased.find(ID), other));
  }
}
