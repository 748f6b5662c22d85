package org.plenum.server.app;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.UUID;
import org.plenum.server.config.ClusterConfig;
import org.plenum.server.core.cluster.Leases;
import org.plenum.server.core.cluster.Ownership;
import org.plenum.server.core.cluster.PgLeaseStore;
import org.plenum.server.core.db.Database;
import org.plenum.server.vote.VoteFeature;

/**
 * This node's part in what must happen once (D42): one node owns every duty; a cluster node takes and renews
 * leases in PostgreSQL for the duties listed here. Gauge {@code plenum_cluster_duty_owned{duty}} is 1 where a duty
 * is held.
 */
final class NodeOwnership {
  /** Every duty a node of a cluster stands for (one line per feature that has one). */
  private static final List<String> DUTIES = List.of(VoteFeature.POLL_TIMERS, org.plenum.server.media.MediaFeature.MEDIA);

  private final Ownership ownership;
  private final Leases leases;

  private NodeOwnership(Ownership ownership, Leases leases) {
    this.ownership = ownership;
    this.leases = leases;
  }

  static NodeOwnership start(Vertx vertx, Database db, ClusterConfig cluster, MeterRegistry registry) {
    String node = UUID.randomUUID().toString();
    NodeOwnership out;
    if (!cluster.enabled()) {
      out = new NodeOwnership(Ownership.single(node), null);
    } else {
      Leases leases = new Leases(vertx, new PgLeaseStore(db), node, cluster.leaseTtl(), DUTIES);
      leases.start().await();
      out = new NodeOwnership(leases, leases);
    }
    for (String duty : DUTIES) {
      Gauge.builder("plenum.cluster.duty.owned", out.ownership, o -> o.owns(duty) ? 1 : 0).tag("duty", duty)
          .description("1 while this node owns the duty (D42)").register(registry);
    }
    return out;
  }

  Ownership ownership() {
    return ownership;
  }

  void stop() {
    if (leases != null) {
      leases.stop().await();
    }
  }
}
