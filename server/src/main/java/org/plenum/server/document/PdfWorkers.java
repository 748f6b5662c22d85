package org.plenum.server.document;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;

/**
 * The worker pool for PDF work (PDFBox and BouncyCastle are blocking). Each job has a time budget: when it runs
 * out the caller gets an error at once and the worker thread is interrupted, so no request waits on a stuck file.
 */
final class PdfWorkers implements AutoCloseable {
  private final Vertx vertx;
  private final WorkerExecutor executor;

  PdfWorkers(Vertx vertx, int threads) {
    this.vertx = vertx;
    this.executor = vertx.createSharedWorkerExecutor("plenum-pdf", threads, 1, java.util.concurrent.TimeUnit.HOURS);
  }

  <T> Future<T> run(Callable<T> job, Duration budget, String what) {
    AtomicReference<Thread> worker = new AtomicReference<>();
    Promise<T> result = Promise.promise();
    long timer = vertx.setTimer(budget.toMillis(), t -> {
      Thread th = worker.get();
      if (th != null) {
        th.interrupt();
      }
      result.tryFail(new PlenumException(ErrorCode.UNSUPPORTED_DOCUMENT, what + " took longer than " + budget.toSeconds()
          + " s and was stopped; the file may be damaged or unusually complex."));
    });
    executor.<T>executeBlocking(() -> {
      worker.set(Thread.currentThread());
      try {
        return job.call();
      } catch (StackOverflowError | OutOfMemoryError e) {
        throw new PlenumException(ErrorCode.UNSUPPORTED_DOCUMENT, what + " failed: the file is too deeply nested or too large to process.");
      } finally {
        worker.set(null);
        Thread.interrupted(); // clear a late interrupt before the thread is reused
      }
    }, false).onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (ar.succeeded()) {
        result.tryComplete(ar.result());
      } else {
        result.tryFail(ar.cause());
      }
    });
    return result.future();
  }

  @Override
  public void close() {
    executor.close();
  }
}
