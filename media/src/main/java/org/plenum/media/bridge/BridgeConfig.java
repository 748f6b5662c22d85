package org.plenum.media.bridge;

import java.util.Optional;

/**
 * One Janus instance of the pool.
 *
 * @param name           stable name (logs, placement records, {@code remote_id} of cascades)
 * @param wsUrl          Janus WebSocket API, e.g. {@code ws://127.0.0.1:8188/}
 * @param adminUrl       Admin API over HTTP, e.g. {@code http://127.0.0.1:7088/admin}
 * @param apiSecret      Janus {@code api_secret}
 * @param adminSecret    Janus {@code admin_secret}
 * @param capacityWeight relative capacity (cores, NIC): the load score is divided by it; 1.0 for a typical bridge
 * @param cascadeHost    address other bridges send cascaded RTP to (bound as {@code iface} of
 *                       {@code add_remote_publisher}); empty = the host of {@code wsUrl}
 */
public record BridgeConfig(String name, String wsUrl, String adminUrl, String apiSecret, String adminSecret,
                           double capacityWeight, Optional<String> cascadeHost) {

  public BridgeConfig {
    if (!(capacityWeight > 0)) {
      throw new IllegalArgumentException("bridge " + name + ": capacity weight must be > 0, got " + capacityWeight);
    }
  }

  public String cascadeAddress() {
    return cascadeHost.orElseGet(() -> java.net.URI.create(wsUrl).getHost());
  }
}
