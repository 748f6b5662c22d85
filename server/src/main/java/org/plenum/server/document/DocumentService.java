package org.plenum.server.document;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
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
import org.plenum.server.pdf.ActiveContent;
import org.plenum.server.pdf.PdfInspector;
import org.plenum.server.pdf.PdfRejected;
import org.plenum.server.pdf.SignatureVerifier;
import org.plenum.server.pdf.Thumbnailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Meeting documents: publish (v1), new versions, access, listing, reading, search (contents: {@link DocumentContents}).
 *
 * <p>Rules: DU1 only the chair, the secretary or an administrator publishes documents and versions and changes
 * access. DU2 a PDF is checked on the PDF workers within documents.validation_timeout before anything is stored;
 * anything that is not a readable, unprotected PDF within documents.max_pages is UNSUPPORTED_DOCUMENT and nothing is
 * stored. DU3 contents are stored first (content-addressed, deduplicated), then the document and its version appear
 * in one transaction with their ledger event, so a crash never leaves a half document visible. DU4 publishing and
 * new versions are ledger events that reach exactly the people the document's access admits (DA1–DA4). DU6, DU7
 * active content (JavaScript, launch and submit actions, XML forms, embedded files unless allowed) is removed: the
 * version's content is a cleaned copy, the version lists what the upload carried and its links; a signed PDF that
 * would need cleaning is refused (D27).
 */
final class DocumentService {
  private static final Logger LOG = LoggerFactory.getLogger(DocumentService.class);
  /** The widths of the page pictures the viewer shows while pdf.js loads (DT2; web-client Viewer.svelte's PREVIEW_WIDTHS). */
  static final List<Integer> PREVIEW_WIDTHS = List.of(512, 1024);

  private final Database db;
  private final Ledger ledger;
  private final DocumentStore store;
  private final PdfWorkers workers;
  private final DocumentsConfig config;
  private final SignatureVerifier verifier;
  private final List<DocumentVersions.VersionAdded> versionListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  private final org.plenum.server.core.live.AccessChanges changes;
  /** D46: documents (access, versions) as last read, for the reads of contents; forgotten on any change of access. */
  private final org.plenum.server.core.live.AccessChanges.Memo<DocKey, Doc> docs;

  private record DocKey(MeetingId meeting, UUID id) {}

  DocumentService(Database db, Ledger ledger, DocumentStore store, PdfWorkers workers, DocumentsConfig config, SignatureVerifier verifier,
                  org.plenum.server.core.live.AccessChanges changes) {
    this.changes = changes;
    this.docs = changes.memo(10_000);
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

  /**
   * What the checks found: the inspection, the signatures, the file to store (the upload itself, or a copy without
   * its active content) and the active content the upload carried.
   */
  private record Checked(PdfInspector.Inspection inspection, List<SignatureVerifier.SignatureReport> signatures, Received stored,
                         DocumentStore.Active active) {}

  private Future<Checked> check(Received r) {
    return workers.run(() -> {
      try {
        var inspection = PdfInspector.inspect(r.file(), new PdfInspector.Limits(config.maxPages(), config.validationMemoryBytes()));
        var signatures = inspection.signed() ? verifier.verify(r.file()) : List.<SignatureVerifier.SignatureReport>of();
        var found = inspection.activeContent();
        if (!found.needsStripping(config.allowEmbeddedFiles())) {
          return new Checked(inspection, signatures, r, new DocumentStore.Active(found.names(), found.uris(), null));
        }
        if (inspection.signed()) {
          // Removing anything changes the signed bytes: the signature would no longer hold (D27).
          throw new PlenumException(ErrorCode.UNSUPPORTED_DOCUMENT, "The PDF is digitally signed and contains " + describe(found)
              + ". Plenum removes such content from every copy it serves, which would break the signature. Ask the signer for a signed "
              + "copy without it.");
        }
        Path clean = r.file().resolveSibling(r.file().getFileName() + ".clean.pdf");
        try {
          ActiveContent.strip(r.file(), clean, config.allowEmbeddedFiles(), config.validationMemoryBytes());
          Received stored = new Received(clean, sha256(clean), Files.size(clean), r.filename());
          return new Checked(inspection, signatures, stored, new DocumentStore.Active(found.names(), found.uris(), r.sha256()));
        } catch (PdfRejected | RuntimeException | IOException e) {
          UploadReceiver.delete(clean);
          throw e;
        }
      } catch (PdfRejected e) {
        throw new PlenumException(ErrorCode.UNSUPPORTED_DOCUMENT, e.getMessage());
      }
    }, config.validationTimeout(), "Checking the PDF");
  }

  /** The removed kinds in words ("JavaScript, a program launch"). */
  private String describe(ActiveContent.Findings found) {
    List<String> words = new ArrayList<>();
    for (ActiveContent.Kind k : found.kinds()) {
      if (ActiveContent.removed(k, config.allowEmbeddedFiles())) {
        words.add(switch (k) {
          case JAVASCRIPT -> "JavaScript";
          case LAUNCH -> "actions that open other files or programs";
          case SUBMIT_FORM -> "actions that send form data";
          case XFA -> "an XML form (XFA)";
          case EMBEDDED_FILES -> "embedded files";
          case URI -> "links";
        });
      }
    }
    return String.join(", ", words);
  }

  private static byte[] sha256(Path file) throws IOException {
    try (var in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[64 * 1024];
      for (int n; (n = in.read(buf)) > 0; ) {
        digest.update(buf, 0, n);
      }
      return digest.digest();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Checks and stores the contents (own transaction); returns the checks for the version row. What is stored is
   * {@link Checked#stored()}: the upload, or its copy without active content (DU6), whose temporary file goes here.
   */
  private Future<Checked> storeContents(Received r) {
    return check(r).compose(checked -> {
      Received s = checked.stored();
      Future<List<byte[]>> previews = previews(s);
      return db.inTransaction(tx -> store.storeBlob(tx, s.sha256(), s.size(), s.file(), config.chunkBytes())
          .compose(v -> store.hasPages(tx, s.sha256()))
          .compose(has -> {
            if (has) {
              return Future.succeededFuture();
            }
            List<DocumentStore.Page> pages = new ArrayList<>();
            checked.inspection().pages().forEach(p -> pages.add(new DocumentStore.Page(p.number(), p.widthPt(), p.heightPt(), p.text())));
            return store.storePages(tx, s.sha256(), pages);
          })).compose(v -> previews).compose(pngs -> keepPreviews(s, pngs)).map(checked).eventually(() -> {
            if (s != r) {
              UploadReceiver.delete(s.file());
            }
            return Future.succeededFuture();
          });
    });
  }

  /**
   * Page 1 drawn at the viewer's preview widths while the contents are being stored (DT2), so that opening a new
   * document shows a picture of its first page from the cache instead of waiting for PDFBox. Never fails: a page
   * that cannot be drawn now is drawn on request (DT1), which reports the reason.
   */
  private Future<List<byte[]>> previews(Received s) {
    return workers.run(() -> {
      List<byte[]> pngs = new ArrayList<>();
      for (int width : PREVIEW_WIDTHS) {
        pngs.add(Thumbnailer.png(s.file(), 1, width));
      }
      return pngs;
    }, config.validationTimeout(), "Drawing the first page").otherwise(e -> {
      LOG.info("First-page previews not drawn at upload (drawn on request instead): {}", e.getMessage());
      return List.of();
    });
  }

  private Future<Void> keepPreviews(Received s, List<byte[]> pngs) {
    Future<Void> all = Future.succeededFuture();
    for (int i = 0; i < pngs.size(); i++) {
      int width = PREVIEW_WIDTHS.get(i);
      byte[] png = pngs.get(i);
      all = all.compose(v -> store.putThumbnail(db.auto(), s.sha256(), 1, width, png));
    }
    return all;
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
            .compose(v -> addVersion(tx, meeting, id, actor, meta.note(), checked))
            .map(doc -> change(new DocumentEvent.Published(toJson(doc), doc.access().audience())))));
  }

  public Future<Ledger.Written<JsonObject>> addVersion(Actor actor, MeetingId meeting, UUID docId, String note, Received file) {
    actor.requireRunner();
    return store.get(db.auto(), meeting, docId)
        .compose(existing -> storeContents(file))
        .compose(checked -> ledger.write(meeting, actor.accountId(), (tx, head) -> store.getForUpdate(tx, meeting, docId)
            .compose(doc -> addVersion(tx, meeting, docId, actor, note, checked))
            .map(doc -> change(new DocumentEvent.VersionAdded(toJson(doc), doc.access().audience())))))
        .onSuccess(w -> changes.changed("document " + docId))
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
  private Future<Doc> addVersion(Tx tx, MeetingId meeting, UUID docId, Actor actor, String note, Checked checked) {
    Received file = checked.stored();
    return store.addVersion(tx, docId, file.sha256(), file.size(), checked.inspection().pageCount(), file.filename(), note,
            signaturesJson(checked), actor.accountId(), checked.active())
        .compose(n -> store.getForUpdate(tx, meeting, docId));
  }

  public Future<Ledger.Written<JsonObject>> setAccess(Actor actor, MeetingId meeting, UUID docId, DocumentAccess requested) {
    actor.requireRunner();
    DocumentAccess access = withUploader(requested, actor);
    return ledger.write(meeting, actor.accountId(), (tx, head) -> store.getForUpdate(tx, meeting, docId).compose(before ->
        store.setAccess(tx, docId, access).compose(v -> store.getForUpdate(tx, meeting, docId))
            // Both the people who had access and those who have it now hear of the change; the projection tells
            // those who lost it only that they did (DA5).
            .map(doc -> change(new DocumentEvent.AccessChanged(toJson(doc), before.access().audienceWith(doc.access()))))))
        .onSuccess(w -> changes.changed("access of document " + docId)); // D46: DA5 at once, for cached reads too
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
    return docs.get(new DocKey(meeting, docId), () -> store.get(db.auto(), meeting, docId)).compose(doc -> doc.access().permits(viewer) ? Future.succeededFuture(doc)
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
          .put("signatures", new JsonArray(v.signatures())).put("contentUrl", base + "/content").put("watermarkedUrl", base + "/watermarked")
          .put("activeContent", new JsonArray(v.active().kinds())).put("links", new JsonArray(v.active().links()))
          .put("originalSha256", v.active().originalSha256() == null ? null : HexFormat.of().formatHex(v.active().originalSha256())));
    }
    return new JsonObject().put("id", d.id().toString()).put("title", d.title()).put("access", d.access().toJson())
        .put("agendaItemIds", new JsonArray(d.agendaItems().stream().map(UUID::toString).toList()))
        .put("currentVersion", d.currentVersion()).put("versions", versions);
  }
}
