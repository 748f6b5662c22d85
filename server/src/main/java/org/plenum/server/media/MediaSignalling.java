package org.plenum.server.media;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.plenum.server.core.Actor;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.Role;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.media.MeetingRoom.Placement;
import org.plenum.server.media.MeetingRoom.Publisher;

/**
 * The media commands of a meeting socket or a WHIP/WHEP resource (MV1–MV6, MV15): publish, subscribe, answer,
 * candidate, leave, state; relays offers, answers and candidates between the peer and its Janus handles, and keeps the
 * room's live feeds (a publication counts once its WebRTC connection is up). Runs on the {@link MediaOwner}; a Janus
 * event for a publication is believed only while the room still holds the placement the publication was made on and
 * the handle is still its peer's current publication.
 */
final class MediaSignalling {
  /**
   * A meeting socket as signalling sees it: {@code onClose} registers a hook on the socket's own context, {@code tell}
   * sends an event to this socket only (MV31).
   */
  record Client(String connectionId, MeetingId meeting, Actor actor, Consumer<Runnable> onClose,
                Consumer<org.plenum.server.core.DomainEvent> tell) {}

  private final MediaOwner owner;
  private final RoomPlacement placement;
  private final RoomCascade cascade;
  private final FloorControl floor;
  private final FloorFollowers followers;
  /** Told of every new publication before it starts (a WHIP session of the same room that it replaces ends, MV26). */
  private PublishListener publishing = (room, account, peer, done) -> { };

  /** Hears a publication of {@code account} by {@code peer} starting; {@code done} completes when it is answered. */
  interface PublishListener {
    void starting(MeetingRoom room, UUID account, MediaPeer peer, Future<?> done);
  }

  MediaSignalling(MediaOwner owner, RoomPlacement placement, RoomCascade cascade, FloorControl floor, FloorFollowers followers) {
    this.owner = owner;
    this.placement = placement;
    this.cascade = cascade;
    this.floor = floor;
    this.followers = followers;
  }

  void onPublish(PublishListener listener) {
    this.publishing = listener;
  }

  // ---- publish (MV2, MV7) ----

  /**
   * MV2 for any peer (a meeting socket or a WHIP resource, MV11): {@code feedId}, the answer {@code sdp} and
   * {@code muted}. {@code peerOf} is asked for only once the actor may publish.
   */
  Future<JsonObject> publish(Actor actor, MeetingId meeting, Function<MeetingRoom, MediaPeer> peerOf, String sdp) {
    return publish(actor, false, meeting, peerOf, sdp);
  }

  /** MV2, or MV27 with {@code hall}: a HALL WHIP publication is the hall feed like the chair's (never muted, MV18). */
  Future<JsonObject> publish(Actor actor, boolean hall, MeetingId meeting, Function<MeetingRoom, MediaPeer> peerOf, String sdp) {
    return placement.room(meeting).compose(room -> {
      boolean mayPublish = actor.is(Role.CHAIR) || actor.is(Role.REMOTE_ROOM) || actor.accountId().equals(room.floor);
      if (!mayPublish) {
        return Future.failedFuture(PlenumException.forbidden("Only the chair, remote rooms and the current speaker publish video."));
      }
      return placement.ready(room);
    }).compose(room -> {
      Placement at = room.current().orElseThrow(MediaErrors::unavailable);
      MediaPeer peer = peerOf.apply(room);
      JsonObject join = new JsonObject().put("request", "join").put("ptype", "publisher").put("room", room.id())
          .put("id", actor.accountId().toString()).put("display", actor.displayName());
      boolean chair = hall || actor.is(Role.CHAIR);
      List<String> mids = SdpLines.audioMids(sdp);
      List<String> videoMids = SdpLines.videoMids(sdp);
      Publisher pub = new Publisher(actor.accountId(), actor.displayName(), chair, mids, videoMids, -1);
      Future<String> answered = peer.publish(at.bridge(), () -> room.holds(at), room, join, sdp,
          handle -> feedLive(room, at, peer, new Publisher(actor.accountId(), actor.displayName(), chair, mids, videoMids, handle.id())),
          handle -> feedGone(room, actor.accountId(), handle.id()));
      publishing.starting(room, actor.accountId(), peer, answered);
      return answered
          .map(answer -> new JsonObject().put("feedId", pub.feedId()).put("sdp", answer).put("muted", floor.shouldMute(room, pub)));
    }).recover(MediaErrors::map);
  }

  /** A publication is live: recorded if still current, muted per policy; a live chair or speaker feed is announced (MV7). */
  private void feedLive(MeetingRoom room, Placement at, MediaPeer peer, Publisher pub) {
    if (!room.holds(at) || room.peers.get(peer.connectionId()) != peer || !peer.isPublisher(pub.handle(), at.bridge())) {
      return;   // the room lost or changed its bridge, the peer left, or a newer publication replaced this one
    }
    room.publishers.put(pub.accountId(), pub);
    cascade.relayLive(room, at.bridge(), pub.feedId());
    Future<Void> muted = floor.shouldMute(room, pub) ? floor.mute(at.bridge(), room, pub, true) : Future.succeededFuture();
    if (pub.chair() || pub.accountId().equals(room.floor)) {
      owner.resume(muted).onComplete(r -> floor.announceFloor(room));
    }
  }

  /** Janus hung up or detached a publication (unless a newer one of the same account replaced it). */
  private void feedGone(MeetingRoom room, UUID account, long handle) {
    Publisher current = room.publishers.get(account);
    if (current != null && current.handle() == handle) {
      removed(room, current);
    }
  }

  /** The peer's publication ends (leave, socket closed, resource deleted): its live feed leaves the room. */
  private void unpublished(MeetingRoom room, UUID account, MediaPeer peer) {
    Publisher current = room.publishers.get(account);
    if (current != null && current.handle() == peer.publisherHandle()) {
      removed(room, current);
    }
  }

  private void removed(MeetingRoom room, Publisher gone) {
    room.publishers.remove(gone.accountId());
    cascade.relayGone(room, gone.feedId());
    if (gone.chair() || gone.accountId().equals(room.floor)) {
      floor.announceFloor(room);
    }
  }

  // ---- subscribe (MV3, MV16, MV17) ----

  /**
   * MV3 for any peer (a meeting socket or a WHEP resource, MV12), with MV16's {@code thumbnail}: {@code subscriptionId},
   * {@code feedId} and Janus's offer {@code sdp}.
   */
  Future<JsonObject> subscribe(MeetingId meeting, Function<MeetingRoom, MediaPeer> peerOf, String target, boolean thumbnail) {
    return placement.ready(meeting).compose(room -> {
      String slot = target.equals("speaker") || target.equals("chair") ? target : null;
      String feed = switch (target) {
        case "speaker" -> room.speaker().orElseThrow(() -> PlenumException.notFound("Nobody with video has the floor.")).feedId();
        case "chair" -> room.chair().orElseThrow(() -> PlenumException.notFound("The chair publishes no video.")).feedId();
        default -> feedId(target);
      };
      return subscribe(room, peerOf.apply(room), slot, feed, thumbnail);
    }).recover(MediaErrors::map);
  }

  /**
   * MV29 for a meeting socket, MV12 and MV22 for a WHEP resource: subscribes (slot "speaker") to the speaker's feed,
   * else the hall feed, never {@code self}'s own (MV30), and keeps that subscription on the floor by {@code switch}
   * from then on ({@link FloorFollowers}); {@code failed} hears a switch that could not be made (MV31).
   */
  Future<JsonObject> follow(MeetingId meeting, Function<MeetingRoom, MediaPeer> peerOf, UUID self, boolean thumbnail,
                            FloorFollowers.Failed failed) {
    return placement.ready(meeting).compose(room -> {
      MeetingRoom.Publisher target = FloorFollowers.target(room, self)
          .orElseThrow(() -> PlenumException.notFound("Nobody with video has the floor and no hall feed is live."));
      MediaPeer peer = peerOf.apply(room);
      return subscribe(room, peer, "speaker", target.feedId(), thumbnail).map(offer -> {
        followers.add(room, peer, offer.getString("subscriptionId"), target.feedId(), self, failed);
        followers.follow(room);   // the floor may have moved while the subscription was being made
        return offer;
      });
    }).recover(MediaErrors::map);
  }

  /** MV3, MV17: a subscription of {@code peer} to {@code feed} on the room's bridge, or on its second bridge once the first is full. */
  private Future<JsonObject> subscribe(MeetingRoom room, MediaPeer peer, String slot, String feed, boolean thumbnail) {
    Placement at = room.current().orElseThrow(MediaErrors::unavailable);
    BooleanSupplier onPrimary = () -> room.holds(at);
    if (!placement.onSecondBridge(room, at.bridge(), peer, slot)) {
      return peer.subscribe(at.bridge(), onPrimary, room, slot, feed, feed, thumbnail);
    }
    return cascade.spill(room, at).compose(spill -> spill == null
        ? peer.subscribe(at.bridge(), onPrimary, room, slot, feed, feed, thumbnail)
        : cascade.relay(room, at.bridge(), spill, feed).compose(remote -> peer.subscribe(spill.bridge,
            () -> room.holds(at) && room.spill == spill && spill.bridge.healthy(), room, slot, feed, remote, thumbnail)));
  }

  private static String feedId(String target) {
    try {
      return UUID.fromString(target).toString();
    } catch (IllegalArgumentException e) {
      throw PlenumException.badMessage("Field 'feed' must be \"speaker\", \"chair\" or a feed id.");
    }
  }

  // ---- answer, candidate, leave, state (MV3, MV5, MV6, MV15) ----

  Future<Void> answer(Client c, String subscriptionId, String sdp) {
    return existingPeer(c).compose(p -> p.answer(subscriptionId, sdp)).recover(MediaErrors::map);
  }

  Future<Void> candidate(Client c, String subscriptionId, JsonObject candidate) {
    return existingPeer(c).compose(p -> p.trickle(subscriptionId, candidate)).recover(MediaErrors::map);
  }

  /** Ends one subscription, or (no {@code subscriptionId}) the publication and every subscription of the socket. */
  Future<Void> leave(Client c, String subscriptionId) {
    Optional<MeetingRoom> room = placement.find(c.meeting());
    MediaPeer p = room.map(r -> r.peers.get(c.connectionId())).orElse(null);
    if (p == null) {
      return Future.succeededFuture();
    }
    if (subscriptionId == null) {
      unpublished(room.get(), c.actor().accountId(), p);
    }
    return p.leave(subscriptionId).recover(MediaErrors::map);
  }

  /** MV6, MV15: available, floor, feeds to watch; every live feed for the chair and the secretary ({@code wall}). */
  Future<JsonObject> state(MeetingId meeting, boolean wall) {
    return placement.ready(meeting).map(room -> {
      JsonObject state = new JsonObject().put("available", true).mergeIn(room.floorData());
      return wall ? state.put("feeds", room.feedsData()) : state;
    }).recover(err -> Future.succeededFuture(new JsonObject().put("available", false)));
  }

  // ---- peers ----

  /** The socket's peer in its meeting's room, made on first use; it ends with the socket (MV5). */
  MediaPeer socketPeer(MeetingRoom room, Client c) {
    MediaPeer p = room.peers.get(c.connectionId());
    if (p == null) {
      MediaPeer made = new MediaPeer(c.connectionId(), owner);
      room.peers.put(c.connectionId(), made);
      c.onClose().accept(() -> owner.run(() -> endPeer(room, made, c.actor().accountId())));
      p = made;
    }
    return p;
  }

  /** A peer that is not a meeting socket (a WHIP or WHEP resource): dropped with its bridge like a socket's. */
  MediaPeer endpointPeer(MeetingRoom room, String id) {
    MediaPeer p = new MediaPeer(id, owner);
    room.peers.put(id, p);
    return p;
  }

  /** Ends a peer: its publication leaves the room (floor announced when it mattered), its Janus sessions go. */
  Future<Void> endPeer(MeetingRoom room, MediaPeer p, UUID account) {
    if (room.peers.get(p.connectionId()) == p) {
      room.peers.remove(p.connectionId());
    }
    unpublished(room, account, p);
    return p.end().recover(MediaErrors::map);
  }

  private Future<MediaPeer> existingPeer(Client c) {
    MediaPeer p = placement.find(c.meeting()).map(r -> r.peers.get(c.connectionId())).orElse(null);
    return p == null ? Future.failedFuture(PlenumException.notFound("Nothing is published or subscribed on this connection."))
        : Future.succeededFuture(p);
  }
}
