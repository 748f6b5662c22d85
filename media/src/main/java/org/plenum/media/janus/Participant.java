package org.plenum.media.janus;

import io.vertx.core.json.JsonObject;

/**
 * One entry of VideoRoom {@code listparticipants}: {@code {"id":..,"display":..,"publisher":true|false,
 * "remote":true (only for remote publishers),"talking":..}}.
 *
 * @param publisher true when it is actively publishing (WebRTC), or a remote publisher
 * @param remote    true for a remote publisher added with {@code add_remote_publisher} (cascading)
 */
public record Participant(String id, String display, boolean publisher, boolean remote, boolean talking) {

  static Participant of(JsonObject p) {
    return new Participant(String.valueOf(p.getValue("id")), p.getString("display", ""),
        p.getBoolean("publisher", false), p.getBoolean("remote", false), p.getBoolean("talking", false));
  }
}
