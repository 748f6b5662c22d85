package org.plenum.server.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.annotation.Annotating.accepted;
import static org.plenum.server.annotation.Annotating.anchor;
import static org.plenum.server.annotation.Annotating.create;
import static org.plenum.server.annotation.Annotating.edit;
import static org.plenum.server.annotation.Annotating.ink;
import static org.plenum.server.annotation.Annotating.newId;
import static org.plenum.server.annotation.Annotating.note;
import static org.plenum.server.annotation.Annotating.stamp;
import static org.plenum.server.annotation.Annotating.sync;
import static org.plenum.server.annotation.Annotating.visibility;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.LiveClient;
import org.plenum.server.testing.LiveMeetingFixture;
import org.plenum.server.testing.LogCapture;

/**
 * The privacy walk (AN5): a delegate's private annotations, looked for by other participants — a delegate, the chair,
 * the administrator — on every path a client or an operator has: live events, resume replay, snapshot,
 * annotation.sync, the REST ledger, the annotated PDF, XFDF, search and the server's log. A shared annotation made at
 * the same time shows that each path works.
 */
class AnnotationPrivacyIT {
  static final String MARKER = "Bí mật riêng tư qz7";
  static LiveMeetingFixture f;
  static String meeting;
  static String doc;
  static Path dir = Path.of("target", "annotations-privacy");

  @BeforeAll
  static void start() {
    f = LiveMeetingFixture.start();
    meeting = f.newMeeting();
    doc = Annotating.publish(f, meeting, Annotating.pdf(dir, "doc.pdf", List.of(Pdfs.page("Nghị quyết về ngân sách", "Điều 1"))), "Nghi-quyet");
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  @Test
  @DisplayName("AN5, AN11, AN12, AN13: a private annotation as another participant sees it — events, replay, snapshot, sync, ledger, PDF, XFDF, search, logs — is nowhere")
  void privacy_walk() throws Exception {
    String secretNote = newId();
    String secretInk = newId();
    String shared = newId();
    List<String> secrets = List.of(secretNote, secretInk, MARKER, "qz7");
    try (LogCapture log = new LogCapture(); LiveClient d2 = f.client(meeting, "delegate2"); LiveClient chair = f.client(meeting, "chair");
         LiveClient author = f.client(meeting, "delegate1")) {
      accepted(author, note(secretNote, stamp("a"), anchor(doc, 1, 1), 300, 700, MARKER, visibility("PRIVATE")),
          create(secretInk, stamp("a"), anchor(doc, 1, 1), ink(100, 600, 180, 640), visibility("PRIVATE")));
      accepted(author, edit(secretNote, stamp("a"), "style", new JsonObject().put("color", "#00ff00").put("width", 3.0).put("tool", "PEN")));
      long last = accepted(author, note(shared, stamp("a"), anchor(doc, 1, 1), 320, 700, "Ý kiến công khai", visibility("SHARED")));
      author.sendText(AnnotationsIT.strokeOn(doc, newId(), "PRIVATE", "st1").encode());

      List<String> seen = new ArrayList<>();
      for (LiveClient other : List.of(d2, chair)) {
        assertThat(LiveMeetingFixture.eventAt(other, last).getJsonObject("data").getString("id")).isEqualTo(shared);
        assertThat(other.command("ping", null).getString("type")).isEqualTo("pong");
        seen.add("live " + other.events);
        try (LiveClient replayed = new LiveClient(f.api(), f.server().port(), meeting, other.token())) {
          replayed.connect();
          replayed.awaitSeq(last, 10);
          seen.add("replay " + replayed.events);
          replayed.drainInbox();
          seen.add("snapshot " + replayed.open().resume(null).encode() + replayed.next(fr -> "snapshot".equals(fr.getString("type"))).encode());
        }
        String sync = sync(other, doc, null).encode();
        assertThat(sync).contains(shared);
        seen.add("sync " + sync + sync(other, doc, 0L).encode());
      }
      for (String user : List.of("delegate2", "chair", "admin")) {
        String token = f.token(user);
        Api.Response ledger = f.api().get("/api/meetings/" + meeting + "/ledger?after=0&limit=1000", token);
        assertThat(ledger.status()).isEqualTo(200);
        seen.add("ledger " + ledger.text());
        seen.add("snapshot " + f.api().get("/api/meetings/" + meeting + "/snapshot", token).text());
        for (String q : List.of("bi mat", "Bí mật", "qz7", "rieng tu")) {
          Api.Response found = f.api().get("/api/meetings/" + meeting + "/annotations/search?q=" + java.net.URLEncoder.encode(q,
              StandardCharsets.UTF_8), token);
          assertThat(found.status()).isEqualTo(200);
          seen.add("search " + found.json().getJsonArray("results").encode());
        }
      }
      String xfdf = f.api().get("/api/meetings/" + meeting + "/documents/" + doc + "/versions/1/annotations.xfdf", f.token("delegate2")).text();
      assertThat(xfdf).contains(shared);
      seen.add("xfdf " + xfdf);
      String pdfJson = qpdfJson(download("delegate2"));
      assertThat(pdfJson).contains(shared);
      seen.add("pdf " + pdfJson);
      String searchShared = f.api().get("/api/meetings/" + meeting + "/annotations/search?q=cong%20khai", f.token("delegate2")).text();
      assertThat(searchShared).contains(shared);

      for (String s : seen) {
        for (String secret : secrets) {
          assertThat(s).as("a private annotation leaked").doesNotContain(secret);
        }
      }
      String mine = f.api().get("/api/meetings/" + meeting + "/annotations/search?q=bi%20mat", f.token("delegate1")).text();
      assertThat(mine).as("the author finds it").contains(secretNote);
      assertThat(qpdfJson(download("delegate1"))).contains(secretNote, secretInk);
      for (String line : log.lines()) {
        for (String secret : secrets) {
          assertThat(line).as("the log names a private annotation").doesNotContain(secret);
        }
      }
    }
  }

  @Test
  @DisplayName("AN5, AN8: the chair hides a shared annotation — others get {id, revoked}, author and chair still see it, the ledger records the chair")
  void chair_hides_shared_annotation() {
    String id = newId();
    try (LiveClient author = f.client(meeting, "delegate3"); LiveClient other = f.client(meeting, "delegate4");
         LiveClient chair = f.client(meeting, "chair")) {
      accepted(author, note(id, stamp("a"), anchor(doc, 1, 1), 50, 50, "Ý kiến cần ẩn", visibility("SHARED")));
      long hid = accepted(chair, new JsonObject().put("op", "moderate").put("id", id).put("stamp", stamp("chair")).put("moderation", "HIDDEN"));
      JsonObject revoked = LiveMeetingFixture.eventAt(other, hid);
      assertThat(revoked.getJsonObject("data")).isEqualTo(new JsonObject().put("id", id).put("documentId", doc).put("revoked", true));
      assertThat(revoked.getString("by")).isEqualTo(f.id("chair"));
      assertThat(LiveMeetingFixture.eventAt(author, hid).getJsonObject("data").getJsonObject("annotation").getString("moderation"))
          .isEqualTo("HIDDEN");
      assertThat(sync(chair, doc, null).encode()).contains(id);
      assertThat(sync(other, doc, null).encode()).doesNotContain(id);
      Annotating.refused(Annotating.pushOne(other, new JsonObject().put("op", "moderate").put("id", id).put("stamp", stamp("o"))
          .put("moderation", "VISIBLE")), "NOT_FOUND");
    }
  }

  private static Path download(String user) throws IOException, InterruptedException {
    var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(f.api().base() + "/api/meetings/" + meeting + "/documents/" + doc
        + "/versions/1/annotated")).header("Authorization", "Bearer " + f.token(user)).GET().build();
    var res = f.api().client().send(req, java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    assertThat(res.statusCode()).isEqualTo(200);
    Path out = Files.createTempFile(Files.createDirectories(dir), user + "-", ".pdf");
    Files.write(out, res.body());
    return out;
  }

  /** The PDF as qpdf, an independent reader, sees it: every object as JSON (strings decoded). */
  static String qpdfJson(Path pdf) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("qpdf", "--json", pdf.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }
}
