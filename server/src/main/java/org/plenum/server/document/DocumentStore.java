package org.plenum.server.document;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Tx;
import org.plenum.server.core.error.PlenumException;

/**
 * Meeting documents, their versions and their contents. Contents are content-addressed (SHA-256) blobs split into
 * chunks, so the same PDF uploaded twice is stored once and every server process sharing the database can serve it.
 */
public interface DocumentStore {
  /** One stored document with its versions, newest last. */
  record Doc(UUID id, MeetingId meeting, String title, DocumentAccess access, int currentVersion, List<UUID> agendaItems,
             List<Version> versions) {
    public Version current() {
      return versions.stream().filter(v -> v.number() == currentVersion).findFirst().orElseThrow();
    }

    public Version version(int n) {
      return versions.stream().filter(v -> v.number() == n).findFirst()
          .orElseThrow(() -> PlenumException.notFound("Document '" + title + "' has no version " + n + "."));
    }
  }

  record Version(int number, byte[] sha256, long size, int pageCount, String filename, String changeNote, String signatures,
                 UUID uploadedBy, String uploadedAt, Active active) {
    public String etag() {
      return HexFormat.of().formatHex(sha256);
    }
  }

  /**
   * Active content the uploaded file carried (DU6, DU7): the kinds ({@code ActiveContent.Kind} names), its links,
   * and the SHA-256 of the file as uploaded when Plenum stored a cleaned copy instead (null when stored as uploaded).
   */
  record Active(List<String> kinds, List<String> links, byte[] originalSha256) {
    public static final Active NONE = new Active(List.of(), List.of(), null);

    public Active {
      kinds = List.copyOf(kinds);
      links = List.copyOf(links);
    }
  }

  /** One page of a blob: its size in points and its text, for search. */
  record Page(int number, float width, float height, String text) {}

  /** A page that matches a search: the blob's hash (hex), the page number, the page's text. */
  record Hit(String sha256, int page, String text) {}

  /** Stores the file as a blob unless one with this hash exists (then nothing is written). */
  Future<Boolean> storeBlob(Tx tx, byte[] sha256, long size, Path file, int chunkBytes);

  /** The blob's chunk size (blobs keep the size they were stored with). */
  Future<Integer> chunkBytes(Tx tx, byte[] sha256);

  /** Bytes [from, from+length) of a blob, read from at most one chunk (the caller loops). */
  Future<Buffer> read(Tx tx, byte[] sha256, int chunkBytes, long from, int length);

  Future<Boolean> hasPages(Tx tx, byte[] sha256);

  Future<Void> storePages(Tx tx, byte[] sha256, List<Page> pages);

  /** The size of every page of a blob, in page order (texts left empty). */
  Future<List<Page>> pageSizes(Tx tx, byte[] sha256);

  Future<Void> insertDocument(Tx tx, UUID id, MeetingId meeting, String title, DocumentAccess access, UUID createdBy);

  /** Links the document to agenda items of its meeting; NOT_FOUND when one is not in the meeting. */
  Future<Void> linkAgendaItems(Tx tx, MeetingId meeting, UUID document, List<UUID> items);

  /** Adds version n (the next one) and makes it current; returns n. */
  default Future<Integer> addVersion(Tx tx, UUID document, byte[] sha256, long size, int pages, String filename, String note,
                                     String signatures, UUID uploadedBy) {
    return addVersion(tx, document, sha256, size, pages, filename, note, signatures, uploadedBy, Active.NONE);
  }

  /** As above, with the active content the uploaded file carried. */
  Future<Integer> addVersion(Tx tx, UUID document, byte[] sha256, long size, int pages, String filename, String note, String signatures,
                             UUID uploadedBy, Active active);

  Future<Void> setAccess(Tx tx, UUID document, DocumentAccess access);

  /** The meeting's documents that have a version, in creation order. */
  Future<List<Doc>> list(Tx tx, MeetingId meeting);

  /** A document with a version; NOT_FOUND otherwise. */
  Future<Doc> get(Tx tx, MeetingId meeting, UUID id);

  /** For writers: the document even before its first version is committed (same transaction), locked. */
  Future<Doc> getForUpdate(Tx tx, MeetingId meeting, UUID id);

  /** Pages of the given blobs whose folded text matches every folded word of the query; best first. */
  Future<List<Hit>> search(Tx tx, List<byte[]> blobs, String foldedQuery, int limit);

  /** A rendered thumbnail, or null when none is stored. */
  Future<Buffer> thumbnail(Tx tx, byte[] sha256, int page, int width);

  Future<Void> putThumbnail(Tx tx, byte[] sha256, int page, int width, byte[] png);
}
