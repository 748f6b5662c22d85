package org.plenum.server.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.annotation.Annotating.accepted;
import static org.plenum.server.annotation.Annotating.anchor;
import static org.plenum.server.annotation.Annotating.create;
import static org.plenum.server.annotation.Annotating.ink;
import static org.plenum.server.annotation.Annotating.newId;
import static org.plenum.server.annotation.Annotating.note;
import static org.plenum.server.annotation.Annotating.stamp;
import static org.plenum.server.annotation.Annotating.sync;
import static org.plenum.server.annotation.Annotating.visibility;
import static org.plenum.server.annotation.ReanchoringTest.A;
import static org.plenum.server.annotation.ReanchoringTest.ANNEX;
import static org.plenum.server.annotation.ReanchoringTest.B;
import static org.plenum.server.annotation.ReanchoringTest.C;
import static org.plenum.server.annotation.ReanchoringTest.D;
import static org.plenum.server.annotation.ReanchoringTest.DROPPED;
import static org.plenum.server.annotation.ReanchoringTest.INTRO;
import static org.plenum.server.annotation.ReanchoringTest.SIGNATURES;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.LiveClient;
import org.plenum.server.testing.LiveMeetingFixture;

/** New versions carry annotations (AN10); exports open in independent readers (AN11) and XFDF round-trips (AN12). */
class AnnotationVersionsIT {
  static LiveMeetingFixture f;
  static String meeting;
  static Path dir = Path.of("target", "annotations-versions");

  @BeforeAll
  static void start() {
    f = LiveMeetingFixture.start();
    meeting = f.newMeeting();
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  static JsonObject highlight(TextLayer layer, int page, String phrase) {
    JsonArray quads = new JsonArray();
    for (Quad q : Pdfs.quads(Pdfs.select(layer, page, phrase))) {
      JsonArray corners = new JsonArray();
      q.corners().forEach(c -> corners.add(c.x()).add(c.y()));
      quads.add(corners);
    }
    return new JsonObject().put("kind", "HIGHLIGHT").put("quads", quads).put("quote", phrase);
  }

  @Test
  @DisplayName("AN10: a new version with a page inserted before the annotated one and a paragraph moved carries highlight, note and ink; "
      + "a highlight of dropped text is orphaned to its author only")
  void new_version_carries_annotations() throws Exception {
    Path v1 = Annotating.pdf(dir, "v1.pdf", List.of(Pdfs.page(INTRO, DROPPED), Pdfs.page(A, B, C), Pdfs.page(D), SIGNATURES));
    Path v2 = Annotating.pdf(dir, "v2.pdf", List.of(Pdfs.page(INTRO), ANNEX, Pdfs.page(A, C), Pdfs.page(B, D), SIGNATURES));
    TextLayer layer1 = TextLayerReader.read(v1);
    TextLayer layer2 = TextLayerReader.read(v2);
    String doc = Annotating.publish(f, meeting, v1, "Nghi-quyet-ngan-sach");
    String moved = newId();
    String nearNote = newId();
    String underline = newId();
    String orphan = newId();
    String phrase = "tăng cường kiểm tra giám sát chi tiêu công,";
    TextLayer.Word c1 = Pdfs.select(layer1, 2, "Điều 3.").get(0);
    TextLayer.Word a1 = Pdfs.select(layer1, 2, "Tổng thu").get(0);
    try (LiveClient author = f.client(meeting, "delegate1"); LiveClient other = f.client(meeting, "delegate2")) {
      accepted(author, create(moved, stamp("a"), anchor(doc, 1, 2), highlight(layer1, 2, phrase), visibility("SHARED")),
          note(nearNote, stamp("a"), anchor(doc, 1, 2), 520, c1.box().y1() + 4, "Xem lại điều 3", visibility("PRIVATE")),
          create(underline, stamp("a"), anchor(doc, 1, 2), ink(a1.box().x0(), a1.box().y0() - 2, a1.box().x0() + 200, a1.box().y0() - 2),
              visibility("PRIVATE")),
          create(orphan, stamp("a"), anchor(doc, 1, 1), highlight(layer1, 1, DROPPED.get(0)), visibility("PRIVATE")));
      assertThat(Annotating.newVersion(f, meeting, doc, v2)).isEqualTo(2);

      JsonObject orphaned = author.event("annotation.orphaned");
      assertThat(orphaned.getJsonObject("data").getString("id")).isEqualTo(orphan);
      assertThat(orphaned.getJsonObject("data").getString("reason")).isEqualTo("TEXT_NOT_FOUND");
      assertThat(orphaned.getString("by")).isNull();
      JsonObject carried = anchorOf(awaitVersion(author, doc, moved, 2));
      assertThat(carried.getInteger("page")).isEqualTo(4);
      JsonObject h = awaitVersion(author, doc, moved, 2).getJsonObject("placement").getJsonObject("shape");
      Rect quads = Rect.around(h.getJsonArray("quads").stream().map(JsonArray.class::cast)
          .flatMap(q -> java.util.stream.IntStream.range(0, 4).mapToObj(i -> new Point(q.getDouble(2 * i), q.getDouble(2 * i + 1)))).toList());
      Pdfs.select(layer2, 4, phrase).forEach(w -> assertThat(quads.contains(w.box().centre())).as(w.text()).isTrue());
      assertThat(anchorOf(awaitVersion(author, doc, nearNote, 2)).getInteger("page")).isEqualTo(3);
      assertThat(anchorOf(awaitVersion(author, doc, underline, 2)).getInteger("page")).isEqualTo(3);
      assertThat(anchorOf(AnnotationsIT.only(sync(author, doc, null), orphan)).getInteger("version")).as("never dropped").isEqualTo(1);

      assertThat(anchorOf(AnnotationsIT.only(sync(other, doc, null), moved)).getInteger("page")).isEqualTo(4);
      assertThat(other.command("ping", null).getString("type")).isEqualTo("pong");
      assertThat(other.events.stream().map(JsonObject::encode).filter(e -> e.contains(orphan) || e.contains(nearNote))).isEmpty();
    }
  }

  static JsonObject anchorOf(JsonObject annotation) {
    return annotation.getJsonObject("placement").getJsonObject("anchor");
  }

  /** The annotation once it is on {@code version} (carrying runs after the upload's commit). */
  static JsonObject awaitVersion(LiveClient c, String doc, String id, int version) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      JsonObject a = AnnotationsIT.only(sync(c, doc, null), id);
      if (anchorOf(a).getInteger("version") == version) {
        return a;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(id + " was not carried to version " + version);
  }

  @Test
  @DisplayName("AN11, AN12: the annotated PDF passes qpdf --check and holds Ink, Highlight, Text, Square, Circle and Line annotations; "
      + "XFDF exported and imported by another delegate keeps every annotation, and importing twice changes nothing")
  void export_and_xfdf_round_trip() throws Exception {
    Path v1 = Annotating.pdf(dir, "export.pdf", List.of(Pdfs.page(A, B), Pdfs.page(C)));
    TextLayer layer = TextLayerReader.read(v1);
    String doc = Annotating.publish(f, meeting, v1, "Xuat");
    JsonObject p1 = anchor(doc, 1, 1);
    List<String> ids = List.of(newId(), newId(), newId(), newId(), newId(), newId());
    try (LiveClient author = f.client(meeting, "delegate3"); LiveClient importer = f.client(meeting, "delegate4")) {
      accepted(author, create(ids.get(0), stamp("x"), p1, ink(100, 300, 150, 320, 200, 300), visibility("PRIVATE")),
          create(ids.get(1), stamp("x"), p1, highlight(layer, 1, "Tổng thu ngân sách"), visibility("SHARED")),
          note(ids.get(2), stamp("x"), p1, 400, 500, "Đồng ý một phần", visibility("PRIVATE")),
          create(ids.get(3), stamp("x"), p1, rect("RECTANGLE", 100, 100, 200, 150), visibility("PRIVATE")),
          create(ids.get(4), stamp("x"), p1, rect("ELLIPSE", 250, 100, 350, 150), visibility("PRIVATE")),
          create(ids.get(5), stamp("x"), anchor(doc, 1, 2), new JsonObject().put("kind", "ARROW").put("from", new JsonArray().add(100).add(400))
              .put("to", new JsonArray().add(200).add(450)), visibility("PRIVATE")));

      Path pdf = Files.createTempFile(Files.createDirectories(dir), "annotated-", ".pdf");
      Files.write(pdf, bytes("/api/meetings/" + meeting + "/documents/" + doc + "/versions/1/annotated", "delegate3"));
      Process check = new ProcessBuilder("qpdf", "--check", pdf.toString()).redirectErrorStream(true).start();
      String checked = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(check.waitFor()).as(checked).isZero();
      String json = AnnotationPrivacyIT.qpdfJson(pdf);
      assertThat(json).contains("\"/Ink\"", "\"/Highlight\"", "\"/Text\"", "\"/Square\"", "\"/Circle\"", "\"/Line\"");
      ids.forEach(id -> assertThat(json).contains(id));

      String xfdf = new String(bytes("/api/meetings/" + meeting + "/documents/" + doc + "/versions/1/annotations.xfdf", "delegate3"),
          StandardCharsets.UTF_8);
      assertThat(Xfdf.read(new ByteArrayInputStream(xfdf.getBytes(StandardCharsets.UTF_8)))).hasSize(6);
      String path = "/api/meetings/" + meeting + "/documents/" + doc + "/versions/1/annotations.xfdf";
      Api.Response first = f.api().raw("POST", path, "application/vnd.adobe.xfdf", xfdf.getBytes(StandardCharsets.UTF_8), f.token("delegate4"));
      assertThat(first.status()).as(first.toString()).isEqualTo(200);
      assertThat(first.json().getInteger("imported")).as(first.text()).isEqualTo(6);
      Set<String> kinds = sync(importer, doc, null).getJsonArray("annotations").stream().map(JsonObject.class::cast)
          .filter(a -> a.getString("author").equals(f.id("delegate4"))).map(a -> a.getString("kind")).collect(Collectors.toSet());
      assertThat(kinds).containsExactlyInAnyOrder("INK", "HIGHLIGHT", "NOTE", "RECTANGLE", "ELLIPSE", "ARROW");
      Api.Response again = f.api().raw("POST", path, "application/vnd.adobe.xfdf", xfdf.getBytes(StandardCharsets.UTF_8), f.token("delegate4"));
      assertThat(again.json().getInteger("imported")).isZero();
      assertThat(again.json().getInteger("unchanged")).isEqualTo(6);
      Api.Response doctype = f.api().raw("POST", path, "application/vnd.adobe.xfdf",
          ("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>" + xfdf.substring(xfdf.indexOf("<xfdf")))
              .getBytes(StandardCharsets.UTF_8), f.token("delegate4"));
      assertThat(doctype.status()).isEqualTo(400);
      assertThat(doctype.code()).isEqualTo("BAD_MESSAGE");
    }
  }

  static JsonObject rect(String kind, double x0, double y0, double x1, double y1) {
    return new JsonObject().put("kind", kind).put("rect", new JsonArray().add(x0).add(y0).add(x1).add(y1));
  }

  private static byte[] bytes(String path, String user) throws Exception {
    var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(f.api().base() + path))
        .header("Authorization", "Bearer " + f.token(user)).GET().build();
    var res = f.api().client().send(req, java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    assertThat(res.statusCode()).as(path).isEqualTo(200);
    return res.body();
  }

}
