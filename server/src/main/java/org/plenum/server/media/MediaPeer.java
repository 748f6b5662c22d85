package org.plenum.server.media;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.plenum.media.bridge.Bridge;
import org.plenum.media.janus.JanusException;
import org.plenum.media.janus.JanusHandle;
import org.plenum.media.janus.JanusSession;
import org.plenum.media.janus.VideoRoom;
import org.plenum.server.core.error.PlenumException;

/**
 * The media side of one meeting socket: one Janus session per bridge it uses (the room's bridge, and the room's
 * second bridge when its subscriptions were placed there, MV17), at most one publisher handle and any number of
 * subscriber handles. Operations on a handle chain on the future that creates it, so a candidate sent
 * right after its offer waits for the handle (MV5). Closing the socket destroys the session: Janus detaches every
 * handle and the publisher leaves the room.
 */
final class MediaPeer {
  /** One subscriber handle; {@code slot} is "speaker" or "chair" for those targets (a new one replaces the old). */
  record Subscription(String id, String slot, String feedId, Bridge bridge, Future<JanusHandle> handle) {}

  private final String connectionId;
  private final AtomicInteger counter = new AtomicInteger();
  private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
  private final Map<Bridge, Future<JanusSession>> sessions = new java.util.IdentityHashMap<>();
  private Future<JanusHandle> publisher;
  private Bridge publisherBridge;

  MediaPeer(String connectionId) {
    this.connectionId = connectionId;
  }

  String connectionId() {
    return connectionId;
  }

  /** The peer's Janus session on {@code bridge}; a new one when the old is gone (its handles are forgotten). */
  synchronized Future<JanusSession> session(Bridge bridge) {
    Future<JanusSession> session = sessions.get(bridge);
    boolean stale = session == null || session.failed() || session.succeeded() && !session.result().isAlive();
    if (stale) {
      forgetOn(bridge);
      session = bridge.client().createSession();
      sessions.put(bridge, session);
    }
    return session;
  }

  /** Forgets the session on {@code bridge} and every handle in it (the bridge or the session went away). */
  synchronized void forgetOn(Bridge bridge) {
    sessions.remove(bridge);
    subscriptions.values().removeIf(s -> s.bridge() == bridge);
    if (publisherBridge == bridge) {
      publisher = null;
      publisherBridge = null;
    }
  }

  /** The bridge this peer's current subscriptions are on, if any (a subscriber stays on the bridge it was placed on). */
  synchronized java.util.Optional<Bridge> subscribedOn() {
    return subscriptions.values().stream().map(Subscription::bridge).findFirst();
  }

  /** Subscriptions on {@code bridge}, not counting one in {@code replacedSlot} (about to be replaced). */
  synchronized int subscriptionsOn(Bridge bridge, String replacedSlot) {
    return (int) subscriptions.values().stream()
        .filter(s -> s.bridge() == bridge && (replacedSlot == null || !replacedSlot.equals(s.slot()))).count();
  }

  /**
   * Joins as publisher {@code join} and publishes {@code offerSdp}; returns Janus's answer SDP. {@code live} hears the
   * handle id once the publisher's WebRTC connection is up ({@code webrtcup}: only then can others subscribe, Janus
   * answers 428 "No such feed" before), {@code gone} when Janus hangs it up or detaches it.
   */
  synchronized Future<String> publish(Bridge bridge, MeetingRoom room, JsonObject join, String offerSdp,
                                      java.util.function.LongConsumer live, java.util.function.LongConsumer gone) {
    Future<JanusHandle> previous = publisher;
    Future<JanusHandle> created = session(bridge)
        .compose(s -> (previous == null ? Future.<Void>succeededFuture() : previous.compose(JanusHandle::detach).<Void>mapEmpty()
            .otherwiseEmpty()).compose(v -> s.attach(VideoRoom.PLUGIN)))
        .map(h -> {
          h.onEvent(e -> {
            switch (e.janus()) {
              case "webrtcup" -> live.accept(h.id());
              case "hangup", "detached" -> gone.accept(h.id());
              default -> { }
            }
          });
          return h;
        })
        .compose(h -> joinPublisher(bridge, room, h, join).map(h));
    publisher = created;
    publisherBridge = bridge;
    Future<String> answer = created.compose(h -> h.message(new JsonObject().put("request", "publish"), jsep("offer", offerSdp)))
        .compose(r -> r.jsep().map(j -> Future.succeededFuture(j.getString("sdp")))
            .orElseGet(() -> Future.failedFuture(PlenumException.badMessage("The video bridge sent no answer to the offer."))));
    answer.onFailure(err -> {
      synchronized (this) {
        if (publisher == created) {
          publisher = null;
        }
      }
      created.onSuccess(JanusHandle::detach);
    });
    return answer;
  }

  private static Future<Void> joinPublisher(Bridge bridge, MeetingRoom room, JanusHandle h, JsonObject join) {
    return h.message(join).<Void>mapEmpty().recover(err -> {
      if (err instanceof JanusException je && je.code() == 436) {
        // the same account still publishes from an older socket (reconnect): the newer one wins
        return bridge.videoRoom().kick(room.id(), room.spec.secret(), join.getString("id"))
            .compose(v -> h.message(join)).mapEmpty();
      }
      return Future.failedFuture(err);
    });
  }

  boolean publishing() {
    Future<JanusHandle> p = publisher;
    return p != null && p.succeeded() && p.result().isAlive();
  }

  /**
   * Attaches a subscriber to {@code feedId} on {@code bridge}, as {@code janusFeed} there (the feed's remote
   * publisher id on a second bridge, MV17); returns the subscription and Janus's offer SDP. A {@code thumbnail}
   * (MV16) asks for simulcast substream 0 and temporal layer 0, the lowest; Janus ignores both for a single-layer feed.
   */
  synchronized Future<JsonObject> subscribe(Bridge bridge, MeetingRoom room, String slot, String feedId, String janusFeed,
                                            boolean thumbnail) {
    String id = slot != null ? slot + "-" + counter.incrementAndGet() : "s" + counter.incrementAndGet();
    if (slot != null) {
      subscriptions.values().removeIf(s -> {
        if (slot.equals(s.slot())) {
          s.handle().onSuccess(JanusHandle::detach);
          return true;
        }
        return false;
      });
    }
    JsonObject join = new JsonObject().put("request", "join").put("ptype", "subscriber").put("room", room.id())
        .put("streams", new JsonArray().add(stream(janusFeed, thumbnail)));
    Future<JanusHandle> handle = session(bridge).compose(s -> s.attach(VideoRoom.PLUGIN));
    Future<JsonObject> offer = handle.compose(h -> h.message(join))
        .compose(r -> r.jsep().map(j -> Future.succeededFuture(new JsonObject().put("subscriptionId", id).put("feedId", feedId)
                .put("sdp", j.getString("sdp"))))
            .orElseGet(() -> Future.failedFuture(PlenumException.badMessage("The video bridge sent no offer for this feed."))));
    Subscription sub = new Subscription(id, slot, feedId, bridge, offer.compose(o -> handle));
    subscriptions.put(id, sub);
    offer.onFailure(err -> {
      subscriptions.remove(id);
      handle.onSuccess(JanusHandle::detach);
    });
    return offer;
  }

  /** The subscriber's {@code streams} entry for a feed: every stream of it, at the lowest layer for a thumbnail. */
  static JsonObject stream(String feedId, boolean thumbnail) {
    JsonObject stream = new JsonObject().put("feed", feedId);
    if (thumbnail) {
      stream.put("substream", 0).put("temporal", 0);
    }
    return stream;
  }

  /** {@code start} with the client's answer. */
  Future<Void> answer(String subscriptionId, String sdp) {
    return subscription(subscriptionId).handle()
        .compose(h -> h.message(new JsonObject().put("request", "start"), jsep("answer", sdp))).mapEmpty();
  }

  Future<Void> trickle(String subscriptionId, JsonObject candidate) {
    Future<JanusHandle> h;
    if (subscriptionId == null) {
      Future<JanusHandle> p = publisher;
      if (p == null) {
        return Future.failedFuture(PlenumException.notFound("Nothing is published on this connection."));
      }
      h = p;
    } else {
      h = subscription(subscriptionId).handle();
    }
    return h.compose(handle -> handle.trickle(candidate));
  }

  /** Ends one subscription, or everything (publication included) when {@code subscriptionId} is null. */
  synchronized Future<Void> leave(String subscriptionId) {
    if (subscriptionId != null) {
      Subscription s = subscription(subscriptionId);
      subscriptions.remove(subscriptionId);
      return s.handle().compose(JanusHandle::detach).otherwiseEmpty();
    }
    List<Future<JanusSession>> all = new java.util.ArrayList<>(sessions.values());
    sessions.clear();
    publisher = null;
    publisherBridge = null;
    subscriptions.clear();
    return Future.join(all.stream().map(s -> s.compose(JanusSession::destroy).otherwiseEmpty()).toList()).<Void>mapEmpty()
        .otherwiseEmpty();
  }

  /** The bridge went away: every handle is gone with it. */
  synchronized void forget() {
    sessions.clear();
    publisher = null;
    publisherBridge = null;
    subscriptions.clear();
  }

  private Subscription subscription(String id) {
    Subscription s = subscriptions.get(id);
    if (s == null) {
      throw PlenumException.notFound("No subscription '" + id + "' on this connection.");
    }
    return s;
  }

  private static JsonObject jsep(String type, String sdp) {
    return new JsonObject().put("type", type).put("sdp", sdp);
  }
}
