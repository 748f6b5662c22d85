package org.plenum.server.document;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.plenum.server.config.PlenumConfig.DocumentsConfig;
import org.plenum.server.core.Actor;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.document.DocumentStore.Version;
import org.plenum.server.meeting.Meetings;
import org.plenum.server.pdf.PdfRejected;
import org.plenum.server.pdf.Thumbnailer;
import org.plenum.server.pdf.Watermarker;

/**
 * What readers get of a version's contents besides the bytes themselves: watermarked copies and page thumbnails,
 * made on the PDF workers from a local cache copy (read once from PostgreSQL). Callers check access first
 * ({@link DocumentService#readable}).
 */
final class DocumentContents {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

  private final Vertx vertx;
  private final Database db;
  private final DocumentStore store;
  private final PdfWorkers workers;
  private final DocumentsConfig config;
  private final Meetings meetings;
  private final Path cacheDir;
  private final Path tmpDir;
  private final Map<String, Future<Path>> materializing = new ConcurrentHashMap<>();

  DocumentContents(Vertx vertx, Database db, DocumentStore store, PdfWorkers workers, DocumentsConfig config, Meetings meetings, Path dataDir) {
    this.vertx = vertx;
    this.db = db;
    this.store = store;
    this.workers = workers;
    this.config = config;
    this.meetings = meetings;
    this.cacheDir = dataDir.resolve("cache").resolve("blobs");
    this.tmpDir = dataDir.resolve("tmp");
  }

  /** Where uploads and watermarked copies are written while they are in flight. */
  Path tmpDir() {
    return tmpDir;
  }

  /** The chunk size a version's blob was stored with (reads go chunk by chunk). */
  Future<Integer> chunkBytes(Version v) {
    return store.chunkBytes(db.auto(), v.sha256());
  }

  /** Bytes [from, from+length) of the version, from at most one chunk: fewer than asked at a chunk's end. */
  Future<Buffer> read(Version v, int chunkBytes, long from, int length) {
    return store.read(db.auto(), v.sha256(), chunkBytes, from, length);
  }

  /** The contents in a local cache file (read once from PostgreSQL), for PDF work. */
  Future<Path> materialize(Version v) {
    String hex = v.etag();
    Path target = cacheDir.resolve(hex + ".pdf");
    if (Files.exists(target)) {
      return Future.succeededFuture(target);
    }
    return materializing.computeIfAbsent(hex, k -> {
      Path part = cacheDir.resolve(hex + "." + UUID.randomUUID() + ".part");
      Future<Path> f = vertx.fileSystem().mkdirs(cacheDir.toString())
          .compose(x -> vertx.fileSystem().open(part.toString(), new io.vertx.core.file.OpenOptions().setWrite(true).setCreate(true)))
          .compose(file -> chunkBytes(v).compose(chunk -> copy(v, chunk, file, 0)).eventually(file::close))
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
    return read(v, chunk, from, n).compose(buf -> file.write(buf, from)).compose(x -> copy(v, chunk, file, from + n));
  }

  /**
   * A copy stamped on every page with the reader's name, the time and the meeting's title, so a leak names its source.
   * The caller deletes the file once sent.
   */
  Future<Path> watermarked(Actor viewer, MeetingId meeting, Version v) {
    return meetings.header(db.auto(), meeting).compose(m -> stamp(viewer, m.getString("title"), v));
  }

  private Future<Path> stamp(Actor viewer, String meetingTitle, Version v) {
    Path out = tmpDir.resolve("wm-" + UUID.randomUUID() + ".pdf");
    String when = ZonedDateTime.now(ZoneId.of("Asia/Ho_Chi_Minh")).format(STAMP);
    List<String> lines = List.of(viewer.displayName(), when + " · " + meetingTitle, "Plenum · " + viewer.accountId().toString().substring(0, 8));
    return materialize(v).compose(src -> workers.run(() -> {
      Files.createDirectories(tmpDir);
      Watermarker.stamp(src, out, lines);
      return out;
    }, config.validationTimeout(), "Stamping the watermark"));
  }

  /** A PNG of one page, {@code width} pixels wide, rendered once and kept in the database. */
  Future<Buffer> thumbnail(Version v, int page, int width) {
    if (page < 1 || page > v.pageCount()) {
      return Future.failedFuture(PlenumException.notFound("The document has pages 1 to " + v.pageCount() + "."));
    }
    return store.thumbnail(db.auto(), v.sha256(), page, width).compose(cached -> cached != null ? Future.succeededFuture(cached)
        : materialize(v).compose(src -> workers.run(() -> {
          try {
            return Thumbnailer.png(src, page, width);
          } catch (PdfRejected e) {
            throw new PlenumException(ErrorCode.UNSUPPORTED_DOCUMENT, e.getMessage());
          }
        }, config.validationTimeout(), "Rendering the thumbnail"))
            .compose(png -> store.putThumbnail(db.auto(), v.sha256(), page, width, png).map(Buffer.buffer(png))));
  }
}
