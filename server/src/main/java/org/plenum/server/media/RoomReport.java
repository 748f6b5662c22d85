package org.plenum.server.media;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/**
 * What a meeting's media room holds right now, taken on the {@link MediaOwner} (for checks and diagnostics; no secret,
 * no SDP): where it is placed, its live feeds and the bridge each is really published on (null: no peer holds that
 * publication on the room's bridge), the floor, and every Janus session and handle its peers hold.
 */
record RoomReport(String bridge, boolean unavailable, boolean cascaded, UUID floor, JsonObject floorData,
                  List<Feed> feeds, List<MediaPeer.JanusRefs> sessions) {

  /** A live feed: its account, its handle, and the bridge its peer's current publication with that handle is on. */
  record Feed(UUID accountId, long handle, String publishedOn) {}

  static RoomReport of(MeetingRoom room) {
    List<Feed> feeds = room.publishers.values().stream().map(p -> new Feed(p.accountId(), p.handle(),
        room.placed != null && room.peers.values().stream().anyMatch(peer -> peer.isPublisher(p.handle(), room.placed.bridge()))
            ? room.placed.bridge().name() : null)).toList();
    return new RoomReport(room.current().map(pl -> pl.bridge().name()).orElse(null), room.unavailable, room.spill != null,
        room.floor, room.floorData(), feeds, room.peers.values().stream().flatMap(p -> p.janusRefs().stream()).toList());
  }
}
