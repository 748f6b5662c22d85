package org.plenum.server.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plenum.server.annotation.Ops.at;
import static org.plenum.server.annotation.VisibilityTest.AUTHOR;
import static org.plenum.server.annotation.VisibilityTest.NAMED;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;

class AnnotationJsonTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final AnnotationId ID = AnnotationId.parse("6f1c1d3e-8a4b-4c1e-9f00-2b7a0c5d9e11");

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static List<AnnotationOp> everyKind() {
    Stamp s = at(0, "t");
    return List.of(
        Ops.ink(ID, AUTHOR, s, Visibility.People.of(List.of(NAMED))),
        new AnnotationOp.Create(ID, AUTHOR, s, Ops.page(2, new Shape.Highlight(List.of(Quad.of(new Rect(1, 2, 3, 4))),
            "Nghị quyết")), new Style(new Rgb(0xffff00), 1, Style.Tool.PEN), Visibility.SHARED, Optional.empty()),
        Ops.note(ID, AUTHOR, s, Visibility.PRESENTER, "Ghi chú"),
        new AnnotationOp.Create(ID, AUTHOR, s, Ops.page(1, new Shape.Ellipse(new Rect(5, 6, 7, 8))),
            Style.pen(new Rgb(1), 1.5), Visibility.PRIVATE, Optional.empty()),
        Ops.move(ID, AUTHOR, at(1, "t"), Ops.page(1, new Shape.Arrow(new Point(1, 2), new Point(3, 4)))),
        Ops.move(ID, AUTHOR, at(1, "t"), Ops.page(1, new Shape.Rectangle(new Rect(1, 2, 3, 4)))),
        Ops.text(ID, AUTHOR, at(2, "t"), "mới", at(0, "t"), at(1, "u")),
        Ops.recolour(ID, AUTHOR, at(3, "t"), 0xabcdef),
        new AnnotationOp.Erase(ID, AUTHOR, at(4, "t")),
        new AnnotationOp.Moderate(ID, AUTHOR, at(5, "t"), Moderation.HIDDEN));
  }

  @Test
  @DisplayName("AN2: every kind of operation reads back equal from its stored JSON")
  void round_trip() {
    for (AnnotationOp op : everyKind()) {
      assertThat(AnnotationJson.readStored(AnnotationJson.write(op))).isEqualTo(op);
    }
  }

  @Test
  @DisplayName("AN2, P2: a client's operation takes its author from the socket; 'by', unknown fields, wrong types "
      + "and unknown kinds are BAD_MESSAGE naming the field")
  void strict_reading() {
    String ok = "{'op':'create','id':'" + ID + "','stamp':{'ms':1,'c':0,'device':'t'},"
        + "'placement':{'anchor':{'document':'" + UUID.randomUUID() + "','version':1,'page':1},"
        + "'shape':{'kind':'NOTE','at':[1,2]}},'style':{'color':'#ffcc00','width':1,'tool':'PEN'},"
        + "'visibility':{'kind':'PRIVATE'},'text':'x'}";
    UUID me = UUID.randomUUID();
    assertThat(AnnotationJson.readFromClient(json(ok), "ops[0]", me).by()).isEqualTo(me);
    badMessage(ok.replace("'op':'create'", "'op':'create','by':'" + me + "'"), "ops[0].by");
    badMessage(ok.replace("'at':[1,2]", "'at':[1,2],'z':1"), "ops[0].placement.shape.z");
    badMessage(ok.replace("'at':[1,2]", "'at':[1,'2']"), "ops[0].placement.shape.at");
    badMessage(ok.replace("'kind':'NOTE'", "'kind':'STAMP'"), "ops[0].placement.shape.kind");
    badMessage(ok.replace("'op':'create'", "'op':'paint'"), "ops[0].op");
    badMessage(ok.replace("'color':'#ffcc00'", "'color':'yellow'"), "colour");
    badMessage(ok.replace("'c':0", "'c':1.5"), "ops[0].stamp.c");
    badMessage(ok.replace(",'text':'x'", "").replace("'style'", "'stile'"), "ops[0].style");
  }

  static void badMessage(String text, String mentioned) {
    assertThatThrownBy(() -> AnnotationJson.readFromClient(json(text), "ops[0]", UUID.randomUUID()))
        .isInstanceOfSatisfying(PlenumException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.BAD_MESSAGE);
          assertThat(e.getMessage()).contains(mentioned);
        });
  }

  @Test
  @DisplayName("AN5: a viewer other than the author sees the kind of visibility, not the list of people")
  void view_hides_people_from_others() {
    AnnotationReplica r = Ops.replica(List.of(Ops.ink(ID, AUTHOR, at(0, "t"), Visibility.People.of(List.of(NAMED)))));
    Annotation a = r.annotations().get(0);
    assertThat(AnnotationJson.view(a, Viewer.member(AUTHOR)).at("/visibility/people/0").asText())
        .isEqualTo(NAMED.toString());
    assertThat(AnnotationJson.view(a, Viewer.member(NAMED)).get("visibility").toString()).isEqualTo("{\"kind\":\"PEOPLE\"}");
    assertThatThrownBy(() -> AnnotationJson.view(a, Viewer.member(UUID.randomUUID())))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("AN3: the canonical form sorts keys at every level and lists annotations by id")
  void canonical_form() {
    AnnotationReplica r = Ops.replica(List.of(Ops.note(ID, AUTHOR, at(0, "t"), Visibility.SHARED, "x")));
    String canonical = r.canonical();
    assertThat(canonical).startsWith("[{\"author\":{\"stamp\":{\"c\":0,\"device\":\"t\",\"ms\":");
    assertThat(json(canonical).get(0).fieldNames()).toIterable()
        .containsExactly("author", "id", "placement", "style", "text", "visibility");
  }
}
