package org.plenum.server.annotation;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.plenum.server.core.Actor;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.http.Http;
import org.plenum.server.core.http.RouteMount;
import org.plenum.server.core.http.Routes;
import org.plenum.server.document.DocumentVersions;
import org.plenum.server.meeting.Meetings;

/**
 * Annotations over HTTP (AN11–AN13): a version's PDF with the caller's visible annotations as standard PDF
 * annotations, the same as XFDF, XFDF import as the caller's private annotations, and search. PDF and XML work runs on
 * the document feature's PDF workers.
 */
final class AnnotationRoutes implements RouteMount {
  private static final String VERSION = "/meetings/:meetingId/documents/:documentId/versions/:version";

  private final Database db;
  private final AnnotationService service;
  private final AnnotationReads reads;
  private final DocumentVersions documents;
  private final Meetings meetings;

  AnnotationRoutes(Database db, AnnotationService service, AnnotationReads reads, DocumentVersions documents, Meetings meetings) {
    this.db = db;
    this.service = service;
    this.reads = reads;
    this.documents = documents;
    this.meetings = meetings;
  }

  @Override
  public void mount(Routes r) {
    r.api().get(VERSION + "/annotated").handler(ctx -> export(ctx, r, "application/pdf", "annotated.pdf", this::annotatedPdf));
    r.api().get(VERSION + "/annotations.xfdf").handler(ctx -> export(ctx, r, "application/vnd.adobe.xfdf", "annotations.xfdf", this::xfdf));
    r.api().post(VERSION + "/annotations.xfdf").handler(ctx -> r.actor(ctx).compose(a -> Http.guard(() -> importXfdf(ctx, a)))
        .onSuccess(json -> ctx.response().putHeader("Content-Type", "application/json").end(json.encode())).onFailure(ctx::fail));
    r.get("/meetings/:meetingId/annotations/search", (ctx, a) -> reads.search(a, Routes.meeting(ctx), ctx.request().getParam("q", "")));
  }

  /** What one export writes: the version's PDF, its visible annotations, the reader, author names. */
  private interface Writer {
    byte[] write(java.nio.file.Path pdf, UUID documentId, int version, List<Annotation> annotations, Viewer reader,
                 Function<UUID, String> names) throws IOException;
  }

  private void export(RoutingContext ctx, Routes r, String contentType, String filename, Writer writer) {
    r.actor(ctx).compose(a -> Http.guard(() -> {
      MeetingId meeting = Routes.meeting(ctx);
      UUID documentId = documentId(ctx);
      int version = version(ctx);
      return reads.visible(a, meeting, documentId, version).compose(list -> documents.pdf(meeting, documentId, version)
          .compose(pdf -> names(meeting).compose(names -> db.readSnapshot(tx -> reads.viewer(tx, a, meeting))
              .compose(viewer -> documents.onPdfWorkers(() -> writer.write(pdf, documentId, version, list, viewer, names),
                  documents.pdfBudget(), "Writing the annotations")))));
    })).onSuccess(bytes -> ctx.response().putHeader("Content-Type", contentType).putHeader("Cache-Control", "no-store")
        .putHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"").end(Buffer.buffer(bytes))).onFailure(ctx::fail);
  }

  private byte[] annotatedPdf(java.nio.file.Path pdf, UUID documentId, int version, List<Annotation> list, Viewer viewer,
                              Function<UUID, String> names) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AnnotatedPdf.write(pdf, documentId, version, list, viewer, names, out);
    return out.toByteArray();
  }

  private byte[] xfdf(java.nio.file.Path pdf, UUID documentId, int version, List<Annotation> list, Viewer viewer,
                      Function<UUID, String> names) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Xfdf.write(documentId, version, list, viewer, names, "document.pdf", out);
    return out.toByteArray();
  }

  /** Display names of the meeting's participants (annotation titles in exports). */
  private Future<Function<UUID, String>> names(MeetingId meeting) {
    return meetings.participants(db.auto(), meeting).map(list -> {
      Map<UUID, String> names = new HashMap<>();
      for (Object o : list) {
        JsonObject p = (JsonObject) o;
        names.put(UUID.fromString(p.getString("accountId")), p.getString("displayName"));
      }
      return id -> names.getOrDefault(id, "");
    });
  }

  /**
   * AN12: the file's annotations become the caller's private ones on this version. Ids come from the file (its
   * UUID names, else derived from its names), so an annotation already there is left as it is: importing twice
   * changes nothing.
   */
  private Future<JsonObject> importXfdf(RoutingContext ctx, Actor actor) {
    MeetingId meeting = Routes.meeting(ctx);
    UUID documentId = documentId(ctx);
    int version = version(ctx);
    byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    String head = new String(body, 0, Math.min(body.length, 4096), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    if (body.length == 0 || head.contains("<!doctype") || head.contains("<!entity")) {
      throw PlenumException.badMessage("The body must be an XFDF file without a DOCTYPE.");
    }
    return documents.onPdfWorkers(() -> {
      try {
        return Xfdf.read(new ByteArrayInputStream(body));
      } catch (IOException | RuntimeException e) {
        throw PlenumException.badMessage("The body is not an XFDF file PDF readers write.");
      }
    }, documents.pdfBudget(), "Reading the XFDF file").compose(found -> importAll(actor, meeting, documentId, version, found, 0,
        new JsonObject().put("imported", 0).put("unchanged", 0).put("results", new JsonArray())));
  }

  private Future<JsonObject> importAll(Actor actor, MeetingId meeting, UUID documentId, int version, List<Xfdf.Found> found, int i,
                                       JsonObject out) {
    if (i == found.size()) {
      return Future.succeededFuture(out);
    }
    AnnotationOp.Create named = found.get(i).toCreate(actor.accountId(), documentId, version, service.serverStamp());
    return ownId(actor, named).compose(create -> service.owner(create.id()).compose(existing -> {
      JsonObject result = new JsonObject().put("id", create.id().toString());
      if (existing.isPresent()) {
        out.put("unchanged", out.getInteger("unchanged") + 1).getJsonArray("results").add(result.put("unchanged", true));
        return Future.succeededFuture();
      }
      return service.apply(actor, meeting, create).transform(ar -> {
        if (ar.succeeded()) {
          out.put("imported", out.getInteger("imported") + 1).getJsonArray("results").add(result.put("seq", ar.result()));
        } else if (ar.cause() instanceof PlenumException e) {
          out.getJsonArray("results").add(result.put("code", e.code().name()).put("message", e.getMessage()));
        } else {
          return Future.failedFuture(ar.cause());
        }
        return Future.succeededFuture();
      });
    })).compose(x -> importAll(actor, meeting, documentId, version, found, i + 1, out));
  }

  /** The file's id, unless it is another person's annotation (their export): then an id of this importer's own. */
  private Future<AnnotationOp.Create> ownId(Actor actor, AnnotationOp.Create named) {
    return service.owner(named.id()).map(owner -> owner.isEmpty() || owner.get().equals(actor.accountId()) ? named
        : withId(named, UUID.nameUUIDFromBytes((actor.accountId() + "/" + named.id()).getBytes(StandardCharsets.UTF_8))));
  }

  private static AnnotationOp.Create withId(AnnotationOp.Create c, UUID id) {
    return new AnnotationOp.Create(new AnnotationId(id), c.by(), c.stamp(), c.placement(), c.style(), c.visibility(), c.text());
  }

  private static UUID documentId(RoutingContext ctx) {
    try {
      return UUID.fromString(ctx.pathParam("documentId"));
    } catch (IllegalArgumentException e) {
      throw PlenumException.notFound("No document '" + ctx.pathParam("documentId") + "'.");
    }
  }

  private static int version(RoutingContext ctx) {
    try {
      return Integer.parseInt(ctx.pathParam("version"));
    } catch (NumberFormatException e) {
      throw PlenumException.notFound("No version '" + ctx.pathParam("version") + "'.");
    }
  }
}
