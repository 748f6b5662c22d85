package org.plenum.server.media;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.plenum.server.core.error.PlenumException;

/**
 * Subscriptions that follow the floor: WHEP sessions (MV22) and meeting sockets that asked for
 * {@code media.subscribe {feed: "speaker", follow: true}} (MV29–MV31). After every floor announcement each moves to the
 * speaker's feed, else the hall (chair) feed, by VideoRoom {@code switch} on its existing subscriber handle
 * ({@link MediaPeer#switchTo}): no new offer, the peer's connection and decoder stay. A follower never moves onto its
 * own publication (MV30). A switch that cannot be made (the feed is gone, a codec the subscriber did not negotiate,
 * the subscription is not on the room's bridge, a bridge error) goes to the follower's {@code failed} hook. Followers
 * whose subscription ended (left, replaced, released with its bridge) are forgotten. Owned by the {@link MediaOwner}.
 */
final class FloorFollowers {
  /** Hears a switch that could not be made; answers whether the subscription keeps following (the next floor change tries again). */
  interface Failed {
    boolean keepFollowing(String subscriptionId, String feedId, Throwable cause);
  }

  /** One following subscription; {@code self}: the account whose feed it never shows (null: none). */
  static final class Follower {
    final MeetingRoom room;
    final MediaPeer peer;
    final String subscriptionId;
    final UUID self;
    final Failed failed;
    String feedId;
    boolean switching;

    private Follower(MeetingRoom room, MediaPeer peer, String subscriptionId, String feedId, UUID self, Failed failed) {
      this.room = room;
      this.peer = peer;
      this.subscriptionId = subscriptionId;
      this.feedId = feedId;
      this.self = self;
      this.failed = failed;
    }
  }

  private final MediaOwner owner;
  private final Map<MeetingRoom, List<Follower>> byRoom = new HashMap<>();

  FloorFollowers(MediaOwner owner) {
    this.owner = owner;
  }

  /** What a follower of {@code room} shows now: the speaker's feed, else the hall feed, never {@code self}'s own (MV30). */
  static Optional<MeetingRoom.Publisher> target(MeetingRoom room, UUID self) {
    return room.speaker().filter(p -> !p.accountId().equals(self))
        .or(() -> room.chair().filter(p -> !p.accountId().equals(self)));
  }

  /** Subscription {@code subscriptionId} of {@code peer}, now on {@code feedId}, follows the floor from now on. */
  Follower add(MeetingRoom room, MediaPeer peer, String subscriptionId, String feedId, UUID self, Failed failed) {
    Follower f = new Follower(room, peer, subscriptionId, feedId, self, failed);
    byRoom.computeIfAbsent(room, r -> new ArrayList<>()).add(f);
    return f;
  }

  void remove(Follower f) {
    List<Follower> list = byRoom.get(f.room);
    if (list != null && list.remove(f) && list.isEmpty()) {
      byRoom.remove(f.room);
    }
  }

  /** How many subscriptions of {@code room} follow the floor (checks). */
  int count(MeetingRoom room) {
    return byRoom.getOrDefault(room, List.of()).size();
  }

  /**
   * MV22, MV29: after every floor announcement, each follower of the room moves to {@link #target} by {@code switch}.
   * Nothing live to show: it keeps its stream, which stops carrying frames until someone publishes.
   */
  void follow(MeetingRoom room) {
    List<Follower> list = byRoom.get(room);
    if (list == null) {
      return;
    }
    list.removeIf(f -> f.peer.bridgeOf(f.subscriptionId).isEmpty());   // left, replaced, or gone with its bridge
    for (Follower f : List.copyOf(list)) {
      Optional<MeetingRoom.Publisher> target = target(room, f.self);
      if (f.switching || target.isEmpty() || target.get().feedId().equals(f.feedId)) {
        continue;
      }
      MeetingRoom.Publisher to = target.get();
      if (!f.peer.bridgeOf(f.subscriptionId).equals(room.bridgeNow())) {
        failed(f, to, PlenumException.notFound("The subscription is not on the bridge the new feed is published on."));
        continue;
      }
      f.switching = true;
      owner.resume(f.peer.switchTo(f.subscriptionId, to)).onComplete(done -> moved(f, to, done));
    }
    if (list.isEmpty()) {
      byRoom.remove(room);
    }
  }

  private void moved(Follower f, MeetingRoom.Publisher to, io.vertx.core.AsyncResult<Void> done) {
    f.switching = false;
    if (done.failed()) {
      failed(f, to, done.cause());
      return;
    }
    f.feedId = to.feedId();
    Optional<MeetingRoom.Publisher> now = target(f.room, f.self);
    if (now.isPresent() && !now.get().feedId().equals(f.feedId)) {
      follow(f.room);   // the floor moved again while this switch was under way
    }
  }

  private void failed(Follower f, MeetingRoom.Publisher to, Throwable cause) {
    if (!f.failed.keepFollowing(f.subscriptionId, to.feedId(), MediaErrors.toPlenum(cause))) {
      remove(f);
    }
  }
}
