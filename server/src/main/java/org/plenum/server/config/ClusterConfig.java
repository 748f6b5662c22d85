package org.plenum.server.config;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Clustered mode (issue 18, protocol §17): several nodes on one Hazelcast-clustered Vert.x event bus and one
 * PostgreSQL. {@code enabled=false} (the default) is one node and starts no Hazelcast. {@code members} are the other
 * nodes' {@code host:port} (Hazelcast TCP-IP join, listed one by one); {@code leaseTtl} bounds how long a dead
 * owner keeps what must happen once (D42).
 */
public record ClusterConfig(boolean enabled, String name, String host, int port, List<String> members, Duration leaseTtl) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final Pattern MEMBER = Pattern.compile("[A-Za-z0-9.:\\[\\]-]+:\\d{1,5}");

  /** How often a holder renews its lease and a candidate tries to take one: a third of the TTL. */
  public Duration leaseRenewInterval() {
    return leaseTtl.dividedBy(3);
  }

  static ClusterConfig from(Settings s) {
    List<String> members = s.list("cluster.members");
    for (String m : members) {
      if (!MEMBER.matcher(m).matches()) {
        throw s.invalidValue("cluster.members", m, "host:port entries such as 127.0.0.1:5701, one per member");
      }
    }
    return new ClusterConfig(s.bool("cluster.enabled"),
        s.matching("cluster.name", NAME, "1 to 64 letters, digits, '.', '_' or '-'"),
        s.matching("cluster.host", Pattern.compile("[0-9a-fA-F.:]{2,45}"), "an IP address such as 127.0.0.1"),
        s.integer("cluster.port", 1, 65535), members,
        s.duration("cluster.lease_ttl", Duration.ofMillis(300), Duration.ofMinutes(10)));
  }
}
