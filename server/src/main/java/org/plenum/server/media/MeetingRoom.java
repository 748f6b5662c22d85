package org.plenum.server.media;

import io.vertx.core.Future;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.plenum.media.bridge.Bridge;
import org.plenum.media.bridge.Cascade;
import org.plenum.media.janus.RoomSpec;
import org.plenum.server.core.MeetingId;

/**
 * The video room of one meeting on this node: its VideoRoom spec (room id = the meeting id), where it is placed
 * (sticky while that bridge is healthy), its peers (meeting sockets and WHIP/WHEP resources), who publishes, who has
 * the floor and its second bridge (MV17). Plain fields: it lives on the {@link MediaOwner}'s context only.
 */
final class MeetingRoom {

  /**
   * A live feed (its WebRTC connection to the bridge is up): the feed id is the publisher's account id; audio mids are
   * what floor control mutes; video mids are what a WHEP session's {@code switch} takes (MV22); {@code handle} tells a
   * replaced publication from the current one.
   */
  record Publisher(UUID accountId, String displayName, boolean chair, List<String> audioMids, List<String> videoMids, long handle) {
    String feedId() {
      return accountId.toString();
    }
  }

  /**
   * The room on one bridge, once: a new placement (after a loss, even on the same bridge) is a new {@code epoch}.
   * An async step that started on one placement acts only while the room still {@link #holds} it.
   */
  record Placement(Bridge bridge, long epoch) {}

  /**
   * MV17: the room's second bridge, where new subscribers go once the first holds {@code media.room_max_subscribers}
   * subscriptions of this room; {@code ready} completes once the room exists there, {@code relayed} holds each
   * relayed feed (feed id → its remote publisher on {@code bridge}).
   */
  static final class Spill {
    final Bridge bridge;
    final Future<Void> ready;
    final Map<String, Future<Cascade.Relayed>> relayed = new HashMap<>();

    Spill(Bridge bridge, Future<Void> ready) {
      this.bridge = bridge;
      this.ready = ready;
    }
  }

  final MeetingId meeting;
  final RoomSpec spec;
  /** Connection id (socket, or "whip-…"/"whep-…") → its peer. */
  final Map<String, MediaPeer> peers = new LinkedHashMap<>();
  final Map<UUID, Publisher> publishers = new LinkedHashMap<>();
  Placement placed;
  /** A placement in flight (deduplicated: every command waiting for the room waits for the same one). */
  Future<Placement> placing;
  /** Bumped by every placement and every bridge loss: a step that started before cannot complete a stale one. */
  long epoch;
  Spill spill;
  /** The room lost its bridge: the next placement tells every client to rejoin (MV10). */
  boolean unavailable;
  long retryTimer = -1;
  /** The last {@code media.status} write: the next one follows it, so the ledger has them in order. */
  Future<Void> statusWrites = Future.succeededFuture();
  UUID floor;
  boolean floorKnown;
  /** The read of the speaker queue in flight, until {@code floorKnown}. */
  Future<Void> floorRead;
  MessageConsumer<JsonObject> speakerEvents;
  long floorTimer = -1;

  MeetingRoom(MeetingId meeting, RoomSpec spec) {
    this.meeting = meeting;
    this.spec = spec;
  }

  String id() {
    return spec.room();
  }

  /** Where the room is now: placed, and that bridge healthy. */
  Optional<Placement> current() {
    return placed != null && placed.bridge().healthy() ? Optional.of(placed) : Optional.empty();
  }

  /** The bridge the room is on now, if it was placed and that bridge is healthy. */
  Optional<Bridge> bridgeNow() {
    return current().map(Placement::bridge);
  }

  /** True while the room is still on placement {@code p} (not lost, not moved, bridge healthy). */
  boolean holds(Placement p) {
    return p != null && p.equals(placed) && p.bridge().healthy();
  }

  Optional<Publisher> chair() {
    return publishers.values().stream().filter(Publisher::chair).findFirst();
  }

  Optional<Publisher> speaker() {
    return floor == null ? Optional.empty() : Optional.ofNullable(publishers.get(floor));
  }

  /**
   * MV15: the live feeds for the room wall, chair first, then by display name: {@code feedId}, {@code accountId},
   * {@code displayName}, {@code chair}, {@code speaker}.
   */
  JsonArray feedsData() {
    JsonArray out = new JsonArray();
    publishers.values().stream()
        .sorted(Comparator.comparing((Publisher p) -> !p.chair()).thenComparing(Publisher::displayName)
            .thenComparing(Publisher::feedId))
        .forEach(p -> out.add(new JsonObject().put("feedId", p.feedId()).put("accountId", p.accountId().toString())
            .put("displayName", p.displayName()).put("chair", p.chair()).put("speaker", p.accountId().equals(floor))));
    return out;
  }

  /** The {@code media.floor} event now: who has the floor and which feeds to watch. */
  MediaEvent.Floor floorEvent() {
    return new MediaEvent.Floor(floor, speaker().map(Publisher::feedId).orElse(null), chair().map(Publisher::feedId).orElse(null));
  }

  /** {@code media.floor} / {@code media.state} data. */
  JsonObject floorData() {
    return floorEvent().data();
  }
}
