package org.plenum.server.media;

import io.vertx.core.Future;
import java.util.Optional;
import org.plenum.media.bridge.Bridge;
import org.plenum.media.bridge.BridgePool;
import org.plenum.media.bridge.Cascade;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.media.MeetingRoom.Placement;
import org.plenum.server.media.MeetingRoom.Spill;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MV17: a meeting's room spans a second bridge once its first is full. The second bridge is made on first use and
 * every live feed relayed there from its origin ({@link BridgePool#relay}: {@code add_remote_publisher} there,
 * {@code publish_remotely} at the origin); a feed that goes live later is relayed as it goes live, one that ends has
 * its remote publisher removed. Dropping the second bridge ends the relays and the peers' sessions there. Runs on the
 * {@link MediaOwner}; each relay is a future kept per feed, so a subscriber waits for the relay in flight.
 */
final class RoomCascade {
  private static final Logger LOG = LoggerFactory.getLogger(RoomCascade.class);

  private final MediaOwner owner;
  private final BridgePool pool;
  private final int roomMaxSubscribers;

  RoomCascade(MediaOwner owner, BridgePool pool, int roomMaxSubscribers) {
    this.owner = owner;
    this.pool = pool;
    this.roomMaxSubscribers = roomMaxSubscribers;
  }

  /**
   * The room's second bridge, cascaded there (every live feed relayed) on first use; null when there is no other
   * healthy bridge. Fails with MEDIA_UNAVAILABLE when the room lost {@code primary} or the second bridge meanwhile.
   */
  Future<Spill> spill(MeetingRoom room, Placement primary) {
    Spill s = room.spill;
    if (s != null && s.bridge != primary.bridge() && s.bridge.healthy() && !s.ready.failed()) {
      return s.ready.compose(v -> current(room, primary, s));
    }
    if (s != null) {
      drop(room, s, primary.bridge());
    }
    Optional<Bridge> other = pool.healthy().stream().filter(b -> b != primary.bridge()).findFirst();
    if (other.isEmpty()) {
      return Future.succeededFuture();
    }
    Spill n = new Spill(other.get(), owner.resume(other.get().videoRoom().ensure(room.spec)));
    room.spill = n;
    LOG.info("Meeting {}: {} subscriptions on bridge {}, new subscribers go to bridge {} (cascade)", room.meeting,
        roomMaxSubscribers, primary.bridge().name(), n.bridge.name());
    n.ready.onSuccess(v -> {
      if (room.spill == n && room.holds(primary)) {
        room.publishers.values().forEach(p -> relay(room, primary.bridge(), n, p.feedId()));
      }
    });
    return n.ready.compose(v -> current(room, primary, n));
  }

  private static Future<Spill> current(MeetingRoom room, Placement primary, Spill s) {
    return room.spill == s && room.holds(primary) && s.bridge.healthy() ? Future.succeededFuture(s)
        : Future.failedFuture(MediaErrors.unavailable());
  }

  /** The remote publisher id of {@code feed} on the second bridge, relaying it there from its origin first if needed. */
  Future<String> relay(MeetingRoom room, Bridge primary, Spill spill, String feed) {
    Future<Cascade.Relayed> r = spill.relayed.get(feed);
    if (r == null || r.failed()) {
      r = spill.ready.compose(v -> owner.resume(pool.relay(room.spec, primary, spill.bridge, feed)));
      spill.relayed.put(feed, r);
    }
    return r.map(x -> x.target().id()).recover(err -> Future.failedFuture(err instanceof IllegalStateException
        ? PlenumException.notFound("No such video feed in this meeting.") : err));
  }

  /** A feed went live (again): with a second bridge, its old relay (if any) is replaced by a new one. */
  void relayLive(MeetingRoom room, Bridge primary, String feed) {
    Spill spill = room.spill;
    if (spill == null) {
      return;
    }
    Future<Cascade.Relayed> old = spill.relayed.remove(feed);
    Future<Void> cleared = old == null ? Future.succeededFuture()
        : owner.resume(old.compose(x -> pool.unrelay(room.spec, primary, spill.bridge, x))).otherwiseEmpty();
    spill.relayed.put(feed, cleared.compose(v -> spill.ready)
        .compose(v -> owner.resume(pool.relay(room.spec, primary, spill.bridge, feed))));
  }

  /** A feed is gone: its remote publisher on the second bridge goes too. */
  void relayGone(MeetingRoom room, String feed) {
    Spill spill = room.spill;
    if (spill == null) {
      return;
    }
    Future<Cascade.Relayed> old = spill.relayed.remove(feed);
    if (old != null) {
      unrelay(room, spill, room.bridgeNow().orElse(null), old);
    }
  }

  /** Forgets the second bridge: relays ended where possible, peers' sessions there destroyed. */
  void drop(MeetingRoom room, Spill s, Bridge primary) {
    if (room.spill == s) {
      room.spill = null;
    }
    s.relayed.values().forEach(f -> unrelay(room, s, primary != null && primary.healthy() ? primary : null, f));
    s.relayed.clear();
    room.peers.values().forEach(p -> p.release(s.bridge));
  }

  /** Ends one relay once it exists: at both ends when the origin is up, else only the remote publisher. */
  private void unrelay(MeetingRoom room, Spill spill, Bridge primary, Future<Cascade.Relayed> relay) {
    relay.onSuccess(x -> (primary == null
        ? spill.bridge.videoRoom().removeRemotePublisher(room.id(), room.spec.secret(), x.target().id())
        : pool.unrelay(room.spec, primary, spill.bridge, x))
        .onFailure(err -> LOG.debug("Meeting {}: relay of {} not removed: {}", room.meeting, x.feedId(), err.toString())));
  }
}
