package org.plenum.server.core.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Ownership} by leases in PostgreSQL (D42): every {@code ttl / 3} this node takes or renews the lease of each
 * duty it stands for. It believes it holds a duty only until {@code ttl} after the start of its last successful renewal,
 * measured on its own monotonic clock — so a node cut off from the database stops acting before another node can
 * take the lease, and a dead owner's duty passes on within {@code ttl} plus one renewal interval (CL4).
 */
public final class Leases implements Ownership {
  private static final Logger LOG = LoggerFactory.getLogger(Leases.class);

  private final Vertx vertx;
  private final LeaseStore store;
  private final String node;
  private final Duration ttl;
  private final List<String> duties;
  /** duty → System.nanoTime() until which this node holds it. */
  private final Map<String, Long> heldUntil = new ConcurrentHashMap<>();
  private long timer = -1;

  public Leases(Vertx vertx, LeaseStore store, String node, Duration ttl, List<String> duties) {
    this.vertx = vertx;
    this.store = store;
    this.node = node;
    this.ttl = ttl;
    this.duties = List.copyOf(duties);
  }

  /** Takes what is free now, then keeps renewing and taking over every {@code ttl / 3}. */
  public Future<Void> start() {
    timer = vertx.setPeriodic(Math.max(100, ttl.toMillis() / 3), t -> round());
    return round();
  }

  private Future<Void> round() {
    Future<Void> all = Future.succeededFuture();
    for (String duty : duties) {
      long started = System.nanoTime();
      all = all.compose(v -> store.acquire(duty, node, ttl).map(held -> {
        boolean before = owns(duty);
        if (held) {
          heldUntil.put(duty, started + ttl.toNanos());
          if (!before) {
            LOG.info("This node ({}) now owns '{}'", node, duty);
          }
        } else {
          heldUntil.remove(duty);
          if (before) {
            LOG.info("This node ({}) no longer owns '{}'", node, duty);
          }
        }
        return (Void) null;
      }).recover(err -> {
        LOG.warn("Lease '{}' could not be renewed: {}", duty, err.toString());
        return Future.succeededFuture();
      }));
    }
    return all;
  }

  @Override
  public boolean owns(String duty) {
    Long until = heldUntil.get(duty);
    return until != null && System.nanoTime() - until < 0;
  }

  @Override
  public String node() {
    return node;
  }

  /** Stops renewing and gives back what this node holds, so that another node takes over at once. */
  public Future<Void> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    Future<Void> all = Future.succeededFuture();
    for (String duty : duties) {
      if (heldUntil.remove(duty) != null) {
        all = all.compose(v -> store.release(duty, node).recover(err -> Future.succeededFuture()));
      }
    }
    return all;
  }
}
