package org.plenum.server.document;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.plenum.server.config.PlenumConfig.DocumentsConfig;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.UserText;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.http.Http;
import org.plenum.server.core.http.JsonBodies;
import org.plenum.server.core.http.Routes;
import org.plenum.server.core.ledger.Ledger;

/**
 * Uploads of new documents and new versions (DU1, DU5, DU8): the PDF is the raw request body, its title, note and
 * access in headers ({@link #metadata}); the body is streamed to a temporary file
 * ({@link UploadReceiver}) only once the caller is known to be allowed and the request is well-formed; the uploader
 * can follow its progress under {@code /meetings/:meetingId/uploads/:uploadId}.
 */
final class DocumentUploads {
  private static final Pattern UPLOAD_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final DocumentService documents;
  private final DocumentContents contents;
  private final DocumentsConfig config;
  private final Map<String, JsonObject> uploads = new ConcurrentHashMap<>();

  DocumentUploads(DocumentService documents, DocumentContents contents, DocumentsConfig config) {
    this.documents = documents;
    this.contents = contents;
    this.config = config;
  }

  /** Uploads read the raw body themselves: they go on the root router, before the API's JSON body handler. */
  void mount(Routes r) {
    r.root().post("/api/meetings/:meetingId/documents").handler(ctx -> upload(ctx, r, null));
    r.root().post("/api/meetings/:meetingId/documents/:documentId/versions").handler(ctx -> upload(ctx, r, DocumentRoutes.documentId(ctx)));
    r.get("/meetings/:meetingId/uploads/:uploadId", (ctx, a) -> {
      JsonObject u = uploads.get(a.accountId() + "/" + ctx.pathParam("uploadId"));
      return u == null ? Future.failedFuture(PlenumException.notFound("No upload '" + ctx.pathParam("uploadId") + "' of yours."))
          : Future.succeededFuture(u.copy());
    });
  }

  private void upload(RoutingContext ctx, Routes r, UUID existing) {
    // The body stays unread until the caller is known to be allowed and the request is well-formed (DU1, DU5).
    ctx.request().pause();
    MeetingId meeting;
    try {
      meeting = Routes.meeting(ctx);
    } catch (PlenumException e) {
      refuse(ctx, e);
      return;
    }
    r.actor(ctx)
        .compose(actor -> Http.guard(() -> {
          actor.requireRunner();
          String type = ctx.request().getHeader("Content-Type");
          if (type == null || !type.toLowerCase(Locale.ROOT).split(";")[0].strip().equals("application/pdf")) {
            throw new PlenumException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Upload the PDF itself as the body with 'Content-Type: application/pdf'.");
          }
          long max = config.maxUploadBytes();
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
          r.vertx().setTimer(15 * 60 * 1000, t -> uploads.remove(key));
          ctx.response().putHeader("X-Upload-Id", id);
          return UploadReceiver.receive(r.vertx(), ctx.request(), contents.tmpDir(), max, filename(ctx), bytes -> progress.put("receivedBytes", bytes))
              .compose(received -> {
                progress.put("state", "CHECKING");
                Future<? extends Ledger.Written<JsonObject>> stored = existing == null
                    ? documents.publish(actor, meeting, meta, received)
                    : documents.addVersion(actor, meeting, existing, meta.note(), received);
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

  /**
   * DU8: the upload's metadata from headers — {@code X-Title}, {@code X-Note} (percent-encoded UTF-8, as
   * {@code X-Filename}), {@code X-Access}, {@code X-Roles}, {@code X-People}, {@code X-Agenda-Item-Ids} — or, for
   * older clients, from the query parameters of the same names ({@code title}, {@code note}, {@code access},
   * {@code roles}, {@code people}, {@code agendaItemIds}); a header wins over its query parameter.
   */
  private DocumentService.Metadata metadata(RoutingContext ctx, boolean isNew) {
    String title = UserText.check("title", field(ctx, "X-Title", "title"));
    if (isNew) {
      if (title == null || title.isBlank()) {
        throw PlenumException.badMessage("The document needs a title: send it in the header 'X-Title' (percent-encoded UTF-8).");
      }
      int length = title.strip().codePointCount(0, title.strip().length());
      if (length > config.maxTitleChars()) {
        throw PlenumException.badMessage("The title has " + length + " characters; at most " + config.maxTitleChars()
            + " are accepted (documents.max_title_chars).");
      }
    }
    String note = UserText.check("note", field(ctx, "X-Note", "note"));
    if (note != null) {
      int length = note.codePointCount(0, note.length());
      if (length > config.maxNoteChars()) {
        throw PlenumException.badMessage("The change note has " + length + " characters; at most " + config.maxNoteChars()
            + " are accepted (documents.max_note_chars).");
      }
    }
    String kind = field(ctx, "X-Access", "access");
    DocumentAccess access = DocumentRoutes.access(kind == null ? "EVERYONE" : kind.strip(), list(field(ctx, "X-Roles", "roles")),
        list(field(ctx, "X-People", "people")));
    List<UUID> items = new ArrayList<>();
    for (String i : list(field(ctx, "X-Agenda-Item-Ids", "agendaItemIds"))) {
      items.add(JsonBodies.uuid(i, "agendaItemIds"));
    }
    return new DocumentService.Metadata(title == null ? null : title.strip(), access, items, note == null || note.isBlank() ? null : note);
  }

  /** A metadata field: the header (percent-encoded UTF-8, BAD_MESSAGE when it is not) or else the query parameter. */
  static String field(RoutingContext ctx, String header, String param) {
    String raw = ctx.request().getHeader(header);
    if (raw == null) {
      return ctx.request().getParam(param);
    }
    try {
      return percentDecoded(raw);
    } catch (IllegalArgumentException e) {
      throw PlenumException.badMessage("Header '" + header + "' must be UTF-8 text, percent-encoded (as encodeURIComponent does).");
    }
  }

  /** Strict percent-decoding ('+' is a space, as in forms): malformed escapes or UTF-8 throw IllegalArgumentException. */
  static String percentDecoded(String raw) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          throw new IllegalArgumentException("incomplete escape");
        }
        int hi = Character.digit(raw.charAt(i + 1), 16);
        int lo = Character.digit(raw.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw new IllegalArgumentException("bad escape");
        }
        bytes.write(hi << 4 | lo);
        i += 2;
      } else if (c == '+') {
        bytes.write(' ');
      } else if (c < 0x80) {
        bytes.write(c);
      } else {
        throw new IllegalArgumentException("raw non-ASCII");
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IllegalArgumentException("not UTF-8", e);
    }
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
    base = UserText.strip(base).replace("\"", "").replaceAll("[\\t\\r\\n]", "").strip();
    while (base.startsWith(".")) {
      base = base.substring(1);
    }
    if (base.length() > 200) {
      base = base.substring(base.length() - 200);
    }
    return base.isEmpty() ? "document.pdf" : base;
  }
}
