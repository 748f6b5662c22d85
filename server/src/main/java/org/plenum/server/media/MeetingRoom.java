package org.plenum.server.media;

import io.vertx.core.Future;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.plenum.media.bridge.Bridge;
import org.plenum.media.janus.RoomSpec;
import org.plenum.server.core.MeetingId;

/**
 * The video room of one meeting on this node: its VideoRoom spec (room id = the meeting id), the bridge it is placed
 * on (sticky while that bridge is healthy), who publishes, and who has the floor.
 */
final class MeetingRoom {

  /**
   * A live feed (its WebRTC connection to the bridge is up): the feed id is the publisher's account id; audio mids are
   * what floor control mutes; {@code handle} tells a replaced publication from the current one.
   */
  record Publisher(UUID accountId, String displayName, boolean chair, List<String> audioMids, long handle) {
    String feedId() {
      return accountId.toString();
    }
  }

  /**
   * MV17: the room's second bridge, where new subscribers go once the first holds {@code media.room_max_subscribers}
   * subscriptions of this room; {@code ready} completes once the room exists there, {@code relayed} holds each
   * relayed feed (feed id → its remote publisher on {@code bridge}).
   */
  static final class Spill {
    final Bridge bridge;
    final Future<Void> ready;
    final Map<String, Future<org.plenum.media.bridge.Cascade.Relayed>> relayed = new ConcurrentHashMap<>();

    Spill(Bridge bridge, Future<Void> ready) {
      this.bridge = bridge;
      this.ready = ready;
    }
  }

  final MeetingId meeting;
  final RoomSpec spec;
  volatile Spill spill;
  final Map<UUID, Publisher> publishers = new ConcurrentHashMap<>();
  volatile Future<Bridge> placement;
  volatile UUID floor;
  volatile boolean floorKnown;
  volatile boolean unavailable;
  volatile MessageConsumer<JsonObject> speakerEvents;
  volatile long floorTimer = -1;

  MeetingRoom(MeetingId meeting, RoomSpec spec) {
    this.meeting = meeting;
    this.spec = spec;
  }

  String id() {
    return spec.room();
  }

  /** The bridge the room is on now, if it was placed and that bridge is healthy. */
  Optional<Bridge> bridgeNow() {
    Future<Bridge> p = placement;
    return p != null && p.succeeded() && p.result().healthy() ? Optional.of(p.result()) : Optional.empty();
  }

  Optional<Publisher> chair() {
    return publishers.values().stream().filter(Publisher::chair).findFirst();
  }

  Optional<Publisher> speaker() {
    UUID f = floor;
    return f == null ? Optional.empty() : Optional.ofNullable(publishers.get(f));
  }

  /**
   * MV15: the live feeds for the room wall, chair first, then by display name: {@code feedId}, {@code accountId},
   * {@code displayName}, {@code chair}, {@code speaker}.
   */
  io.vertx.core.json.JsonArray feedsData() {
    UUID f = floor;
    io.vertx.core.json.JsonArray out = new io.vertx.core.json.JsonArray();
    publishers.values().stream()
        .sorted(java.util.Comparator.comparing((Publisher p) -> !p.chair()).thenComparing(Publisher::displayName)
            .thenComparing(Publisher::feedId))
        .forEach(p -> out.add(new JsonObject().put("feedId", p.feedId()).put("accountId", p.accountId().toString())
            .put("displayName", p.displayName()).put("chair", p.chair()).put("speaker", p.accountId().equals(f))));
    return out;
  }

  /** {@code media.floor} / {@code media.state} data: who has the floor and which feeds to watch. */
  JsonObject floorData() {
    UUID f = floor;
    return new JsonObject().put("speakerAccountId", f == null ? null : f.toString())
        .put("speakerFeedId", speaker().map(Publisher::feedId).orElse(null))
        .put("chairFeedId", chair().map(Publisher::feedId).orElse(null));
  }
}
