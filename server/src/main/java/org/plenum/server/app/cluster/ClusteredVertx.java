package org.plenum.server.app.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.plenum.server.config.ClusterConfig;

/**
 * Builds this node's Vert.x: plain with {@code cluster.enabled=false} (no Hazelcast is loaded or started), else
 * clustered over Hazelcast with the settings known to work here (docs/decisions.md D42): TCP-IP join with the members
 * listed one by one, multicast and auto-detection off, no port auto-increment, no join wait, no phone-home; the
 * clustered event bus binds to {@code cluster.host} on a free port.
 */
public final class ClusteredVertx {
  private ClusteredVertx() {}

  public static Vertx build(VertxBuilder builder, VertxOptions options, ClusterConfig cluster) {
    if (!cluster.enabled()) {
      return builder.with(options).build();
    }
    options.setEventBusOptions(new EventBusOptions().setHost(cluster.host()).setPort(0).setClusterPublicHost(cluster.host()));
    return builder.with(options).withClusterManager(new HazelcastClusterManager(hazelcast(cluster))).buildClustered().await();
  }

  static Config hazelcast(ClusterConfig cluster) {
    Config c = ConfigUtil.loadConfig();      // Vert.x's maps and multimaps (subscriptions, node info)
    c.setClusterName(cluster.name());
    c.setProperty("hazelcast.wait.seconds.before.join", "0");
    c.setProperty("hazelcast.phone.home.enabled", "false");
    c.setProperty("hazelcast.logging.type", "slf4j");
    c.setProperty("hazelcast.socket.bind.any", "false");
    c.setProperty("hazelcast.shutdownhook.enabled", "false"); // Plenum's own shutdown hook closes Vert.x, which leaves the cluster
    NetworkConfig net = c.getNetworkConfig();
    net.setPort(cluster.port()).setPortAutoIncrement(false);
    net.setPublicAddress(cluster.host() + ":" + cluster.port());
    net.getInterfaces().setEnabled(true).addInterface(cluster.host());
    JoinConfig join = net.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true);
    for (String member : cluster.members()) {
      join.getTcpIpConfig().addMember(member);
    }
    return c;
  }
}
