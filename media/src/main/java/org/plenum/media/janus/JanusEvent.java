package org.plenum.media.janus;

import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * An asynchronous message Janus pushed for a handle: {@code event} (plugin event, {@code plugindata.data}),
 * {@code webrtcup}, {@code media}, {@code slowlink}, {@code hangup}, {@code detached}, {@code trickle}.
 *
 * @param janus the {@code "janus"} field
 * @param data  {@code plugindata.data} for plugin events, else empty
 * @param jsep  {@code jsep} (SDP offer/answer) if present
 * @param raw   the whole message
 */
public record JanusEvent(String janus, JsonObject data, Optional<JsonObject> jsep, JsonObject raw) {

  static JanusEvent of(JsonObject msg) {
    JsonObject pd = msg.getJsonObject("plugindata");
    JsonObject data = pd == null ? new JsonObject() : pd.getJsonObject("data", new JsonObject());
    return new JanusEvent(msg.getString("janus"), data, Optional.ofNullable(msg.getJsonObject("jsep")), msg);
  }
}
