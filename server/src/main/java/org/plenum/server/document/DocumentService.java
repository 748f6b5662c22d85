package org.plenum.server.document;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.plenum.server.config.PlenumConfig.DocumentsConfig;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.ledger.Ledger;
import org.plenum.server.core.ledger.NewEvent;
import org.plenum.server.core.Actor;
import org.plenum.server.core.MeetingId;
import org.plenum.server.pdf.PdfInspector;
import org.plenum.server.pdf.PdfRejected;
import org.plenum.server.pdf.SignatureVerifier;
import org.plenum.server.pdf.Thumbnailer;
import org.plenum.server.pdf.Watermarker;
import org.plenum.server.storage.PgDocumentStore;
import org.plenum.server.storage.PgDocumentStore.Doc;
import org.plenum.server.storage.PgDocumentStore.Version;

/**
 * Meeting documents: publish (v1), new versions, access, reading, watermarked copies, thumbnails, search.
 *
 * <p>Rules: DU1 only the chair, the secretary or an administrator publishes documents and versions and changes
 * access. DU2 a PDF is checked on the PDF workers within documents.validation_timeout before anything is stored;
 * anything that is not a readable, unprotected PDF within documents.max_pages is UNSUPPORTED_DOCUMENT and nothing is
 * stored. DU3 contents are stored first (content-addressed, deduplicated), then the document and its version appear
 * in one transaction with their ledger event, so a crash never leaves a half document visible. DU4 publishing and
 * new versions are ledger events that reach exactly the people the document's access admits (DA1–DA4).
 */
public final class DocumentService {
  public static final String PUBLISHED = "document.published";
  public static final String VERSION_ADDED = "document.versionAdded";
  public static final String ACCESS_CHANGED = "document.accessChanged";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

  private final Vertx vertx;
  private final Ledger ledger;
  private final PgDocumentStore store;
  private final PdfWorkers workers;
  private final DocumentsConfig config;
  private final SignatureVerifier verifier;
  private final Path cacheDir;
  private final Path tmpDir;
  private final Map<String, Future<Path>> materializing = new ConcurrentHashMap<>();

  public DocumentService(Vertx vertx, Ledger ledger, PgDocumentStore store, PdfWorkers workers, DocumentsConfig config,
                         SignatureVerifier verifier, Path dataDir) {
    this.vertx = vertx;
    this.ledger = ledger;
    this.store = store;
    this.workers = workers;
    this.config = config;
    this.verifier = verifier;
    this.cacheDir = dataDir.resolve("cache").resolve("blobs");
    this.tmpDir = dataDir.resolve("tmp");
  }

  public Path tmpDir() {
    return tmpDir;
  }

  /** What an uploaded file is, once received: where it lies, its hash and size, its sanitized name. */
  public record Received(Path file, byte[] sha256, long size, String filename) {}

  public record Metadata(String title, DocumentAccess access, List<UUID> agendaItems, String note) {}

  private record Checked(PdfInspector.Inspection inspection, List<SignatureVerifier.SignatureReport> signatures) {}

  private Future<Checked> check(Path file) {
    return workers.run(() -> {
      try {
        var inspection = PdfInspector.inspect(file, new PdfInspector.Limits(config.maxPages(), config.validationMemoryBytes()));
        var signatures = inspection.signed() ? verifier.verify(file) : List.<SignatureVerifier.SignatureReport>of();
        return new Checked(inspection, signatures);
      } catch (PdfRejected e) {
        throw new PlenumException(ErrorCode.UNSUPPORTED_DOCUMENT, e.getMessage());
      }
    }, config.validationTimeout(), "Checking the PDF");
  }

  /** Checks and stores the contents (own transaction); returns the checks for the version row. */
  private Future<Checked> storeContents(Received r) {
    return check(r.file()).compose(checked -> store.pool().withTransaction(tx -> store.storeBlob(tx, r.sha256(), r.size(), r.file(), config.chunkBytes())
        .compose(v -> store.hasPages(tx, r.sha256()))
        .compose(has -> {
          if (has) {
            return Future.succeededFuture();
          }
          List<PgDocumentStore.Page> pages = new ArrayList<>();
          checked.inspection().pages().forEach(p -> pages.add(new PgDocumentStore.Page(p.number(), p.widthPt(), p.heightPt(), p.text())));
          return store.storePages(tx, r.sha256(), pages);
        })).map(checked));
  }

  private static String signaturesJson(Checked c) {
    JsonArray a = new JsonArray();
    c.signatures().forEach(s -> a.add(s.toJson()));
    return a.encode();
  }

  public Future<Ledger.Written<JsonObject>> publish(Actor actor, MeetingId meeting, Metadata meta, Received file) {
    actor.requireRunner();
    UUID id = UUID.randomUUID();
    DocumentAccess access = withUploader(meta.access(), actor);
    return storeContents(file).compose(checked -> ledger.writeSql(meeting, actor.accountId(), (tx, head) ->
        store.insertDocument(tx, id, meeting, meta.title(), access, actor.accountId())
            .compose(v -> store.linkAgendaItems(tx, meeting, id, meta.agendaItems()))
            .compose(v -> store.addVersion(tx, id, file.sha256(), file.size(), checked.inspection().pageCount(), file.filename(), meta.note(),
                signaturesJson(checked), actor.accountId()))
            .compose(n -> store.getForUpdate(tx, meeting, id))
            .map(doc -> {
              JsonObject data = new JsonObject().put("document", toJson(doc));
              return Ledger.Change.of(data, new NewEvent(PUBLISHED, doc.access().audience(), data));
            })));
  }

  public Future<Ledger.Written<JsonObject>> addVersion(Actor actor, MeetingId meeting, UUID docId, String note, Received file) {
    actor.requireRunner();
    return store.get(store.pool(), meeting, docId)
        .compose(existing -> storeContents(file))
        .compose(checked -> ledger.writeSql(meeting, actor.accountId(), (tx, head) -> store.getForUpdate(tx, meeting, docId)
            .compose(doc -> store.addVersion(tx, docId, file.sha256(), file.size(), checked.inspection().pageCount(), file.filename(), note,
                signaturesJson(checked), actor.accountId()))
            .compose(n -> store.getForUpdate(tx, meeting, docId))
            .map(doc -> {
              JsonObject data = new JsonObject().put("document", toJson(doc));
              return Ledger.Change.of(data, new NewEvent(VERSION_ADDED, doc.access().audience(), data));
            })));
  }

  public Future<Ledger.Written<JsonObject>> setAccess(Actor actor, MeetingId meeting, UUID docId, DocumentAccess requested) {
    actor.requireRunner();
    DocumentAccess access = withUploader(requested, actor);
    return ledger.writeSql(meeting, actor.accountId(), (tx, head) -> store.getForUpdate(tx, meeting, docId).compose(before ->
        store.setAccess(tx, docId, access).compose(v -> store.getForUpdate(tx, meeting, docId)).map(doc -> {
          JsonObject data = new JsonObject().put("document", toJson(doc));
          // Both the people who had access and those who have it now hear of the change; the projector tells
          // those who lost it only that they did (DA5).
          return Ledger.Change.of(data, new NewEvent(ACCESS_CHANGED, before.access().audienceWith(doc.access()), data));
        })));
  }

  /** A confidential or named-people document always admits the person who uploads it. */
  private static DocumentAccess withUploader(DocumentAccess access, Actor uploader) {
    if (access.kind() == DocumentAccess.Kind.CONFIDENTIAL || access.kind() == DocumentAccess.Kind.PEOPLE) {
      java.util.Set<UUID> people = new java.util.HashSet<>(access.people());
      if (!uploader.is(org.plenum.server.core.Role.CHAIR)) {
        people.add(uploader.accountId());
      }
      return new DocumentAccess(access.kind(), access.roles(), people);
    }
    return access;
  }

  public Future<JsonArray> list(SqlClient c, Actor viewer, MeetingId meeting) {
    return store.list(c, meeting).map(docs -> {
      JsonArray out = new JsonArray();
      docs.stream().filter(d -> d.access().permits(viewer)).forEach(d -> out.add(toJson(d)));
      return out;
    });
  }

  /** The document if the viewer may read it; FORBIDDEN otherwise (every read path goes through here). */
  public Future<Doc> readable(Actor viewer, MeetingId meeting, UUID docId) {
    return store.get(store.pool(), meeting, docId).compose(doc -> doc.access().permits(viewer) ? Future.succeededFuture(doc)
        : Future.failedFuture(PlenumException.forbidden("You may not read the document '" + doc.title() + "'.")));
  }

  public PgDocumentStore store() {
    return store;
  }

  /** The contents in a local cache file (read once from PostgreSQL), for PDF work. */
  public Future<Path> materialize(Version v) {
    String hex = v.etag();
    Path target = cacheDir.resolve(hex + ".pdf");
    if (Files.exists(target)) {
      return Future.succeededFuture(target);
    }
    return materializing.computeIfAbsent(hex, k -> {
      Path part = cacheDir.resolve(hex + "." + UUID.randomUUID() + ".part");
      Future<Path> f = vertx.fileSystem().mkdirs(cacheDir.toString())
          .compose(x -> vertx.fileSystem().open(part.toString(), new io.vertx.core.file.OpenOptions().setWrite(true).setCreate(true)))
          .compose(file -> store.chunkBytes(v.sha256()).compose(chunk -> copy(v, chunk, file, 0)).eventually(file::close))
          .compose(x -> vertx.executeBlocking(() -> Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE)))
          .map(target)
          .onComplete(ar -> materializing.remove(hex));
      return f;
    });
  }

  private Future<Void> copy(Version v, int chunk, io.vertx.core.file.AsyncFile file, long from) {
    if (from >= v.size()) {
      return Future.succeededFuture();
    }
    int n = (int) Math.min(chunk, v.size() - from);
    return store.read(v.sha256(), chunk, from, n).compose(buf -> file.write(buf, from)).compose(x -> copy(v, chunk, file, from + n));
  }

  /** A copy stamped on every page with the reader's name, the time and the meeting, so a leak names its source. */
  public Future<Path> watermarked(Actor viewer, String meetingTitle, Version v) {
    Path out = tmpDir.resolve("wm-" + UUID.randomUUID() + ".pdf");
    String when = ZonedDateTime.now(ZoneId.of("Asia/Ho_Chi_Minh")).format(STAMP);
    List<String> lines = List.of(viewer.displayName(), when + " · " + meetingTitle, "Plenum · " + viewer.accountId().toString().substring(0, 8));
    return materialize(v).compose(src -> workers.run(() -> {
      Files.createDirectories(tmpDir);
      Watermarker.stamp(src, out, lines);
      return out;
    }, config.validationTimeout(), "Stamping the watermark"));
  }

  public Future<Buffer> thumbnail(Version v, int page, int width) {
    if (page < 1 || page > v.pageCount()) {
      return Future.failedFuture(PlenumException.notFound("The document has pages 1 to " + v.pageCount() + "."));
    }
    return store.thumbnail(v.sha256(), page, width).compose(cached -> cached != null ? Future.succeededFuture(cached)
        : materialize(v).compose(src -> workers.run(() -> {
          try {
            return Thumbnailer.png(src, page, width);
          } catch (PdfRejected e) {
            throw new PlenumException(ErrorCode.UNSUPPORTED_DOCUMENT, e.getMessage());
          }
        }, config.validationTimeout(), "Rendering the thumbnail"))
            .compose(png -> store.putThumbnail(v.sha256(), page, width, png).map(Buffer.buffer(png))));
  }

  /** Full-text search over the current versions of the documents the viewer may read; accents optional. */
  public Future<JsonObject> search(Actor viewer, MeetingId meeting, String query) {
    String folded = TextFolding.fold(query).strip();
    if (folded.isEmpty() || folded.length() > 200) {
      return Future.failedFuture(PlenumException.badMessage("Query parameter 'q' must have 1 to 200 characters."));
    }
    return store.list(store.pool(), meeting).compose(docs -> {
      List<Doc> visible = docs.stream().filter(d -> d.access().permits(viewer)).toList();
      Map<String, Doc> byHash = new java.util.HashMap<>();
      visible.forEach(d -> byHash.put(d.current().etag(), d));
      return store.search(visible.stream().map(d -> d.current().sha256()).toList(), folded, 50).map(pages -> {
        JsonArray results = new JsonArray();
        for (Object o : pages) {
          JsonObject p = (JsonObject) o;
          Doc d = byHash.get(p.getString("sha256"));
          results.add(new JsonObject().put("documentId", d.id().toString()).put("title", d.title()).put("version", d.currentVersion())
              .put("page", p.getInteger("page")).put("snippet", snippet(p.getString("text"), folded)));
        }
        return new JsonObject().put("query", query).put("results", results);
      });
    });
  }

  /** Up to ~160 characters of the page around the first query word, from the original (accented) text. */
  static String snippet(String text, String foldedQuery) {
    String foldedText = TextFolding.fold(text);
    String first = foldedQuery.split("\\s+")[0];
    int at = foldedText.length() == text.length() ? foldedText.indexOf(first) : -1;
    int start = Math.max(0, at < 0 ? 0 : at - 60);
    int end = Math.min(text.length(), start + 160);
    return text.substring(start, end).replaceAll("\\s+", " ").strip();
  }

  public JsonObject toJson(Doc d) {
    JsonArray versions = new JsonArray();
    for (Version v : d.versions()) {
      String base = "/api/meetings/" + d.meeting() + "/documents/" + d.id() + "/versions/" + v.number();
      versions.add(new JsonObject().put("number", v.number()).put("sha256", v.etag()).put("size", v.size()).put("pageCount", v.pageCount())
          .put("filename", v.filename()).put("changeNote", v.changeNote()).put("uploadedAt", v.uploadedAt())
          .put("uploadedBy", v.uploadedBy() == null ? null : v.uploadedBy().toString())
          .put("signatures", new JsonArray(v.signatures())).put("contentUrl", base + "/content").put("watermarkedUrl", base + "/watermarked"));
    }
    return new JsonObject().put("id", d.id().toString()).put("title", d.title()).put("access", d.access().toJson())
        .put("agendaItemIds", new JsonArray(d.agendaItems().stream().map(UUID::toString).toList()))
        .put("currentVersion", d.currentVersion()).put("versions", versions);
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
