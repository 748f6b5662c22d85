package org.plenum.server.media;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * The one Vert.x context that owns the media plane's state on this node (the actor, decision D20): every meeting's
 * {@link MeetingRoom}, its {@link MediaPeer}s, the WHIP/WHEP resources and the cascade bookkeeping are read and
 * written on it only, so they need no {@code volatile}, lock or concurrent map. Whatever arrives from elsewhere — a
 * socket command, an HTTP WHIP/WHEP request, a Janus event or reply (the Janus client runs on its own context), a
 * bridge going down or up, a ledger event, a timer — enters through {@link #call}, {@link #run} or {@link #resume}.
 *
 * <p>Between two steps of an async operation anything may have happened (the room lost its bridge, got a new one, the
 * socket closed): a step that resumes re-checks the state it relies on before it acts.
 */
final class MediaOwner {
  private final Vertx vertx;
  private final Context context;

  private MediaOwner(Vertx vertx, Context context) {
    this.vertx = vertx;
    this.context = context;
  }

  /** A context of its own: a verticle that does nothing but own the media state (undeployed when Vert.x closes). */
  static Future<MediaOwner> start(Vertx vertx) {
    Home home = new Home();
    return vertx.deployVerticle(home).map(id -> new MediaOwner(vertx, home.context()));
  }

  private static final class Home extends VerticleBase {
    Context context() {
      return context;
    }
  }

  Vertx vertx() {
    return vertx;
  }

  /** True on the owning context. */
  boolean here() {
    return Vertx.currentContext() == context;
  }

  /** Runs {@code action} on the owner: now if already there, else next on its event loop. */
  void run(Runnable action) {
    if (here()) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }

  /**
   * A request from another context (a socket, an HTTP route): {@code action} runs on the owner, and its result
   * completes on the caller's context, so the caller never sees the owner's thread. Thrown exceptions fail the future.
   */
  <T> Future<T> call(Supplier<Future<T>> action) {
    Context caller = Vertx.currentContext();
    Promise<T> answer = Promise.promise();
    run(() -> {
      Future<T> result;
      try {
        result = action.get();
      } catch (RuntimeException e) {
        result = Future.failedFuture(e);
      }
      result.onComplete(r -> deliver(caller, answer, r));
    });
    return answer.future();
  }

  /**
   * {@code f} (typically completed by the Janus client's context, the SQL pool or the ledger) as a future whose
   * callbacks run on the owner: the only way results from outside re-enter the owned state.
   */
  <T> Future<T> resume(Future<T> f) {
    Promise<T> back = Promise.promise();
    f.onComplete(r -> deliver(context, back, r));
    return back.future();
  }

  /** A one-shot timer whose handler runs on the owner. */
  long timer(long delayMs, Runnable action) {
    return vertx.setTimer(delayMs, t -> run(action));
  }

  void cancelTimer(long id) {
    vertx.cancelTimer(id);
  }

  private static <T> void deliver(Context target, Promise<T> promise, AsyncResult<T> result) {
    if (target == null || Vertx.currentContext() == target) {
      promise.handle(result);
    } else {
      target.runOnContext(v -> promise.handle(result));
    }
  }
}
