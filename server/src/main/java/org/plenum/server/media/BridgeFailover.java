package org.plenum.server.media;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import org.plenum.media.MediaUnavailableException;
import org.plenum.media.bridge.Bridge;
import org.plenum.media.bridge.BridgePool;
import org.plenum.media.janus.ConnectionListener;
import org.plenum.server.media.MeetingRoom.Spill;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bridge loss and return (MV9, MV10, MV17). The Janus client tells its listeners on its own context; they hop onto the
 * {@link MediaOwner}, where a loss ends at once everything the rooms had on that bridge (placement, publishers, the
 * peers' sessions, a cascade through it) and writes {@code media.status unavailable}; the room is then placed again on
 * a healthy bridge — right away, when the bridge is back, or on a retry every sample interval — and
 * {@code media.status available} with {@code rejoin} tells every client to publish and subscribe again.
 */
final class BridgeFailover {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeFailover.class);

  private final MediaOwner owner;
  private final BridgePool pool;
  private final RoomPlacement placement;
  private final RoomCascade cascade;
  private final FloorControl floor;
  private final long retryMs;

  BridgeFailover(MediaOwner owner, BridgePool pool, RoomPlacement placement, RoomCascade cascade, FloorControl floor,
                 Duration retry) {
    this.owner = owner;
    this.pool = pool;
    this.placement = placement;
    this.cascade = cascade;
    this.floor = floor;
    this.retryMs = retry.toMillis();
  }

  /** Follows every bridge's control connection. */
  void listen() {
    for (Bridge b : pool.bridges()) {
      b.client().addConnectionListener(new ConnectionListener() {
        @Override
        public void down(MediaUnavailableException cause) {
          owner.run(() -> lost(b));
        }

        @Override
        public void up() {
          owner.run(BridgeFailover.this::back);
        }
      });
    }
  }

  /** {@code bridge} is gone with every session and room on it. */
  void lost(Bridge bridge) {
    for (MeetingRoom room : new ArrayList<>(placement.rooms())) {
      if (room.placing != null) {
        room.placing = null;   // it may have created the room on the lost bridge: it completes as MEDIA_UNAVAILABLE
        room.epoch++;
      }
      boolean primaryLost = room.placed != null && room.placed.bridge() == bridge;
      if (primaryLost) {
        LOG.warn("Meeting {}: video bridge {} lost", room.meeting, bridge.name());
        leave(room, bridge);
        room.placed = null;
        room.epoch++;
        room.unavailable = true;
        status(room, false).onComplete(r -> replace(room));
      } else if (room.spill != null && room.spill.bridge == bridge) {
        LOG.warn("Meeting {}: cascade to bridge {} ended (bridge lost)", room.meeting, bridge.name());
        cascade.drop(room, room.spill, room.placed == null ? null : room.placed.bridge());
        if (room.placed != null) {
          status(room, true);   // MV17: subscribers of the lost second bridge subscribe again (placed anew)
        }
      }
    }
  }

  /** The room leaves {@code primary}: its cascade ends, its live feeds and its peers' sessions are gone. */
  private void leave(MeetingRoom room, Bridge primary) {
    Spill spill = room.spill;
    if (spill != null) {
      LOG.warn("Meeting {}: cascade to bridge {} ended (bridge {} left)", room.meeting, spill.bridge.name(), primary.name());
      cascade.drop(room, spill, null);
    }
    room.publishers.clear();
    room.peers.values().forEach(MediaPeer::releaseAll);
  }

  /** A bridge reconnected: sample now (healthy needs a sample), then place the rooms that wait for a bridge. */
  private void back() {
    owner.resume(pool.sampleNow()).onComplete(r -> placement.rooms().stream().filter(room -> room.unavailable).toList()
        .forEach(this::replace));
  }

  /** Places a room that lost its bridge again; retried every sample interval while no bridge takes it. */
  private void replace(MeetingRoom room) {
    if (!room.unavailable) {
      return;
    }
    if (pool.healthy().isEmpty()) {
      retryLater(room);
      return;
    }
    placement.place(room).onFailure(err -> retryLater(room));
  }

  private void retryLater(MeetingRoom room) {
    if (room.retryTimer < 0) {
      room.retryTimer = owner.timer(retryMs, () -> {
        room.retryTimer = -1;
        replace(room);
      });
    }
  }

  /**
   * Every new placement of a room: after a loss, every client is told to rejoin (MV10). A room that moved from a
   * bridge that is unhealthy without having lost its connection (its Admin API stopped answering) leaves everything
   * it had there, like after a loss.
   */
  void placed(MeetingRoom room, MeetingRoom.Placement before) {
    if (before != null && before.bridge() != room.placed.bridge() && !room.unavailable) {
      LOG.warn("Meeting {}: video room moves from bridge {} (unhealthy) to {}", room.meeting, before.bridge().name(),
          room.placed.bridge().name());
      leave(room, before.bridge());
      room.unavailable = true;
    }
    if (!room.unavailable) {
      return;
    }
    room.unavailable = false;
    if (room.retryTimer >= 0) {
      owner.cancelTimer(room.retryTimer);
      room.retryTimer = -1;
    }
    LOG.info("Meeting {}: video room recreated on bridge {}", room.meeting, room.placed.bridge().name());
    status(room, true);
  }

  /** {@code media.status}, written in the order the room's state changed. */
  private Future<Void> status(MeetingRoom room, boolean available) {
    room.statusWrites = owner.resume(room.statusWrites.transform(r -> floor.announceStatus(room, available)));
    return room.statusWrites;
  }
}
