package org.plenum.media.bridge;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What one sampling round saw on a bridge through the Admin API ({@code list_sessions} → {@code list_handles} →
 * {@code handle_info}).
 *
 * @param publishers      VideoRoom handles of type {@code publisher} that publish at least one stream
 * @param subscribers     VideoRoom handles of type {@code subscriber}
 * @param otherHandles    all other handles (passive participants, our control handles, other plugins)
 * @param packetsPerSecond RTP packets in + out per second over all handles, from the growth of the
 *                        {@code in_stats}/{@code out_stats} {@code *_packets} counters since the previous sample
 * @param packetTotal     the summed counters (input of the next sample's rate)
 */
public record LoadSample(int publishers, int subscribers, int otherHandles, double packetsPerSecond,
                         long packetTotal) {

  public static final LoadSample EMPTY = new LoadSample(0, 0, 0, 0, 0);

  /** Packet-equivalents charged per publisher (its fan-out ramps up before the counters show it). */
  public static final double PUBLISHER_COST = 50;
  /** Packet-equivalents per subscriber PeerConnection. */
  public static final double SUBSCRIBER_COST = 5;
  /** Packet-equivalents per idle handle (memory, ICE, keep-alives). */
  public static final double HANDLE_COST = 1;

  /**
   * Load score of a bridge; placement picks the healthy bridge with the lowest one:
   * <pre>score = (packetsPerSecond + 50·publishers + 5·subscribers + 1·otherHandles + 50·pendingPlacements)
   *         / capacityWeight</pre>
   * Packets per second is the real SFU cost (egress dominates: one feed to N subscribers is N times its packets);
   * the per-handle terms make a bridge look busy before media flows (fresh joins, rooms just placed) and keep the
   * score meaningful when stats are missing. {@code pendingPlacements} counts rooms placed since the last sample,
   * so a burst of placements spreads over the pool instead of piling onto one bridge.
   */
  public double score(double capacityWeight, int pendingPlacements) {
    return (packetsPerSecond + PUBLISHER_COST * publishers + SUBSCRIBER_COST * subscribers
        + HANDLE_COST * otherHandles + PUBLISHER_COST * pendingPlacements) / capacityWeight;
  }

  /** Sums every {@code *_packets} counter under {@code streams[].components[].in_stats|out_stats}. */
  static long packets(JsonObject handleInfo) {
    long total = 0;
    JsonArray streams = handleInfo.getJsonArray("streams", new JsonArray());
    for (Object s : streams) {
      if (!(s instanceof JsonObject stream)) {
        continue;
      }
      for (Object c : stream.getJsonArray("components", new JsonArray())) {
        if (c instanceof JsonObject component) {
          total += counters(component.getJsonObject("in_stats")) + counters(component.getJsonObject("out_stats"));
        }
      }
    }
    return total;
  }

  private static long counters(JsonObject stats) {
    long total = 0;
    if (stats != null) {
      for (String key : stats.fieldNames()) {
        if (key.endsWith("_packets") && stats.getValue(key) instanceof Number n) {
          total += n.longValue();
        }
      }
    }
    return total;
  }
}
