package org.plenum.server.document;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.plenum.server.config.PlenumConfig.DocumentsConfig;
import org.plenum.server.core.Actor;
import org.plenum.server.core.Role;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.http.Http;
import org.plenum.server.core.http.JsonBodies;
import org.plenum.server.core.http.RouteMount;
import org.plenum.server.core.http.Routes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Documents over HTTP: streamed uploads with progress ({@link DocumentUploads}), metadata, access, immutable versioned
 * contents (ETag = SHA-256, 304, single Range → 206), watermarked copies, thumbnails, search. Every read path checks
 * the document's access.
 */
final class DocumentRoutes implements RouteMount {
  private static final Logger LOG = LoggerFactory.getLogger(DocumentRoutes.class);

  private final DocumentService documents;
  private final DocumentContents contents;
  private final DocumentUploads uploads;
  private final DocumentsConfig config;

  DocumentRoutes(DocumentService documents, DocumentContents contents, DocumentsConfig config) {
    this.documents = documents;
    this.contents = contents;
    this.uploads = new DocumentUploads(documents, contents, config);
    this.config = config;
  }

  record SetAccess(String kind, List<String> roles, List<String> people) {
    SetAccess {
      JsonBodies.required(kind, "kind", 20);
    }
  }

  @Override
  public void mount(Routes r) {
    uploads.mount(r);
    r.get("/meetings/:meetingId/documents", (ctx, a) -> documents.list(a, Routes.meeting(ctx)).map(list -> new JsonObject().put("documents", list)));
    r.get("/meetings/:meetingId/documents/search", (ctx, a) -> documents.search(a, Routes.meeting(ctx), ctx.request().getParam("q", "")));
    r.get("/meetings/:meetingId/documents/:documentId", (ctx, a) -> documents.readable(a, Routes.meeting(ctx), documentId(ctx))
        .map(DocumentService::toJson));
    r.write(HttpMethod.PUT, "/meetings/:meetingId/documents/:documentId/access", (ctx, a) -> {
      var req = Http.body(ctx, SetAccess.class);
      return documents.setAccess(a, Routes.meeting(ctx), documentId(ctx), access(req.kind(), req.roles(), req.people()));
    });
    r.api().get("/meetings/:meetingId/documents/:documentId/versions/:version/content").handler(ctx -> content(ctx, r));
    r.api().get("/meetings/:meetingId/documents/:documentId/versions/:version/watermarked").handler(ctx -> watermarked(ctx, r));
    r.api().get("/meetings/:meetingId/documents/:documentId/versions/:version/pages/:page/thumbnail").handler(ctx -> thumbnail(ctx, r));
  }

  static UUID documentId(RoutingContext ctx) {
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

  /** DA1–DA4 from a request: the kind's name and the named roles and account ids (BAD_MESSAGE for anything else). */
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
      p.add(JsonBodies.uuid(x, "people"));
    }
    return new DocumentAccess(k, r, p);
  }

  private record Target(Actor actor, DocumentStore.Doc doc, DocumentStore.Version version) {}

  /** The version a read names, once the caller is known to be allowed to read its document. */
  private Future<Target> target(RoutingContext ctx, Routes r) {
    return r.actor(ctx).compose(a -> Http.guard(() -> {
      UUID id = documentId(ctx);
      int v = intParam(ctx, "version");
      return documents.readable(a, Routes.meeting(ctx), id).map(doc -> new Target(a, doc, doc.version(v)));
    }));
  }

  /**
   * Immutable contents (DL1, DC1–DC4): strong ETag (SHA-256), 304, one byte range → 206, sent from the disk cache with
   * zero-copy {@code sendFile} (DC5); straight from PostgreSQL, chunk by chunk, only when the cache cannot be used.
   */
  private void content(RoutingContext ctx, Routes r) {
    target(ctx, r).onFailure(ctx::fail).onSuccess(t -> {
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
      String ifRange = ctx.request().getHeader("If-Range");
      ByteRange range = ifRange == null || ifRange.strip().equals(etag) ? ByteRange.of(ctx.request().getHeader("Range"), v.size()) : new ByteRange.Whole();
      if (range instanceof ByteRange.Unsatisfiable) {
        res.putHeader("Content-Range", "bytes */" + v.size());
        ctx.fail(new PlenumException(ErrorCode.RANGE_NOT_SATISFIABLE, "The range is outside the file (" + v.size() + " bytes)."));
        return;
      }
      long from = 0;
      long length = v.size();
      if (range instanceof ByteRange.Part p) {
        from = p.first();
        length = p.length();
        res.setStatusCode(206).putHeader("Content-Range", "bytes " + p.first() + "-" + p.last() + "/" + v.size());
      }
      long start = from;
      long n = length;
      contents.materialize(v)
          .compose(file -> {
            ZeroCopy.allow(ctx.request());
            return res.sendFile(file.toString(), start, n);
          })
          .onSuccess(x -> contents.meters().servedFromCache(n))
          .onFailure(err -> {
            if (err instanceof PlenumException || res.headWritten() || res.closed()) {
              fail(ctx, err);
              return;
            }
            LOG.warn("Serving {} from PostgreSQL: the disk cache failed ({})", v.etag(), err.toString());
            res.putHeader("Content-Length", String.valueOf(n));
            contents.chunkBytes(v)
                .compose(chunk -> stream(res, v, chunk, start, start + n))
                .onSuccess(x -> {
                  contents.meters().servedFromDatabase(n);
                  res.end();
                })
                .onFailure(e -> fail(ctx, e));
          });
    });
  }

  private static void fail(RoutingContext ctx, Throwable err) {
    if (!ctx.response().headWritten()) {
      ctx.fail(err);
    } else if (!ctx.response().closed()) {
      ctx.response().reset();
    }
  }

  private Future<Void> stream(HttpServerResponse res, DocumentStore.Version v, int chunk, long from, long end) {
    if (from >= end || res.closed()) {
      return Future.succeededFuture();
    }
    int n = (int) Math.min(chunk, end - from);
    return contents.read(v, chunk, from, n).compose(buf -> {
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

  private void watermarked(RoutingContext ctx, Routes r) {
    target(ctx, r).compose(t -> contents.watermarked(t.actor(), Routes.meeting(ctx), t.version()).map(path -> new Stamped(t, path)))
        .onFailure(ctx::fail)
        .onSuccess(x -> {
          var t = x.target();
          var path = x.file();
          String name = t.version().filename().replaceAll("(?i)\\.pdf$", "") + "-watermarked.pdf";
          ctx.response().putHeader("Content-Type", "application/pdf").putHeader("Cache-Control", "no-store")
              .putHeader("Content-Disposition", "attachment; filename*=UTF-8''" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"))
              .sendFile(path.toString());
        });
  }

  private record Stamped(Target target, Path file) {}

  private void thumbnail(RoutingContext ctx, Routes r) {
    target(ctx, r).compose(t -> Http.guard(() -> {
      int page = intParam(ctx, "page");
      String w = ctx.request().getParam("width");
      int width = config.thumbnailWidth();
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
      return contents.thumbnailFile(t.version(), page, width);
    })).onFailure(ctx::fail).onSuccess(png -> ctx.response().putHeader("Content-Type", "image/png")
        .putHeader("Cache-Control", "private, max-age=86400").sendFile(png.toString()));
  }
}
