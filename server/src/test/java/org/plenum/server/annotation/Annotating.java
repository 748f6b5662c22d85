package org.plenum.server.annotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.LiveClient;
import org.plenum.server.testing.LiveMeetingFixture;

/**
 * What the annotation integration tests do as a tablet would: build operations as docs/protocol.md §14 writes them,
 * push and sync them over a real socket, upload real PDFs and new versions over REST.
 */
final class Annotating {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private Annotating() {}

  /** A stamp of this device's clock: now, with a counter so that stamps of one test never repeat. */
  static JsonObject stamp(String device) {
    return stampAt(System.currentTimeMillis(), device);
  }

  static JsonObject stampAt(long ms, String device) {
    return new JsonObject().put("ms", ms).put("c", COUNTER.incrementAndGet() % 60000).put("device", device);
  }

  static String newId() {
    return UUID.randomUUID().toString();
  }

  static JsonObject anchor(String document, int version, int page) {
    return new JsonObject().put("document", document).put("version", version).put("page", page);
  }

  static JsonObject visibility(String kind, String... people) {
    JsonObject v = new JsonObject().put("kind", kind);
    return kind.equals("PEOPLE") ? v.put("people", new JsonArray(List.of(people))) : v;
  }

  static JsonObject pen() {
    return new JsonObject().put("color", "#d62828").put("width", 2.5).put("tool", "PEN");
  }

  static JsonObject create(String id, JsonObject stamp, JsonObject anchor, JsonObject shape, JsonObject visibility) {
    return new JsonObject().put("op", "create").put("id", id).put("stamp", stamp)
        .put("placement", new JsonObject().put("anchor", anchor).put("shape", shape)).put("style", pen()).put("visibility", visibility);
  }

  static JsonObject ink(double... xy) {
    JsonArray points = new JsonArray();
    for (int i = 0; i + 1 < xy.length; i += 2) {
      points.add(new JsonArray().add(xy[i]).add(xy[i + 1]).add(0.5));
    }
    return new JsonObject().put("kind", "INK").put("points", points);
  }

  static JsonObject noteAt(double x, double y) {
    return new JsonObject().put("kind", "NOTE").put("at", new JsonArray().add(x).add(y));
  }

  static JsonObject note(String id, JsonObject stamp, JsonObject anchor, double x, double y, String text, JsonObject visibility) {
    return create(id, stamp, anchor, noteAt(x, y), visibility).put("text", text);
  }

  static JsonObject editText(String id, JsonObject stamp, String text, JsonObject... replaces) {
    return new JsonObject().put("op", "edit").put("id", id).put("stamp", stamp)
        .put("text", new JsonObject().put("value", text).put("replaces", new JsonArray(List.of((Object[]) replaces))));
  }

  static JsonObject edit(String id, JsonObject stamp, String field, Object value) {
    return new JsonObject().put("op", "edit").put("id", id).put("stamp", stamp).put(field, value);
  }

  static JsonObject erase(String id, JsonObject stamp) {
    return new JsonObject().put("op", "erase").put("id", id).put("stamp", stamp);
  }

  static JsonObject push(LiveClient c, JsonObject... ops) {
    JsonObject reply = c.command("annotation.push", new JsonObject().put("ops", new JsonArray(List.of((Object[]) ops))));
    assertThat(reply.getString("type")).as(reply.encode()).isEqualTo("ack");
    return reply;
  }

  /** Pushes one operation and returns its result (seq, or code and message). */
  static JsonObject pushOne(LiveClient c, JsonObject op) {
    return push(c, op).getJsonArray("results").getJsonObject(0);
  }

  /** Pushes operations that must all be accepted; returns the last seq. */
  static long accepted(LiveClient c, JsonObject... ops) {
    JsonObject ack = push(c, ops);
    for (Object r : ack.getJsonArray("results")) {
      assertThat(((JsonObject) r).getLong("seq")).as(ack.encode()).isNotNull();
    }
    return ack.getLong("seq");
  }

  static void refused(JsonObject result, String code) {
    assertThat(result.getString("code")).as(result.encode()).isEqualTo(code);
    assertThat(result.getLong("seq")).isNull();
  }

  static JsonObject sync(LiveClient c, String document, Long after) {
    JsonObject reply = c.command("annotation.sync", new JsonObject().put("documentId", document).put("after", after));
    assertThat(reply.getString("type")).as(reply.encode()).isEqualTo("ack");
    return reply;
  }

  /** A real PDF of these pages of text lines (see {@link Pdfs}). */
  static Path pdf(Path dir, String name, List<List<String>> pages) {
    try {
      Files.createDirectories(dir);
      return Pdfs.write(dir.resolve(name), pages);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Publishes a document (as the chair); its id. */
  static String publish(LiveMeetingFixture f, String meeting, Path pdf, String title) {
    Api.Response r = upload(f, "/api/meetings/" + meeting + "/documents?title=" + title, pdf);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().getString("id");
  }

  /** Uploads a new version of a document (as the chair); its number. */
  static int newVersion(LiveMeetingFixture f, String meeting, String document, Path pdf) {
    Api.Response r = upload(f, "/api/meetings/" + meeting + "/documents/" + document + "/versions?note=new", pdf);
    assertThat(r.status()).as(r.toString()).isBetween(200, 201);
    return r.json().getInteger("currentVersion");
  }

  private static Api.Response upload(LiveMeetingFixture f, String path, Path pdf) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(f.api().base() + path)).POST(HttpRequest.BodyPublishers.ofFile(pdf))
          .header("X-Filename", pdf.getFileName().toString()).header("Content-Type", "application/pdf");
      return f.api().send(b, f.token("chair"));
    } catch (java.io.FileNotFoundException e) {
      throw new UncheckedIOException(e);
    }
  }
}
