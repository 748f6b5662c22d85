package org.plenum.media.janus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * A VideoRoom room as Plenum creates it (VideoRoom {@code create}; our config sets {@code string_ids = true}, so
 * room and participant ids are strings).
 *
 * @param room            room id ({@code "room"})
 * @param secret          {@code secret}: needed to destroy/edit/kick/moderate/rtp_forward; never given to clients
 * @param pin             {@code pin}: needed to join, if present
 * @param maxPublishers   {@code publishers}: how many may publish at once
 * @param videoCodec      {@code videocodec}, in order of preference: "vp8,h264" (Plenum's rooms: VP8 for browsers and
 *                        room agents, H.264 for hardware encoders; Janus does not transcode). Audio is always Opus.
 * @param audioLevelEvent {@code audiolevel_event}: emit {@code talking}/{@code stopped-talking} events
 * @param notifyJoining   {@code notify_joining}: announce passive joins too
 * @param allowedTokens   {@code allowed}: if not empty, only joins carrying one of these {@code token}s succeed
 */
public record RoomSpec(String room, String secret, Optional<String> pin, int maxPublishers, String videoCodec,
                       boolean audioLevelEvent, boolean notifyJoining, List<String> allowedTokens) {

  public RoomSpec {
    allowedTokens = List.copyOf(allowedTokens);
  }

  public static RoomSpec of(String room, String secret) {
    return new RoomSpec(room, secret, Optional.empty(), 16, "vp8,h264", true, true, List.of());
  }

  public RoomSpec withPin(String value) {
    return new RoomSpec(room, secret, Optional.of(value), maxPublishers, videoCodec, audioLevelEvent, notifyJoining,
        allowedTokens);
  }

  public RoomSpec withMaxPublishers(int n) {
    return new RoomSpec(room, secret, pin, n, videoCodec, audioLevelEvent, notifyJoining, allowedTokens);
  }

  /** The VideoRoom {@code create} body (not permanent: rooms live as long as the Janus process). */
  JsonObject createBody() {
    JsonObject body = new JsonObject().put("request", "create").put("room", room).put("secret", secret)
        .put("publishers", maxPublishers).put("videocodec", videoCodec).put("audiocodec", "opus").put("audiolevel_event", audioLevelEvent)
        .put("notify_joining", notifyJoining).put("permanent", false).put("is_private", false);
    pin.ifPresent(p -> body.put("pin", p));
    if (!allowedTokens.isEmpty()) {
      body.put("allowed", new JsonArray(allowedTokens));
    }
    return body;
  }
}
