package org.plenum.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClusterConfigTest {

  @Test
  @DisplayName("CL1: one node by default (no Hazelcast); the variables set name, port, members one by one and the lease")
  void defaults_and_variables() {
    ClusterConfig off = PlenumConfig.load(Map.of()).cluster();
    assertThat(off.enabled()).isFalse();
    assertThat(off.leaseTtl()).isEqualTo(Duration.ofSeconds(6));
    ClusterConfig on = PlenumConfig.load(Map.of("PLENUM_CLUSTER_ENABLED", "true", "PLENUM_CLUSTER_NAME", "council-2026",
        "PLENUM_CLUSTER_PORT", "5702", "PLENUM_CLUSTER_MEMBERS", "10.0.0.1:5701, 10.0.0.2:5702", "PLENUM_CLUSTER_LEASE_TTL", "3s")).cluster();
    assertThat(on.enabled()).isTrue();
    assertThat(on.name()).isEqualTo("council-2026");
    assertThat(on.port()).isEqualTo(5702);
    assertThat(on.members()).containsExactly("10.0.0.1:5701", "10.0.0.2:5702");
    assertThat(on.leaseRenewInterval()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  @DisplayName("CL4: a member that is not host:port (a port range), a bad name or a lease under 300 ms fail fast naming the key")
  void invalid() {
    assertThatThrownBy(() -> PlenumConfig.load(Map.of("PLENUM_CLUSTER_MEMBERS", "127.0.0.1:5701-5703")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cluster.members").hasMessageContaining("PLENUM_CLUSTER_MEMBERS");
    assertThatThrownBy(() -> PlenumConfig.load(Map.of("PLENUM_CLUSTER_NAME", "two words")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cluster.name");
    assertThatThrownBy(() -> PlenumConfig.load(Map.of("PLENUM_CLUSTER_LEASE_TTL", "100ms")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cluster.lease_ttl");
  }
}
