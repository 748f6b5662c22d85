package org.plenum.server.document;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
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
 * A version's contents as files: the blob in the disk cache (read once from PostgreSQL, {@link BlobCache}), and what
 * is made from it on the PDF workers — watermarked copies and page thumbnails — cached the same way. The chunk reads
 * remain for serving straight from PostgreSQL when the cache cannot be used. Callers check access first
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
  private final Path tmpDir;
  private final BlobCache cache;
  private final DocumentMeters meters;

  DocumentContents(Vertx vertx, Database db, DocumentStore store, PdfWorkers workers, DocumentsConfig config, Meetings meetings, Path dataDir,
                   DocumentMeters meters) {
    this.vertx = vertx;
    this.db = db;
    this.store = store;
    this.workers = workers;
    this.config = config;
    this.meetings = meetings;
    this.tmpDir = dataDir.resolve("tmp");
    this.meters = meters;
    this.cache = new BlobCache(vertx, config.cacheFolder(dataDir), config.cacheMaxBytes(), meters);
  }

  BlobCache cache() {
    return cache;
  }

  DocumentMeters meters() {
    return meters;
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

  /** The contents as a file of the disk cache (DC5–DC8): read from PostgreSQL when missing or wrong, checked by SHA-256. */
  Future<Path> materialize(Version v) {
    return cache.blob(v.etag(), v.size(), part -> vertx.fileSystem().open(part.toString(), new OpenOptions().setWrite(true).setCreate(true))
        .compose(file -> chunkBytes(v).compose(chunk -> copy(v, chunk, file, 0)).eventually(file::close)));
  }

  private Future<Void> copy(Version v, int chunk, AsyncFile file, long from) {
    if (from >= v.size()) {
      return Future.succeededFuture();
    }
    int n = (int) Math.min(chunk, v.size() - from);
    return read(v, chunk, from, n).compose(buf -> file.write(buf, from)).compose(x -> copy(v, chunk, file, from + n));
  }

  /**
   * A copy stamped on every page with the reader's name, the time and the meeting's title, so a leak names its source;
   * cached by what is stamped on which version (DC10).
   */
  Future<Path> watermarked(Actor viewer, MeetingId meeting, Version v) {
    return meetings.header(db.auto(), meeting).compose(m -> stamp(viewer, m.getString("title"), v));
  }

  private Future<Path> stamp(Actor viewer, String meetingTitle, Version v) {
    String when = ZonedDateTime.now(ZoneId.of("Asia/Ho_Chi_Minh")).format(STAMP);
    List<String> lines = List.of(viewer.displayName(), when + " · " + meetingTitle, "Plenum · " + viewer.accountId().toString().substring(0, 8));
    String recipe = "watermark\n" + v.etag() + "\n" + String.join("\n", lines);
    return cache.derived("watermarked", recipe, part -> materialize(v).compose(src -> workers.run(() -> {
      Watermarker.stamp(src, part, lines);
      return null;
    }, config.validationTimeout(), "Stamping the watermark")));
  }

  /** A page thumbnail as a file of the disk cache (DC10), made by {@link #thumbnail} when missing. */
  Future<Path> thumbnailFile(Version v, int page, int width) {
    if (page < 1 || page > v.pageCount()) {
      return Future.failedFuture(PlenumException.notFound("The document has pages 1 to " + v.pageCount() + "."));
    }
    return cache.derived("thumbnails", "thumbnail\n" + v.etag() + "\n" + page + "\n" + width,
        part -> thumbnail(v, page, width).compose(png -> vertx.fileSystem().writeFile(part.toString(), png)));
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
