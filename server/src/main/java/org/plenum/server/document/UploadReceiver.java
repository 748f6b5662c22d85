package org.plenum.server.document;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.UUID;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;

/**
 * Streams a request body to a temporary file in the data folder while hashing it (SHA-256) — never holding the
 * file in memory — with the upload limit enforced as bytes arrive and progress reported as it goes. An aborted or
 * over-size upload deletes its temporary file.
 */
final class UploadReceiver {
  private UploadReceiver() {}

  /** Receives progress as bytes arrive. */
  interface Progress {
    void received(long bytes);
  }

  static Future<DocumentService.Received> receive(Vertx vertx, HttpServerRequest request, Path tmpDir, long maxBytes, String filename,
                                                  Progress progress) {
    Path file = tmpDir.resolve("upload-" + UUID.randomUUID() + ".part");
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      return Future.failedFuture(e);
    }
    Promise<DocumentService.Received> done = Promise.promise();
    vertx.fileSystem().mkdirs(tmpDir.toString())
        .compose(v -> vertx.fileSystem().open(file.toString(), new OpenOptions().setWrite(true).setCreateNew(true)))
        .onFailure(done::tryFail)
        .onSuccess(out -> {
          long[] count = {0};
          request.handler(buf -> {
            if (done.future().isComplete()) {
              return;
            }
            count[0] += buf.length();
            if (count[0] > maxBytes) {
              fail(done, out, file, new PlenumException(ErrorCode.PAYLOAD_TOO_LARGE,
                  "The file is larger than " + maxBytes + " bytes (documents.max_upload_bytes)."));
              request.connection().close();
              return;
            }
            digest.update(buf.getBytes());
            progress.received(count[0]);
            out.write(buf);
            if (out.writeQueueFull()) {
              request.pause();
              out.drainHandler(x -> request.resume());
            }
          });
          request.exceptionHandler(err -> fail(done, out, file, PlenumException.badMessage("The upload was interrupted before it finished.")));
          request.endHandler(v -> {
            if (done.future().isComplete()) {
              return;
            }
            if (count[0] == 0) {
              fail(done, out, file, PlenumException.badMessage("The upload is empty; send the PDF as the request body."));
              return;
            }
            out.close().onSuccess(x -> done.tryComplete(new DocumentService.Received(file, digest.digest(), count[0], filename)))
                .onFailure(err -> fail(done, out, file, err));
          });
          request.resume();
        });
    return done.future();
  }

  private static void fail(Promise<?> done, AsyncFile out, Path file, Throwable err) {
    if (done.tryFail(err)) {
      out.close().onComplete(x -> delete(file));
    }
  }

  static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (java.io.IOException ignored) {
      // a leftover temp file is removed at the next start
    }
  }
}
