package org.plenum.server.media;

import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.plenum.media.bridge.Bridge;
import org.plenum.media.bridge.BridgePool;
import org.plenum.media.janus.RoomSpec;
import org.plenum.server.core.MeetingId;
import org.plenum.server.media.MeetingRoom.Placement;

/**
 * Where things go: the meetings' rooms of this node (one {@link MeetingRoom} per meeting, made on first use), which
 * bridge a room is on (the least-loaded healthy one on first use, kept while it stays healthy), and whether a new
 * subscriber goes to the room's second bridge (MV17). Runs on the {@link MediaOwner}.
 */
final class RoomPlacement {
  private final MediaOwner owner;
  private final BridgePool pool;
  private final FloorControl floor;
  private final String roomKey;
  private final int roomMaxSubscribers;
  private final BiConsumer<MeetingRoom, Placement> placed;
  private final Map<MeetingId, MeetingRoom> rooms = new HashMap<>();

  /** {@code pool} null: no media plane; {@code placed} hears every new placement of a room, with the one before. */
  RoomPlacement(MediaOwner owner, BridgePool pool, FloorControl floor, String roomKey, int roomMaxSubscribers,
                BiConsumer<MeetingRoom, Placement> placed) {
    this.owner = owner;
    this.pool = pool;
    this.floor = floor;
    this.roomKey = roomKey;
    this.roomMaxSubscribers = roomMaxSubscribers;
    this.placed = placed;
  }

  Collection<MeetingRoom> rooms() {
    return rooms.values();
  }

  Optional<MeetingRoom> find(MeetingId meeting) {
    return Optional.ofNullable(rooms.get(meeting));
  }

  /** The meeting's room state (who has the floor is read once, then followed); no bridge needed. */
  Future<MeetingRoom> room(MeetingId meeting) {
    MeetingRoom room = rooms.computeIfAbsent(meeting, m -> new MeetingRoom(m, RoomSpec.of(m.toString(), roomSecret(m))
        .withMaxPublishers(256)));
    return floor.watch(room).map(room);
  }

  /** The room placed on a healthy bridge (created there on first use): MEDIA_UNAVAILABLE when there is none. */
  Future<MeetingRoom> ready(MeetingId meeting) {
    if (pool == null) {
      return Future.failedFuture(MediaErrors.unavailable());
    }
    return room(meeting).compose(this::ready);
  }

  Future<MeetingRoom> ready(MeetingRoom room) {
    return place(room).map(room);
  }

  /**
   * The room's placement: the current one while its bridge is healthy, else a new one (one at a time; every caller
   * waits for the same). A placement that resumes after a bridge loss ({@code epoch} moved on) is dropped:
   * MEDIA_UNAVAILABLE, and the next command or the failover places again.
   */
  Future<Placement> place(MeetingRoom room) {
    if (pool == null) {
      return Future.failedFuture(MediaErrors.unavailable());
    }
    Optional<Placement> now = room.current();
    if (now.isPresent()) {
      return Future.succeededFuture(now.get());
    }
    if (room.placing != null) {
      return room.placing;
    }
    long epoch = room.epoch;
    Placement before = room.placed;
    Future<Placement> placing = owner.resume(pool.place(room.spec)).compose(bridge -> {
      if (room.epoch != epoch || !bridge.healthy()) {
        return Future.failedFuture(MediaErrors.unavailable());
      }
      room.placed = new Placement(bridge, ++room.epoch);
      return Future.succeededFuture(room.placed);
    });
    room.placing = placing;
    placing.onComplete(r -> {
      if (room.placing == placing) {
        room.placing = null;
      }
      if (r.succeeded()) {
        placed.accept(room, before);
      }
    });
    return placing;
  }

  /**
   * MV17: does a subscription of {@code peer} go to the room's second bridge? A peer stays where its subscriptions
   * already are; a new one goes there once the room's subscriptions on {@code primary} reach
   * {@code media.room_max_subscribers} (not counting the one in {@code slot} that this subscription replaces).
   */
  boolean onSecondBridge(MeetingRoom room, Bridge primary, MediaPeer peer, String slot) {
    Optional<Bridge> on = peer.subscribedOn();
    if (on.isPresent() && on.get() == primary) {
      return false;
    }
    if (on.isPresent() && room.spill != null && on.get() == room.spill.bridge && room.spill.bridge.healthy()) {
      return true;
    }
    int onPrimary = 0;
    for (MediaPeer p : room.peers.values()) {
      onPrimary += p.subscriptionsOn(primary, p == peer ? slot : null);
    }
    return onPrimary >= roomMaxSubscribers;
  }

  /** The VideoRoom secret of a meeting: derived from the admin secret, so it survives server restarts; never sent. */
  private String roomSecret(MeetingId meeting) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(("plenum-room:" + roomKey).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(meeting.toString().getBytes(StandardCharsets.UTF_8))).substring(0, 32);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
