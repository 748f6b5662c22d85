package org.plenum.media.bridge;

import java.time.Duration;
import java.util.List;

/**
 * @param bridges        the Janus instances
 * @param sampleInterval how often health and load are sampled over the Admin API
 * @param requestTimeout deadline of every Janus and Admin API request
 * @param maxHandleInfo  at most this many {@code handle_info} calls per bridge and round; further handles count as
 *                       idle handles
 */
public record BridgePoolConfig(List<BridgeConfig> bridges, Duration sampleInterval, Duration requestTimeout,
                               int maxHandleInfo) {

  public BridgePoolConfig {
    bridges = List.copyOf(bridges);
    if (bridges.stream().map(BridgeConfig::name).distinct().count() != bridges.size()) {
      throw new IllegalArgumentException("bridge names must be unique");
    }
  }

  public static BridgePoolConfig of(List<BridgeConfig> bridges) {
    return new BridgePoolConfig(bridges, Duration.ofSeconds(5), Duration.ofSeconds(3), 2000);
  }
}
