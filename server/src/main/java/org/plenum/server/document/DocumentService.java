package org.plenum.server.document;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.plenum.server.config.PlenumConfig.DocumentsConfig;
import org.plenum.server.core.Actor;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.Role;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.db.Tx;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.ledger.Ledger;
import org.plenum.server.document.DocumentStore.Doc;
import org.plenum.server.document.DocumentStore.Version;
import org.plenum.server.pdf.PdfInspector;
import org.plenum.server.pdf.PdfRejected;
import org.plenum.server.pdf.SignatureVerifier;

/**
 * Meeting documents: publish (v1), new versions, access, listing, reading, search (contents: {@link DocumentContents}).
 *
 * <p>Rules: DU1 only the chair, the secretary or an administrator publishes documents and versions and changes
 * access. DU2 a PDF is checked on the PDF workers within documents.validation_timeout before anything is stored;
 * anything that is not a readable, unprotected PDF within documents.max_pages is UNSUPPORTED_DOCUMENT and nothing is
 * stored. DU3 contents are stored first (content-addressed, deduplicated), then the document and its version appear
 * in one transaction with their ledger event, so a crash never leaves a half document visible. DU4 publishing and
 * new versions are ledger events that reach exactly the people the document's access admits (DA1–DA4).
 */
final class DocumentService {
  private final Database db;
  private final Ledger ledger;
  private final DocumentStore store;
  private final PdfWorkers workers;
  private final DocumentsConfig config;
  private final SignatureVerifier verifier;
  private final List<DocumentVersions.VersionAdded> versionListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  DocumentService(Database db, Ledger ledger, DocumentStore store, PdfWorkers workers, DocumentsConfig config, SignatureVerifier verifier) {
    this.db = db;
    this.ledger = ledger;
    this.store = store;
    this.workers = workers;
    this.config = config;
    this.verifier = verifier;
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
    return check(r.file()).compose(checked -> db.inTransaction(tx -> store.storeBlob(tx, r.sha256(), r.size(), r.file(), config.chunkBytes())
        .compose(v -> store.hasPages(tx, r.sha256()))
        .compose(has -> {
          if (has) {
            return Future.succeededFuture();
          }
          List<DocumentStore.Page> pages = new ArrayList<>();
          checked.inspection().pages().forEach(p -> pages.add(new DocumentStore.Page(p.number(), p.widthPt(), p.heightPt(), p.text())));
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
    return storeContents(file).compose(checked -> ledger.write(meeting, actor.accountId(), (tx, head) ->
        store.insertDocument(tx, id, meeting, meta.title(), access, actor.accountId())
            .compose(v -> store.linkAgendaItems(tx, meeting, id, meta.agendaItems()))
            .compose(v -> addVersion(tx, meeting, id, actor, meta.note(), file, checked))
            .map(doc -> change(new DocumentEvent.Published(toJson(doc), doc.access().audience())))));
  }

  public Future<Ledger.Written<JsonObject>> addVersion(Actor actor, MeetingId meeting, UUID docId, String note, Received file) {
    actor.requireRunner();
    return store.get(db.auto(), meeting, docId)
        .compose(existing -> storeContents(file))
        .compose(checked -> ledger.write(meeting, actor.accountId(), (tx, head) -> store.getForUpdate(tx, meeting, docId)
            .compose(doc -> addVersion(tx, meeting, docId, actor, note, file, checked))
            .map(doc -> change(new DocumentEvent.VersionAdded(toJson(doc), doc.access().audience())))))
        .onSuccess(w -> {
          int version = w.value().getJsonObject("document").getInteger("currentVersion");
          versionListeners.forEach(l -> l.added(meeting, docId, version));
        });
  }

  /** Who hears of new versions once they are committed. */
  void onVersionAdded(DocumentVersions.VersionAdded listener) {
    versionListeners.add(listener);
  }

  /** Adds the next version in the write's transaction; the document as it is afterwards. */
  private Future<Doc> addVersion(Tx tx, MeetingId meeting, UUID docId, Actor actor, String note, Received file, Checked checked) {
    return store.addVersion(tx, docId, file.sha256(), file.size(), checked.inspection().pageCount(), file.filename(), note,
            signaturesJson(checked), actor.accountId())
        .compose(n -> store.getForUpdate(tx, meeting, docId));
  }

  public Future<Ledger.Written<JsonObject>> setAccess(Actor actor, MeetingId meeting, UUID docId, DocumentAccess requested) {
    actor.requireRunner();
    DocumentAccess access = withUploader(requested, actor);
    return ledger.write(meeting, actor.accountId(), (tx, head) -> store.getForUpdate(tx, meeting, docId).compose(before ->
        store.setAccess(tx, docId, access).compose(v -> store.getForUpdate(tx, meeting, docId))
            // Both the people who had access and those who have it now hear of the change; the projection tells
            // those who lost it only that they did (DA5).
            .map(doc -> change(new DocumentEvent.AccessChanged(toJson(doc), before.access().audienceWith(doc.access()))))));
  }

  /** The write's answer is the event's data: {@code {"document": {...}}}. */
  private static Ledger.Change<JsonObject> change(DocumentEvent event) {
    return Ledger.Change.of(event.data(), event);
  }

  /** A confidential or named-people document always admits the person who uploads it. */
  private static DocumentAccess withUploader(DocumentAccess access, Actor uploader) {
    if (access.kind() == DocumentAccess.Kind.CONFIDENTIAL || access.kind() == DocumentAccess.Kind.PEOPLE) {
      Set<UUID> people = new HashSet<>(access.people());
      if (!uploader.is(Role.CHAIR)) {
        people.add(uploader.accountId());
      }
      return new DocumentAccess(access.kind(), access.roles(), people);
    }
    return access;
  }

  /** The meeting's documents that {@code viewer} may read. */
  public Future<JsonArray> list(Actor viewer, MeetingId meeting) {
    return list(db.auto(), viewer, meeting);
  }

  /** As {@link #list(Actor, MeetingId)}, in {@code tx} (the snapshot's). */
  public Future<JsonArray> list(Tx tx, Actor viewer, MeetingId meeting) {
    return store.list(tx, meeting).map(docs -> {
      JsonArray out = new JsonArray();
      docs.stream().filter(d -> d.access().permits(viewer)).forEach(d -> out.add(toJson(d)));
      return out;
    });
  }

  /** The document if the viewer may read it; FORBIDDEN otherwise (every read path goes through here). */
  public Future<Doc> readable(Actor viewer, MeetingId meeting, UUID docId) {
    return store.get(db.auto(), meeting, docId).compose(doc -> doc.access().permits(viewer) ? Future.succeededFuture(doc)
        : Future.failedFuture(PlenumException.forbidden("You may not read the document '" + doc.title() + "'.")));
  }

  /** Full-text search over the current versions of the documents the viewer may read; accents optional. */
  public Future<JsonObject> search(Actor viewer, MeetingId meeting, String query) {
    String folded = TextFolding.fold(query).strip();
    if (folded.isEmpty() || folded.length() > 200) {
      return Future.failedFuture(PlenumException.badMessage("Query parameter 'q' must have 1 to 200 characters."));
    }
    return store.list(db.auto(), meeting).compose(docs -> {
      List<Doc> visible = docs.stream().filter(d -> d.access().permits(viewer)).toList();
      Map<String, Doc> byHash = new java.util.HashMap<>();
      visible.forEach(d -> byHash.put(d.current().etag(), d));
      return store.search(db.auto(), visible.stream().map(d -> d.current().sha256()).toList(), folded, 50).map(pages -> {
        JsonArray results = new JsonArray();
        for (DocumentStore.Hit p : pages) {
          Doc d = byHash.get(p.sha256());
          results.add(new JsonObject().put("documentId", d.id().toString()).put("title", d.title()).put("version", d.currentVersion())
              .put("page", p.page()).put("snippet", snippet(p.text(), folded)));
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

  /** A document as clients see it: access, agenda items, every version with its URLs. */
  public static JsonObject toJson(Doc d) {
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
}
