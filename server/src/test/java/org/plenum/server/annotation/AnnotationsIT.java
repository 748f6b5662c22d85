package org.plenum.server.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.annotation.Annotating.accepted;
import static org.plenum.server.annotation.Annotating.anchor;
import static org.plenum.server.annotation.Annotating.create;
import static org.plenum.server.annotation.Annotating.edit;
import static org.plenum.server.annotation.Annotating.editText;
import static org.plenum.server.annotation.Annotating.erase;
import static org.plenum.server.annotation.Annotating.ink;
import static org.plenum.server.annotation.Annotating.newId;
import static org.plenum.server.annotation.Annotating.note;
import static org.plenum.server.annotation.Annotating.push;
import static org.plenum.server.annotation.Annotating.pushOne;
import static org.plenum.server.annotation.Annotating.refused;
import static org.plenum.server.annotation.Annotating.stamp;
import static org.plenum.server.annotation.Annotating.stampAt;
import static org.plenum.server.annotation.Annotating.sync;
import static org.plenum.server.annotation.Annotating.visibility;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.LiveClient;
import org.plenum.server.testing.LiveMeetingFixture;

/** Annotations through the real socket (§14): push and its acks, sync for offline tablets, convergence, limits, live strokes. */
class AnnotationsIT {
  static LiveMeetingFixture f;
  static String meeting;
  static String doc;

  @BeforeAll
  static void start() {
    f = LiveMeetingFixture.start(Map.of("PLENUM_ANNOTATIONS_MAX_PER_PAGE", "4", "PLENUM_ANNOTATIONS_MAX_POINTS_PER_STROKE", "50"));
    meeting = f.newMeeting();
    Path pdf = Annotating.pdf(Path.of("target", "annotations-it"), "agenda.pdf",
        List.of(Pdfs.page("Dự toán ngân sách năm 2027", "Báo cáo tình hình kinh tế"), Pdfs.page("Trang hai")));
    doc = Annotating.publish(f, meeting, pdf, "Du-toan");
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  static JsonObject page1() {
    return anchor(doc, 1, 1);
  }

  @Test
  @DisplayName("AN4: an accepted operation is acked with its seq after commit; pushed again it is acked with the same seq and stored once")
  void push_is_acked_after_commit_and_idempotent() {
    try (LiveClient a = f.client(meeting, "delegate1"); LiveClient b = f.client(meeting, "delegate2")) {
      String id = newId();
      JsonObject op = create(id, stamp("tab-a"), page1(), ink(100, 600, 180, 640), visibility("SHARED"));
      JsonObject ack = push(a, op);
      long seq = ack.getJsonArray("results").getJsonObject(0).getLong("seq");
      assertThat(ack.getLong("seq")).isEqualTo(seq);
      JsonObject seen = LiveMeetingFixture.eventAt(b, seq);
      assertThat(seen.getString("type")).isEqualTo("annotation.changed");
      assertThat(seen.getJsonObject("data").getJsonObject("annotation").getString("id")).isEqualTo(id);
      assertThat(seen.getJsonObject("data").getJsonObject("annotation").getString("author")).isEqualTo(f.id("delegate1"));

      JsonObject again = push(a, op);
      assertThat(again.getJsonArray("results").getJsonObject(0).getLong("seq")).isEqualTo(seq);
      long stored = f.ledger(meeting).stream().map(JsonObject.class::cast).filter(e -> e.getString("type").equals("annotation.changed"))
          .filter(e -> id.equals(e.getJsonObject("data").getString("id"))).count();
      assertThat(stored).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("AN4: a batch is applied op by op; a refused op changes nothing and the ones before and after it stay")
  void batch_results_per_operation() {
    try (LiveClient a = f.client(meeting, "delegate3")) {
      String good1 = newId();
      String good2 = newId();
      JsonObject ack = push(a, note(good1, stamp("tab-c"), page1(), 300, 500, "Một", visibility("PRIVATE")),
          note(newId(), stamp("tab-c"), anchor(doc, 1, 99), 300, 500, "trang không có", visibility("PRIVATE")),
          note(good2, stamp("tab-c"), page1(), 310, 500, "Hai", visibility("PRIVATE")));
      JsonArray results = ack.getJsonArray("results");
      assertThat(results.getJsonObject(0).getLong("seq")).isNotNull();
      refused(results.getJsonObject(1), "NOT_FOUND");
      assertThat(results.getJsonObject(2).getLong("seq")).isNotNull();
      assertThat(ack.getLong("seq")).isEqualTo(results.getJsonObject(2).getLong("seq"));
      JsonArray all = sync(a, doc, null).getJsonArray("annotations");
      assertThat(all.stream().map(o -> ((JsonObject) o).getString("id")).toList()).contains(good1, good2);
    }
  }

  @Test
  @DisplayName("AN3, AN4: two tablets of one person edit a shared note offline; after reconnect, in both orders, every tablet holds both texts")
  void two_tablets_of_one_person_converge() {
    for (boolean aFirst : new boolean[] {true, false}) {
      String id = newId();
      String textA = "Tablet A " + aFirst;
      String textB = "Tablet B " + aFirst;
      JsonObject original;
      try (LiveClient a = f.client(meeting, "delegate4")) {
        original = stamp("ipad-a");
        accepted(a, note(id, original, page1(), 200, 300, "Ý kiến ban đầu", visibility("SHARED")));
      }
      // both tablets go offline with the original text on screen, and each writes its own
      JsonObject editA = editText(id, stamp("ipad-a"), textA, original);
      JsonObject editB = editText(id, stamp("ipad-b"), textB, original);
      LiveClient first = f.client(meeting, "delegate4");
      LiveClient second = f.client(meeting, "delegate4");
      try (first; second) {
        accepted(aFirst ? first : second, aFirst ? editA : editB);
        accepted(aFirst ? second : first, aFirst ? editB : editA);
        JsonObject onA = only(sync(first, doc, null), id);
        JsonObject onB = only(sync(second, doc, null), id);
        assertThat(onA).isEqualTo(onB);
        assertThat(onA.getJsonArray("texts").stream().map(t -> ((JsonObject) t).getString("text")).toList())
            .containsExactlyInAnyOrder(textA, textB);
      }
      try (LiveClient other = f.client(meeting, "delegate5")) {
        assertThat(only(sync(other, doc, null), id).getJsonArray("texts")).hasSize(2);
      }
    }
  }

  @Test
  @DisplayName("AN2, AN8: two people edit offline — each their own annotation, one also tries the other's shared note — and converge in both orders")
  void two_people_converge() {
    for (boolean firstFirst : new boolean[] {true, false}) {
      String mine = newId();
      String theirs = newId();
      try (LiveClient d1 = f.client(meeting, "delegate1"); LiveClient d2 = f.client(meeting, "delegate2")) {
        accepted(d1, note(mine, stamp("d1"), page1(), 100, 100, "Của đại biểu 1", visibility("SHARED")));
        accepted(d2, note(theirs, stamp("d2"), page1(), 120, 100, "Của đại biểu 2", visibility("SHARED")));
        List<JsonObject[]> offline1 = List.<JsonObject[]>of(new JsonObject[] {edit(mine, stamp("d1"), "style",
            new JsonObject().put("color", "#0000ff").put("width", 1.0).put("tool", "PEN"))});
        List<JsonObject[]> offline2 = List.<JsonObject[]>of(new JsonObject[] {edit(theirs, stamp("d2"), "visibility", visibility("PEOPLE",
            f.id("delegate1"))), editText(mine, stamp("d2"), "Sửa của người khác")});
        List<JsonObject> results = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
          boolean one = (round == 0) == firstFirst;
          for (JsonObject[] ops : one ? offline1 : offline2) {
            results.addAll(push(one ? d1 : d2, ops).getJsonArray("results").stream().map(JsonObject.class::cast).toList());
          }
        }
        assertThat(results.stream().filter(r -> "FORBIDDEN".equals(r.getString("code"))).count())
            .as("the other person's note is not theirs to edit: " + results).isEqualTo(1);
        JsonObject s1 = sync(d1, doc, null);
        JsonObject s2 = sync(d2, doc, null);
        assertThat(only(s1, mine)).isEqualTo(only(s2, mine));
        assertThat(only(s1, mine).getJsonObject("style").getString("color")).isEqualTo("#0000ff");
        assertThat(only(s1, theirs).getJsonObject("visibility").getString("kind")).isEqualTo("PEOPLE");
        assertThat(only(s1, theirs).getJsonObject("visibility").containsKey("people")).as("only the author sees the list").isFalse();
        assertThat(only(s2, theirs).getJsonObject("visibility").getJsonArray("people")).containsExactly(f.id("delegate1"));
      }
    }
  }

  @Test
  @DisplayName("AN4: annotation.sync with a cursor answers what changed after it, erased ones as ids, and the seq to continue from")
  void sync_with_cursor() {
    try (LiveClient a = f.client(meeting, "delegate5"); LiveClient b = f.client(meeting, "delegate6")) {
      String keep = newId();
      String gone = newId();
      accepted(a, note(keep, stamp("t5"), page1(), 50, 50, "giữ", visibility("SHARED")),
          note(gone, stamp("t5"), page1(), 60, 50, "xóa", visibility("SHARED")));
      long cursor = sync(b, doc, null).getLong("seq");
      accepted(a, erase(gone, stamp("t5")), editText(keep, stamp("t5"), "giữ lại"));
      JsonObject since = sync(b, doc, cursor);
      assertThat(since.getJsonArray("annotations").stream().map(o -> ((JsonObject) o).getString("id")).toList()).containsExactly(keep);
      assertThat(since.getJsonArray("erased")).containsExactly(gone);
      assertThat(since.getLong("seq")).isGreaterThan(cursor);
      JsonObject nothing = sync(b, doc, since.getLong("seq"));
      assertThat(nothing.getJsonArray("annotations")).isEmpty();
      assertThat(nothing.getJsonArray("erased")).isEmpty();
    }
  }

  @Test
  @DisplayName("AN6, AN7, AN8, AN9: bad input gets a typed result per operation and nothing accepted is lost")
  void limits() {
    try (LiveClient a = f.client(meeting, "secretary"); LiveClient other = f.client(meeting, "delegate6")) {
      JsonObject p = page1();
      refused(pushOne(a, create(newId(), stamp("s"), p, ink(100, 5000), visibility("PRIVATE"))), "BAD_MESSAGE");
      refused(pushOne(a, create(newId(), stamp("s"), p, ink(100, 1e308 * 10), visibility("PRIVATE"))), "BAD_MESSAGE");
      refused(pushOne(a, create(newId(), stamp("s"), anchor(doc, 7, 1), ink(1, 1, 2, 2), visibility("PRIVATE"))), "NOT_FOUND");
      refused(pushOne(a, create(newId(), stamp("s"), anchor(newId(), 1, 1), ink(1, 1, 2, 2), visibility("PRIVATE"))), "NOT_FOUND");
      double[] many = new double[120];
      java.util.Arrays.fill(many, 100);
      refused(pushOne(a, create(newId(), stamp("s"), p, ink(many), visibility("PRIVATE"))), "PAYLOAD_TOO_LARGE");
      refused(pushOne(a, note(newId(), stamp("s"), p, 10, 10, "x".repeat(4001), visibility("PRIVATE"))), "PAYLOAD_TOO_LARGE");
      refused(pushOne(a, create(newId(), stampAt(System.currentTimeMillis() + 3_600_000, "s"), p, ink(1, 1, 2, 2), visibility("PRIVATE"))),
          "STALE_CLOCK");
      refused(pushOne(a, create(newId(), stamp("s"), p, ink(1, 1, 2, 2), visibility("PRIVATE")).put("by", f.id("secretary"))), "BAD_MESSAGE");

      String shared = newId();
      String secret = newId();
      accepted(other, note(shared, stamp("o"), p, 10, 10, "chia sẻ", visibility("SHARED")),
          note(secret, stamp("o"), p, 12, 10, "riêng", visibility("PRIVATE")));
      refused(pushOne(a, editText(shared, stamp("s"), "không phải của tôi")), "FORBIDDEN");
      refused(pushOne(a, erase(secret, stamp("s"))), "NOT_FOUND");
      refused(pushOne(a, create(shared, stamp("s"), p, ink(1, 1, 2, 2), visibility("PRIVATE"))), "CONFLICT");

      List<String> mine = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String id = newId();
        mine.add(id);
        accepted(a, create(id, stamp("s"), anchor(doc, 1, 2), ink(10 + i, 10, 20, 20), visibility("PRIVATE")));
      }
      refused(pushOne(a, create(newId(), stamp("s"), anchor(doc, 1, 2), ink(1, 1, 2, 2), visibility("PRIVATE"))), "CONFLICT");
      JsonArray ops = new JsonArray();
      for (int i = 0; i < 51; i++) {
        ops.add(erase(mine.get(0), stamp("s")));
      }
      LiveMeetingFixture.rejected(a.command("annotation.push", new JsonObject().put("ops", ops)), "PAYLOAD_TOO_LARGE");
      LiveMeetingFixture.rejected(a.command("annotation.push", new JsonObject().put("ops", new JsonArray())), "BAD_MESSAGE");
      LiveMeetingFixture.rejected(a.command("annotation.sync", new JsonObject().put("documentId", "nope")), "BAD_MESSAGE");
      assertThat(sync(a, doc, null).getJsonArray("annotations").stream().map(o -> ((JsonObject) o).getString("id")).toList())
          .containsAll(mine).contains(shared).doesNotContain(secret);
    }
  }

  @Test
  @DisplayName("AN14, B5: live strokes reach whom the visibility admits and the author's other tablet, not the sender, are never stored, and a flood is RATE_LIMITED")
  void live_strokes() {
    try (LiveClient drawing = f.client(meeting, "delegate1"); LiveClient myOther = f.client(meeting, "delegate1");
         LiveClient colleague = f.client(meeting, "delegate2")) {
      long before = f.ledger(meeting).size();
      String privateStroke = newId();
      String sharedStroke = newId();
      drawing.sendText(stroke(privateStroke, "PRIVATE", "s1").encode());
      drawing.sendText(stroke(sharedStroke, "SHARED", "s2").encode());
      JsonObject shared = colleague.next(fr -> "annotation.stroking".equals(fr.getString("type")));
      assertThat(shared.getJsonObject("data").getString("id")).isEqualTo(sharedStroke);
      assertThat(shared.getLong("seq")).isNull();
      assertThat(myOther.next(fr -> "annotation.stroking".equals(fr.getString("type"))).getJsonObject("data").getString("id"))
          .isEqualTo(privateStroke);
      assertThat(colleague.command("ping", null).getString("type")).isEqualTo("pong");
      assertThat(drawing.command("ping", null).getString("type")).isEqualTo("pong");
      assertThat(f.ledger(meeting).size()).isEqualTo(before);

      String flood = newId();
      for (int i = 0; i < 30; i++) {
        drawing.sendText(stroke(flood, "SHARED", "f" + i).encode());
      }
      JsonObject limited = drawing.next(fr -> "error".equals(fr.getString("type")));
      assertThat(limited.getString("code")).isEqualTo("RATE_LIMITED");
      assertThat(colleague.events.stream().noneMatch(e -> privateStroke.equals(String.valueOf(e.getValue("data"))))).isTrue();
    }
  }

  static JsonObject stroke(String id, String visibility, String requestId) {
    return strokeOn(doc, id, visibility, requestId);
  }

  static JsonObject strokeOn(String document, String id, String visibility, String requestId) {
    return new JsonObject().put("type", "annotation.stroke").put("requestId", requestId).put("id", id)
        .put("anchor", anchor(document, 1, 1)).put("style", Annotating.pen()).put("visibility", visibility(visibility))
        .put("points", new JsonArray().add(new JsonArray().add(100.0).add(200.0).add(0.4)));
  }

  /** The one annotation with this id in a sync answer. */
  static JsonObject only(JsonObject sync, String id) {
    return sync.getJsonArray("annotations").stream().map(JsonObject.class::cast).filter(a -> a.getString("id").equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError(id + " not in " + sync.encode()));
  }
}
