package org.plenum.media.janus;

import io.vertx.core.json.JsonObject;

/**
 * One forwarder from VideoRoom {@code rtp_forward}/{@code listforwarders} (1.1.x "streams" syntax):
 * {@code {"stream_id":1028055389,"host":"127.0.0.1","port":5002,"type":"audio"}}. {@code streamId} is what
 * {@code stop_rtp_forward} takes.
 */
public record RtpForwarder(String publisherId, long streamId, String host, int port, String type) {

  static RtpForwarder of(String publisherId, JsonObject f) {
    return new RtpForwarder(publisherId, f.getLong("stream_id"), f.getString("host"), f.getInteger("port", 0),
        f.getString("type", ""));
  }
}
