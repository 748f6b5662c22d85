package org.plenum.server.core.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** D46: remembered access answers count only in the generation they were read in. Real Vert.x event bus, no timers. */
class AccessChangesTest {
  Vertx vertx;
  AccessChanges changes;
  AccessChanges.Memo<String, Integer> memo;
  AtomicInteger loads;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    changes = AccessChanges.of(vertx);
    memo = changes.memo(3);
    loads = new AtomicInteger();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  Supplier<Future<Integer>> load() {
    return () -> Future.succeededFuture(loads.incrementAndGet());
  }

  /** Runs {@code body} on an event loop (as the server's handlers do) and waits for it. */
  <T> T onLoop(Supplier<T> body) throws Exception {
    CompletableFuture<T> done = new CompletableFuture<>();
    vertx.runOnContext(v -> {
      try {
        done.complete(body.get());
      } catch (Throwable t) {
        done.completeExceptionally(t);
      }
    });
    return done.get(10, TimeUnit.SECONDS);
  }

  int get(String key) {
    return memo.get(key, load()).result();
  }

  @Test
  @DisplayName("an answer is read once and remembered until a change; a change forgets it at once, in the same process")
  void remembered_until_changed() throws Exception {
    assertThat(onLoop(() -> get("a"))).isEqualTo(1);
    assertThat(onLoop(() -> get("a"))).isEqualTo(1);
    assertThat(onLoop(() -> {
      changes.changed("test");
      return get("a");
    })).isEqualTo(2);
    // one generation per process: a change told through one instance is seen at once through another
    AccessChanges other = AccessChanges.of(vertx);
    long before = other.generation();
    changes.changed("test");
    assertThat(other.generation()).as("one generation per process").isGreaterThan(before);
  }

  @Test
  @DisplayName("a sign-out published by anyone on the bus (S4) forgets remembered answers before the publisher goes on")
  void sign_out_on_the_bus_forgets_at_once() throws Exception {
    assertThat(onLoop(() -> get("a"))).isEqualTo(1);
    assertThat(onLoop(() -> {
      vertx.eventBus().publish(MeetingHub.REVOKED_ADDRESS, UUID.randomUUID().toString());
      return get("a");
    })).isEqualTo(2);
    assertThat(onLoop(() -> {
      changes.sessionEnded(UUID.randomUUID());
      return get("a");
    })).isEqualTo(3);
  }

  @Test
  @DisplayName("an answer read while a change commits is not remembered; failures are never remembered; the bound holds")
  void reads_across_a_change_and_failures_are_not_kept() throws Exception {
    Promise<Integer> slow = Promise.promise();
    Future<Integer> pending = onLoop(() -> memo.get("a", () -> slow.future()));
    onLoop(() -> {
      changes.changed("test");
      slow.complete(41);
      return null;
    });
    assertThat(pending.result()).isEqualTo(41);
    assertThat(onLoop(() -> get("a"))).as("the answer from before the change was not kept").isEqualTo(1);

    assertThat(onLoop(() -> memo.get("b", () -> Future.failedFuture("refused")).failed())).isTrue();
    assertThat(onLoop(() -> get("b"))).isEqualTo(2);

    onLoop(() -> get("c") + get("d") + get("e"));
    assertThat(memo.size()).isLessThanOrEqualTo(3);
  }
}
