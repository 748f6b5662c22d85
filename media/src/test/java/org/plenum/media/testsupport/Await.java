package org.plenum.media.testsupport;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded waiting for tests that watch media flow (no Vert.x event loop is ever blocked: tests call from their own thread). */
public final class Await {

  private Await() {
  }

  public static <T> T result(Future<T> future, Duration timeout) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Polls {@code condition} every 50 ms; on timeout fails with {@code state}'s description of what was seen. */
  public static void until(BooleanSupplier condition, Duration timeout, Supplier<String> state) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + timeout.toSeconds() + " s: " + state.get());
      }
      Thread.sleep(50);
    }
  }
}
