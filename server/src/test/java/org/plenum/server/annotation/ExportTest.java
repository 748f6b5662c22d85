package org.plenum.server.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plenum.server.annotation.Ops.at;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenum.server.pdf.WatermarkerTest;

/**
 * Draft rules AN11 (the annotated PDF) and AN12 (XFDF), on a real two-page PDF: a reader's annotations of every
 * kind, someone else's shared and private ones, and one on another version.
 */
class ExportTest {
  static final UUID READER = UUID.fromString("00000000-0000-4000-8000-0000000000a1");
  static final UUID OTHER = UUID.fromString("00000000-0000-4000-8000-0000000000b2");
  static final Function<UUID, String> NAMES = Map.of(READER, "Lê Văn Cường", OTHER, "Phạm Thị Dung")::get;
  static final Viewer reader = Viewer.member(READER);

  @TempDir static Path dir;
  static Path pdf;
  static List<Annotation> mine;
  static Annotation othersShared;
  static Annotation othersPrivate;
  static Annotation otherVersion;
  static List<Annotation> all;

  static Annotation make(UUID by, int version, int page, Shape shape, Style style, Visibility visibility,
      Optional<String> text) {
    AnnotationId id = AnnotationId.random();
    return Ops.replica(List.of(new AnnotationOp.Create(id, by, at(0, "t"), new Placement(new Anchor(Ops.DOC, version,
        page), shape), style, visibility, text))).annotations().get(0);
  }

  static Annotation mine(int page, Shape shape, Style style, Optional<String> text) {
    return make(READER, 1, page, shape, style, Visibility.PRIVATE, text);
  }

  @BeforeAll
  static void annotate() {
    pdf = Pdfs.write(dir.resolve("agenda.pdf"), List.of(Pdfs.page(ReanchoringTest.A), Pdfs.page(ReanchoringTest.B)));
    mine = List.of(
        mine(1, new Shape.Ink(List.of(new InkPoint(100.5, 600.25, 0.2), new InkPoint(180, 640, 0.9),
            new InkPoint(260.125, 610, 0.6))), Style.pen(new Rgb(0xd62828), 2.5), Optional.empty()),
        mine(1, new Shape.Ink(List.of(new InkPoint(72, 700, 0.5), new InkPoint(400, 700, 0.5))),
            new Style(new Rgb(0xffd60a), 12, Style.Tool.HIGHLIGHTER), Optional.empty()),
        mine(1, new Shape.Highlight(List.of(Quad.of(new Rect(72, 766.5, 310, 781)), Quad.of(new Rect(72, 748.5, 200,
            763))), "Tổng thu ngân sách nhà nước"), Style.pen(new Rgb(0xffff00), 1), Optional.empty()),
        mine(2, new Shape.Note(new Point(520, 780)), Style.pen(new Rgb(0xffcc00), 1),
            Optional.of("Đề nghị làm rõ nguồn vốn\ncho dự án (mục 2).")),
        mine(2, new Shape.Rectangle(new Rect(60, 720, 540, 790)), Style.pen(new Rgb(0x1d3557), 1.5), Optional.empty()),
        mine(2, new Shape.Ellipse(new Rect(300, 400, 420, 460)), Style.pen(new Rgb(0x2a9d8f), 3), Optional.empty()),
        mine(2, new Shape.Arrow(new Point(450, 300), new Point(380, 410)), Style.pen(new Rgb(0xe76f51), 2),
            Optional.empty()));
    othersShared = make(OTHER, 1, 1, Ops.stroke(300, 300, 350, 320), Style.pen(new Rgb(0x000000), 1),
        Visibility.SHARED, Optional.empty());
    othersPrivate = make(OTHER, 1, 1, Ops.stroke(310, 310, 360, 330), Style.pen(new Rgb(0x000000), 1),
        Visibility.PRIVATE, Optional.empty());
    otherVersion = make(READER, 2, 1, Ops.stroke(1, 1, 2, 2), Style.pen(new Rgb(0), 1), Visibility.PRIVATE,
        Optional.empty());
    all = new ArrayList<>(mine);
    all.addAll(List.of(othersShared, othersPrivate, otherVersion));
  }

  static Path annotated() throws IOException {
    Path out = dir.resolve("annotated.pdf");
    try (OutputStream o = Files.newOutputStream(out)) {
      assertThat(AnnotatedPdf.write(pdf, Ops.DOC, 1, all, reader, NAMES, o)).isEqualTo(mine.size() + 1);
    }
    return out;
  }

  @Test
  @DisplayName("AN11: the annotated PDF passes qpdf --check and holds, per qpdf --json, one standard annotation "
      + "with an appearance for each annotation the reader may see — and none for someone else's private one")
  void annotated_pdf() throws Exception {
    Path out = annotated();
    WatermarkerTest.assertQpdfClean(out);
    JsonNode json = new ObjectMapper().readTree(WatermarkerTest.run(List.of("qpdf", "--json=2", "--json-key=qpdf",
        out.toString())));
    Map<String, String> subtypeByName = new java.util.TreeMap<>();
    json.get("qpdf").get(1).fields().forEachRemaining(e -> {
      JsonNode value = e.getValue().path("value");
      if (value.has("/NM")) {
        assertThat(value.has("/AP")).as("appearance of " + value).isTrue();
        subtypeByName.put(value.get("/NM").asText().replace("u:", ""), value.get("/Subtype").asText());
      }
    });
    assertThat(subtypeByName.values()).containsExactlyInAnyOrder("/Ink", "/Ink", "/Highlight", "/Text", "/Square",
        "/Circle", "/Line", "/Ink");
    assertThat(subtypeByName).containsKey(othersShared.id().toString())
        .doesNotContainKeys(othersPrivate.id().toString(), otherVersion.id().toString());
  }

  @Test
  @DisplayName("AN12: the XFDF export, read back with PDFBox's XFDF parser, keeps every annotation: id, page, kind, "
      + "geometry, colour, width, tool and text (pen pressure has no place in XFDF)")
  void xfdf_round_trip() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(Xfdf.write(Ops.DOC, 1, all, reader, NAMES, "agenda.pdf", out)).isEqualTo(mine.size() + 1);
    String xml = out.toString(StandardCharsets.UTF_8);
    assertThat(xml).doesNotContain(othersPrivate.id().toString()).contains("Đề nghị làm rõ nguồn vốn");

    List<Xfdf.Found> found = Xfdf.read(new ByteArrayInputStream(out.toByteArray()));
    AnnotationReplica imported = Ops.replica(found.stream().map(f -> f.toCreate(READER, Ops.DOC, 1, at(9, "t")))
        .toList());
    List<Annotation> expected = new ArrayList<>(mine);
    expected.add(othersShared);
    assertThat(imported.annotations()).hasSize(expected.size());
    for (Annotation original : expected) {
      Annotation back = imported.find(original.id()).flatMap(AnnotationState::view).orElseThrow(
          () -> new AssertionError("lost " + original.kind() + " " + original.id() + " in\n" + xml));
      assertThat(back.placement()).as(original.kind().name()).isEqualTo(withoutPressure(original.placement()));
      assertThat(back.style()).as(original.kind().name()).isEqualTo(original.style());
      assertThat(back.text()).isEqualTo(original.text());
    }
  }

  static Placement withoutPressure(Placement p) {
    if (p.shape() instanceof Shape.Ink ink) {
      return new Placement(p.anchor(), new Shape.Ink(ink.samples().stream()
          .map(s -> new InkPoint(s.x(), s.y(), PdfAnnotations.NO_PRESSURE)).toList()));
    }
    return p;
  }

  @Test
  @DisplayName("AN12: XFDF from another PDF app imports its kinds (free text as a note) with ids derived from its "
      + "names, the same on every import, and leaves out kinds Plenum does not have")
  void xfdf_from_another_app() throws Exception {
    String xfdf = """
        <?xml version="1.0" encoding="UTF-8"?>
        <xfdf xmlns="http://ns.adobe.com/xfdf/" xml:space="preserve">
         <annots>
          <highlight page="0" rect="72,760,300,781" color="#FFFF00" name="hl-1" title="Okular"
             coords="72,781,300,781,72,766,300,766"><contents>Tổng thu</contents></highlight>
          <freetext page="1" rect="100,500,300,540" name="ft-7"><contents>Ý kiến: đồng ý</contents></freetext>
          <polygon page="0" rect="0,0,10,10" name="pg"><vertices>0,0;10,0;10,10</vertices></polygon>
          <ink page="1" rect="0,0,100,100" color="#0000FF" width="3" name="ink-2">
           <inklist><gesture>10,10;20,20;30,15</gesture><gesture>50,50;60,60</gesture></inklist>
          </ink>
         </annots>
        </xfdf>
        """;
    List<Xfdf.Found> found = Xfdf.read(new ByteArrayInputStream(xfdf.getBytes(StandardCharsets.UTF_8)));
    assertThat(found).extracting(f -> f.shape().kind()).containsExactly(AnnotationKind.HIGHLIGHT,
        AnnotationKind.NOTE, AnnotationKind.INK, AnnotationKind.INK);
    assertThat(found).extracting(Xfdf.Found::page).containsExactly(1, 2, 2, 2);
    assertThat(found.get(1).text()).contains("Ý kiến: đồng ý");
    assertThat(found.get(2).style()).isEqualTo(Style.pen(new Rgb(0x0000ff), 3));
    List<AnnotationId> ids = found.stream().map(f -> f.toCreate(READER, Ops.DOC, 1, at(0, "t")).id()).toList();
    List<AnnotationId> again = Xfdf.read(new ByteArrayInputStream(xfdf.getBytes(StandardCharsets.UTF_8))).stream()
        .map(f -> f.toCreate(READER, Ops.DOC, 1, at(0, "t")).id()).toList();
    assertThat(ids).doesNotHaveDuplicates().isEqualTo(again);
  }

  @Test
  @DisplayName("AN12: an XFDF file with a DOCTYPE (an external entity) is refused, nothing read")
  void xfdf_with_doctype_is_refused() {
    String evil = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
        + "<xfdf xmlns=\"http://ns.adobe.com/xfdf/\"><annots><text page=\"0\" rect=\"0,0,1,1\"><contents>&e;</contents>"
        + "</text></annots></xfdf>";
    assertThatThrownBy(() -> Xfdf.read(new ByteArrayInputStream(evil.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(IOException.class);
  }
}
