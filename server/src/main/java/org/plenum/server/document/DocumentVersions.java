package org.plenum.server.document;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.plenum.server.core.FeatureApi;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Tx;

/**
 * What other features may ask of a meeting's document versions (annotations anchor to them): who may read a
 * document, the page sizes of a version, the version's bytes as a local file for PDF work on the document feature's
 * PDF workers, and word that a new version was added.
 */
@FeatureApi
public interface DocumentVersions {
  /** A document of the meeting: its access and its current version. NOT_FOUND when the meeting has no such document. */
  record Info(UUID documentId, String title, DocumentAccess access, int currentVersion) {}

  /** A page's size in points (the crop box, origin at 0, 0). */
  record PageSize(int number, double width, double height) {}

  /** Hears that version {@code version} of a document was committed (on the server that took the upload). */
  @FunctionalInterface
  interface VersionAdded {
    void added(MeetingId meeting, UUID documentId, int version);
  }

  Future<Info> info(Tx tx, MeetingId meeting, UUID documentId);

  /** The pages of a version; NOT_FOUND when the document or the version does not exist. */
  Future<List<PageSize>> pages(Tx tx, MeetingId meeting, UUID documentId, int version);

  /** The version's PDF in a local cache file (read once from the database). */
  Future<Path> pdf(MeetingId meeting, UUID documentId, int version);

  /** Runs blocking PDF work on the PDF workers within {@code budget} (UNSUPPORTED_DOCUMENT when it runs out). */
  <T> Future<T> onPdfWorkers(Callable<T> job, Duration budget, String what);

  /** The PDF workers' usual budget for one job ({@code documents.validation_timeout}). */
  Duration pdfBudget();

  void onVersionAdded(VersionAdded listener);
}
