package org.plenum.server.http;

import org.plenum.server.core.http.Http;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.plenum.server.app.Services;
import org.plenum.server.document.DocumentAccess;
import org.plenum.server.document.DocumentService;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.Actor;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.Role;
import org.plenum.server.protocol.Commands;
import org.plenum.server.storage.PgDocumentStore;

/**
 * Documents over HTTP: streamed uploads with progress, metadata, access, immutable versioned contents (ETag = SHA-256,
 * 304, single Range → 206), watermarked copies, thumbnails, search. Every read path checks the document's access.
 */
final class DocumentRoutes {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
  private static final Pattern UPLOAD_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final Vertx vertx;
  private final Services s;
  private final Map<String, JsonObject> uploads = new ConcurrentHashMap<>();

  DocumentRoutes(Vertx vertx, Services s) {
    this.vertx = vertx;
    this.s = s;
  }

  /** Upload routes read the raw body themselves: mount them on the main router, before the JSON body handler. */
  void mountUploads(Router router) {
    router.post("/api/meetings/:meetingId/documents").handler(ctx -> upload(ctx, null));
    router.post("/api/meetings/:meetingId/documents/:documentId/versions").handler(ctx -> upload(ctx, documentId(ctx)));
  }

  void mount(Router api) {
    read(api, "/meetings/:meetingId/documents", (ctx, a) -> s.documents().list(s.pool(), a, meeting(ctx))
        .map(list -> new JsonObject().put("documents", list)));
    read(api, "/meetings/:meetingId/documents/search", (ctx, a) -> s.documents().search(a, meeting(ctx), ctx.request().getParam("q", "")));
    read(api, "/meetings/:meetingId/documents/:documentId", (ctx, a) -> s.documents().readable(a, meeting(ctx), documentId(ctx))
        .map(d -> s.documents().toJson(d)));
    api.put("/meetings/:meetingId/documents/:documentId/access").handler(ctx -> Http.authed(ctx, s.auth(), 200, p ->
        s.meetings().actor(p, meeting(ctx)).compose(a -> Http.guard(() -> {
          var r = Http.body(ctx, Requests.SetDocumentAccess.class);
          return s.documents().setAccess(a, meeting(ctx), documentId(ctx), access(r.kind(), r.roles(), r.people()));
        })).map(w -> w.value().copy().put("seq", w.lastSeq()))));
    api.get("/meetings/:meetingId/documents/:documentId/versions/:version/content").handler(this::content);
    api.get("/meetings/:meetingId/documents/:documentId/versions/:version/watermarked").handler(this::watermarked);
    api.get("/meetings/:meetingId/documents/:documentId/versions/:version/pages/:page/thumbnail").handler(this::thumbnail);
    read(api, "/meetings/:meetingId/uploads/:uploadId", (ctx, a) -> {
      JsonObject u = uploads.get(a.accountId() + "/" + ctx.pathParam("uploadId"));
      return u == null ? Future.failedFuture(PlenumException.notFound("No upload '" + ctx.pathParam("uploadId") + "' of yours."))
          : Future.succeededFuture(u.copy());
    });
  }

  private void read(Router api, String path, BiFunction<RoutingContext, Actor, Future<JsonObject>> action) {
    api.get(path).handler(ctx -> Http.authed(ctx, s.auth(), 200, p -> s.meetings().actor(p, meeting(ctx))
        .compose(a -> Http.guard(() -> action.apply(ctx, a)))));
  }

  private static MeetingId meeting(RoutingContext ctx) {
    return MeetingId.parse(ctx.pathParam("meetingId"));
  }

  private static UUID documentId(RoutingContext ctx) {
    try {
      return UUID.fromString(ctx.pathParam("documentId"));
    } catch (IllegalArgumentException e) {
      throw PlenumException.notFound("No document '" + ctx.pathParam("documentId") + "'.");
    }
  }

  private static int intParam(RoutingContext ctx, String name) {
    try {
      return Integer.parseInt(ctx.pathParam(name));
    } catch (NumberFormatException e) {
      throw PlenumException.notFound("No " + name + " '" + ctx.pathParam(name) + "'.");
    }
  }

  // ---- upload ----

  private void upload(RoutingContext ctx, UUID existing) {
    // The body stays unread until the caller is known to be allowed and the request is well-formed (DU1, DU5).
    ctx.request().pause();
    MeetingId meeting;
    try {
      meeting = meeting(ctx);
    } catch (PlenumException e) {
      refuse(ctx, e);
      return;
    }
    Http.principal(ctx, s.auth())
        .compose(p -> s.meetings().actor(p, meeting))
        .compose(actor -> Http.guard(() -> {
          actor.requireRunner();
          String type = ctx.request().getHeader("Content-Type");
          if (type == null || !type.toLowerCase(Locale.ROOT).split(";")[0].strip().equals("application/pdf")) {
            throw new PlenumException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Upload the PDF itself as the body with 'Content-Type: application/pdf'.");
          }
          long max = s.config().documents().maxUploadBytes();
          String length = ctx.request().getHeader("Content-Length");
          if (length != null && length.matches("\\d{1,19}") && Long.parseLong(length) > max) {
            throw new PlenumException(ErrorCode.PAYLOAD_TOO_LARGE, "The file is larger than " + max + " bytes (documents.max_upload_bytes).");
          }
          DocumentService.Metadata meta = metadata(ctx, existing == null);
          String given = ctx.request().getHeader("X-Upload-Id");
          if (given != null && !UPLOAD_ID.matcher(given).matches()) {
            throw PlenumException.badMessage("Header 'X-Upload-Id' must be 1-64 of A-Z a-z 0-9 . _ -.");
          }
          String id = given != null ? given : UUID.randomUUID().toString();
          String key = actor.accountId() + "/" + id;
          JsonObject progress = new JsonObject().put("uploadId", id).put("state", "RECEIVING").put("receivedBytes", 0L)
              .put("expectedBytes", length == null ? null : Long.parseLong(length));
          uploads.put(key, progress);
          vertx.setTimer(15 * 60 * 1000, t -> uploads.remove(key));
          ctx.response().putHeader("X-Upload-Id", id);
          return UploadReceiver.receive(vertx, ctx.request(), s.documents().tmpDir(), max, filename(ctx), bytes -> progress.put("receivedBytes", bytes))
              .compose(received -> {
                progress.put("state", "CHECKING");
                Future<? extends org.plenum.server.core.ledger.Ledger.Written<JsonObject>> stored = existing == null
                    ? s.documents().publish(actor, meeting, meta, received)
                    : s.documents().addVersion(actor, meeting, existing, meta.note(), received);
                return stored.eventually(() -> {
                  UploadReceiver.delete(received.file());
                  return Future.succeededFuture();
                });
              })
              .onSuccess(w -> progress.put("state", "STORED").put("documentId", w.value().getJsonObject("document").getString("id")))
              .onFailure(err -> progress.put("state", "FAILED").put("error", err instanceof PlenumException pe ? pe.code().name() : "INTERNAL"))
              .map(w -> w.value().getJsonObject("document").copy().put("seq", w.lastSeq()).put("uploadId", id));
        }))
        .onSuccess(body -> Http.reply(ctx, 201, body))
        .onFailure(err -> refuse(ctx, err));
  }

  /** Answers a refused upload and closes the connection: the rest of an unread body is not worth receiving. */
  private static void refuse(RoutingContext ctx, Throwable err) {
    ctx.response().putHeader("Connection", "close");
    ctx.addEndHandler(v -> ctx.request().connection().close());
    ctx.fail(err);
  }

  private static DocumentService.Metadata metadata(RoutingContext ctx, boolean isNew) {
    var q = ctx.request();
    String title = q.getParam("title");
    if (isNew) {
      if (title == null || title.isBlank()) {
        throw PlenumException.badMessage("Query parameter 'title' is required.");
      }
      if (title.length() > 300) {
        throw PlenumException.badMessage("Query parameter 'title' is longer than 300 characters.");
      }
    }
    String note = q.getParam("note");
    if (note != null && note.length() > 2000) {
      throw PlenumException.badMessage("Query parameter 'note' is longer than 2000 characters.");
    }
    DocumentAccess access = access(q.getParam("access", "EVERYONE"), list(q.getParam("roles")), list(q.getParam("people")));
    List<UUID> items = new ArrayList<>();
    for (String i : list(q.getParam("agendaItemIds"))) {
      items.add(Commands.uuid(i, "agendaItemIds"));
    }
    return new DocumentService.Metadata(title == null ? null : title.strip(), access, items, note);
  }

  private static List<String> list(String csv) {
    List<String> out = new ArrayList<>();
    if (csv != null) {
      for (String x : csv.split(",")) {
        if (!x.isBlank()) {
          out.add(x.strip());
        }
      }
    }
    return out;
  }

  static DocumentAccess access(String kind, List<String> roles, List<String> people) {
    DocumentAccess.Kind k;
    try {
      k = DocumentAccess.Kind.valueOf(kind == null ? "EVERYONE" : kind.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw PlenumException.badMessage("'access' must be one of EVERYONE, ROLES, PEOPLE, CONFIDENTIAL.");
    }
    Set<Role> r = new HashSet<>();
    for (String x : roles == null ? List.<String>of() : roles) {
      try {
        r.add(Role.valueOf(x.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw PlenumException.badMessage("'" + x + "' is not a role (CHAIR, SECRETARY, DELEGATE, OBSERVER, REMOTE_ROOM).");
      }
    }
    Set<UUID> p = new HashSet<>();
    for (String x : people == null ? List.<String>of() : people) {
      p.add(Commands.uuid(x, "people"));
    }
    return new DocumentAccess(k, r, p);
  }

  /** The file's name for display and downloads only — never used as a path: no folders, no control characters. */
  static String filename(RoutingContext ctx) {
    String raw = ctx.request().getHeader("X-Filename");
    if (raw == null) {
      raw = ctx.request().getParam("filename");
    }
    if (raw == null) {
      return "document.pdf";
    }
    try {
      raw = URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException ignored) {
      // keep as sent
    }
    String base = raw.substring(Math.max(raw.lastIndexOf('/'), raw.lastIndexOf('\\')) + 1);
    base = base.replaceAll("[\\p{Cntrl}\"]", "").strip();
    while (base.startsWith(".")) {
      base = base.substring(1);
    }
    if (base.length() > 200) {
      base = base.substring(base.length() - 200);
    }
    return base.isEmpty() ? "document.pdf" : base;
  }

  // ---- reading ----

  private record Target(Actor actor, PgDocumentStore.Doc doc, PgDocumentStore.Version version) {}

  private Future<Target> target(RoutingContext ctx) {
    return Http.principal(ctx, s.auth()).compose(p -> s.meetings().actor(p, meeting(ctx))).compose(a -> Http.guard(() -> {
      UUID id = documentId(ctx);
      int v = intParam(ctx, "version");
      return s.documents().readable(a, meeting(ctx), id).map(doc -> new Target(a, doc, doc.version(v)));
    }));
  }

  /** Immutable contents: strong ETag (SHA-256), 304, one byte range → 206, streamed chunk by chunk. */
  private void content(RoutingContext ctx) {
    target(ctx).onFailure(ctx::fail).onSuccess(t -> {
      var v = t.version();
      String etag = "\"" + v.etag() + "\"";
      HttpServerResponse res = ctx.response();
      res.putHeader("ETag", etag).putHeader("Cache-Control", "private, max-age=31536000, immutable").putHeader("Accept-Ranges", "bytes")
          .putHeader("Content-Type", "application/pdf")
          .putHeader("Content-Disposition", "inline; filename*=UTF-8''" + URLEncoder.encode(v.filename(), StandardCharsets.UTF_8).replace("+", "%20"));
      String inm = ctx.request().getHeader("If-None-Match");
      if (inm != null && (inm.equals("*") || List.of(inm.split(",")).stream().map(String::strip).anyMatch(x -> x.equals(etag) || x.equals("W/" + etag)))) {
        res.setStatusCode(304).end();
        return;
      }
      long from = 0;
      long to = v.size() - 1;
      String range = ctx.request().getHeader("Range");
      String ifRange = ctx.request().getHeader("If-Range");
      if (range != null && (ifRange == null || ifRange.equals(etag))) {
        Matcher m = RANGE.matcher(range.strip());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
          res.putHeader("Content-Range", "bytes */" + v.size());
          ctx.fail(new PlenumException(ErrorCode.RANGE_NOT_SATISFIABLE, "Only one byte range of the form 'bytes=first-last' is served."));
          return;
        }
        try {
          if (m.group(1).isEmpty()) {
            from = Math.max(0, v.size() - Long.parseLong(m.group(2)));
          } else {
            from = Long.parseLong(m.group(1));
            to = m.group(2).isEmpty() ? v.size() - 1 : Math.min(Long.parseLong(m.group(2)), v.size() - 1);
          }
        } catch (NumberFormatException e) {
          from = Long.MAX_VALUE;
        }
        if (from >= v.size() || from > to) {
          res.putHeader("Content-Range", "bytes */" + v.size());
          ctx.fail(new PlenumException(ErrorCode.RANGE_NOT_SATISFIABLE, "The range is outside the file (" + v.size() + " bytes)."));
          return;
        }
        res.setStatusCode(206).putHeader("Content-Range", "bytes " + from + "-" + to + "/" + v.size());
      }
      long length = to - from + 1;
      res.putHeader("Content-Length", String.valueOf(length));
      long start = from;
      s.documents().store().chunkBytes(v.sha256())
          .compose(chunk -> stream(res, v, chunk, start, start + length))
          .onSuccess(x -> res.end())
          .onFailure(err -> {
            if (!res.headWritten()) {
              ctx.fail(err);
            } else {
              res.reset();
            }
          });
    });
  }

  private Future<Void> stream(HttpServerResponse res, PgDocumentStore.Version v, int chunk, long from, long end) {
    if (from >= end || res.closed()) {
      return Future.succeededFuture();
    }
    int n = (int) Math.min(chunk, end - from);
    return s.documents().store().read(v.sha256(), chunk, from, n).compose(buf -> {
      res.write(buf);
      if (!res.writeQueueFull()) {
        return Future.succeededFuture(buf.length());
      }
      Promise<Integer> drained = Promise.promise();
      res.drainHandler(x -> drained.tryComplete(buf.length()));
      res.closeHandler(x -> drained.tryFail("client went away"));
      return drained.future();
    }).compose(sent -> stream(res, v, chunk, from + sent, end));
  }

  private void watermarked(RoutingContext ctx) {
    target(ctx).compose(t -> s.meetingApi().header(s.db().auto(), meeting(ctx))
            .compose(m -> s.documents().watermarked(t.actor(), m.getString("title"), t.version())).map(path -> new Object[] {t, path}))
        .onFailure(ctx::fail)
        .onSuccess(x -> {
          var t = (Target) x[0];
          var path = (java.nio.file.Path) x[1];
          String name = t.version().filename().replaceAll("(?i)\\.pdf$", "") + "-watermarked.pdf";
          ctx.response().putHeader("Content-Type", "application/pdf").putHeader("Cache-Control", "no-store")
              .putHeader("Content-Disposition", "attachment; filename*=UTF-8''" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"))
              .sendFile(path.toString())
              .onComplete(ar -> UploadReceiver.delete(path));
        });
  }

  private void thumbnail(RoutingContext ctx) {
    target(ctx).compose(t -> Http.guard(() -> {
      int page = intParam(ctx, "page");
      String w = ctx.request().getParam("width");
      int width = s.config().documents().thumbnailWidth();
      if (w != null) {
        try {
          width = Integer.parseInt(w);
        } catch (NumberFormatException e) {
          width = -1;
        }
        if (width < 16 || width > 1024) {
          throw PlenumException.badMessage("Query parameter 'width' must be from 16 to 1024.");
        }
      }
      return s.documents().thumbnail(t.version(), page, width);
    })).onFailure(ctx::fail).onSuccess(png -> ctx.response().putHeader("Content-Type", "image/png")
        .putHeader("Cache-Control", "private, max-age=86400").end(png));
  }
}
