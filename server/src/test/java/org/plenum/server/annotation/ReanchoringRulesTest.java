package org.plenum.server.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.annotation.ReanchoringTest.annotation;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The orphan reasons of AN10, on text layers written by hand (each character 6 pt wide, lines 20 pt apart). */
class ReanchoringRulesTest {
  static final Rect A4 = new Rect(0, 0, 595, 842);

  /** Pages of lines; each line's words laid out from x = 72, the first line's baseline at y = 770. */
  static TextLayer layer(List<List<String>> pages) {
    List<TextLayer.Page> out = new ArrayList<>();
    for (List<String> lines : pages) {
      List<TextLayer.Word> words = new ArrayList<>();
      double y = 770;
      for (String line : lines) {
        double x = 72;
        for (String w : line.split(" ")) {
          if (!w.isEmpty()) {
            words.add(new TextLayer.Word(w, new Rect(x, y - 3, x + 6 * w.length(), y + 9)));
          }
          x += 6 * (w.length() + 1);
        }
        y -= 20;
      }
      out.add(new TextLayer.Page(out.size() + 1, A4, words));
    }
    return new TextLayer(out);
  }

  static Annotation highlightOf(TextLayer layer, int page, String phrase) {
    return annotation(page, new Shape.Highlight(Pdfs.quads(Pdfs.select(layer, page, phrase)), phrase));
  }

  static Reanchored one(TextLayer before, TextLayer after, Annotation a) {
    return Reanchoring.carry(before, after, 2, List.of(a)).get(0);
  }

  static void orphaned(Reanchored r, Reanchored.Reason reason) {
    assertThat(r).isInstanceOfSatisfying(Reanchored.Orphaned.class, o -> assertThat(o.reason()).as(o.detail())
        .isEqualTo(reason));
  }

  @Test
  @DisplayName("AN10: text that is twice in the new version is placed by the words around it; with the same words "
      + "around both, it is AMBIGUOUS")
  void repeated_text() {
    String sentence = "in the budget for schools spending rises by ten percent this year for primary teachers";
    TextLayer before = layer(List.of(List.of(sentence)));
    Annotation h = highlightOf(before, 1, "rises by ten percent");
    TextLayer told = layer(List.of(List.of("intro", "for roads spending rises by ten percent next year due to repairs",
        sentence)));
    Reanchored r = one(before, told, h);
    assertThat(r).isInstanceOf(Reanchored.Moved.class);
    assertThat(((Reanchored.Moved) r).placement().shape().bounds().y0()).isLessThan(740); // the third line

    TextLayer same = layer(List.of(List.of("x rises by ten percent y", "x rises by ten percent y")));
    orphaned(one(layer(List.of(List.of("x rises by ten percent y"))), same,
        highlightOf(layer(List.of(List.of("x rises by ten percent y"))), 1, "rises by ten percent")),
        Reanchored.Reason.AMBIGUOUS);
  }

  @Test
  @DisplayName("AN10: a highlighted phrase now broken across a page is SPLIT_ACROSS_PAGES")
  void split() {
    TextLayer before = layer(List.of(List.of("alpha beta gamma delta epsilon")));
    TextLayer after = layer(List.of(List.of("alpha beta gamma"), List.of("delta epsilon")));
    orphaned(one(before, after, highlightOf(before, 1, "beta gamma delta")), Reanchored.Reason.SPLIT_ACROSS_PAGES);
  }

  @Test
  @DisplayName("AN10: far from text on a page no new page matches (or a page without text) is NO_TEXT_NEARBY")
  void no_text_nearby() {
    Annotation box = annotation(1, new Shape.Rectangle(new Rect(100, 50, 200, 100)));
    TextLayer before = layer(List.of(List.of("one two three four five six seven eight nine ten")));
    orphaned(one(before, layer(List.of(List.of("one two three"))), box), Reanchored.Reason.NO_TEXT_NEARBY);
    orphaned(one(layer(List.of(List.of())), layer(List.of(List.of())), box), Reanchored.Reason.NO_TEXT_NEARBY);
  }

  @Test
  @DisplayName("AN10: an annotation that its text would carry off the new page is OFF_PAGE")
  void off_page() {
    TextLayer before = layer(List.of(List.of("w1 w2 w3 w4 w5 w6 w7")));
    List<String> pushedDown = new ArrayList<>();
    for (int i = 0; i < 38; i++) {
      pushedDown.add("filler" + i);
    }
    pushedDown.add("w1 w2 w3 w4 w5 w6 w7"); // now at y = 10
    Annotation below = annotation(1, Ops.stroke(72, 700, 100, 700));
    orphaned(one(before, layer(List.of(pushedDown)), below), Reanchored.Reason.OFF_PAGE);
  }

  @Test
  @DisplayName("AN10: an annotation on a page the old version does not have is PAGE_NOT_FOUND")
  void page_not_found() {
    TextLayer before = layer(List.of(List.of("a b c")));
    orphaned(one(before, before, annotation(3, new Shape.Note(new Point(1, 1)))), Reanchored.Reason.PAGE_NOT_FOUND);
  }
}
