package org.plenum.server.media;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.plenum.media.bridge.Bridge;
import org.plenum.media.janus.JanusException;
import org.plenum.media.janus.JanusHandle;
import org.plenum.media.janus.JanusSession;
import org.plenum.media.janus.VideoRoom;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;

/**
 * The media side of one meeting socket (or WHIP/WHEP resource): one Janus session per bridge it uses (the room's
 * bridge, and the room's second bridge when its subscriptions were placed there, MV17), at most one publisher handle
 * and any number of subscriber handles. Operations on a handle chain on the future that creates it, so a candidate
 * sent right after its offer waits for the handle (MV5). Ending the peer destroys its sessions: Janus detaches every
 * handle and the publisher leaves the room.
 *
 * <p>Owned by the {@link MediaOwner}: every Janus reply is {@linkplain MediaOwner#resume resumed} on it, and each step
 * re-checks that its publication or subscription is still the current one and that the room still holds the placement
 * it started on ({@code valid}); if not, it stops with {@code MEDIA_UNAVAILABLE} (or {@code CONFLICT} when a newer
 * publication replaced it) and detaches what it made. A session that arrives after the peer dropped it is destroyed.
 */
final class MediaPeer {
  /** One subscriber handle; {@code slot} is "speaker" or "chair" for those targets (a new one replaces the old). */
  record Subscription(String id, String slot, String feedId, Bridge bridge, Future<JanusHandle> handle) {}

  /** One {@code media.publish}: its bridge, its handle once attached, the future of the joined handle. */
  private static final class Publication {
    final Bridge bridge;
    JanusHandle attached;
    Future<JanusHandle> handle;
    boolean replaced;

    Publication(Bridge bridge) {
      this.bridge = bridge;
    }
  }

  private final String connectionId;
  private final MediaOwner owner;
  private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
  /** Subscription id → its streams as the bridge listed them on join ({@code mid}, {@code type}): what {@code switch} moves. */
  private final Map<String, JsonArray> streamsOf = new LinkedHashMap<>();
  private final Map<Bridge, Future<JanusSession>> sessions = new IdentityHashMap<>();
  private Publication publication;
  private int counter;
  private boolean ended;

  MediaPeer(String connectionId, MediaOwner owner) {
    this.connectionId = connectionId;
    this.owner = owner;
  }

  String connectionId() {
    return connectionId;
  }

  /** The peer's Janus session on {@code bridge}; a new one when the old is gone (its handles are forgotten). */
  private Future<JanusSession> session(Bridge bridge) {
    if (ended) {
      return Future.failedFuture(PlenumException.notFound("This media connection has ended."));
    }
    Future<JanusSession> session = sessions.get(bridge);
    if (session == null || session.failed() || session.succeeded() && !session.result().isAlive()) {
      release(bridge);
      session = owner.resume(bridge.client().createSession());
      sessions.put(bridge, session);
    }
    Future<JanusSession> mine = session;
    // released meanwhile (bridge lost, peer left, second bridge dropped): release() destroys it, the caller stops
    return session.compose(s -> sessions.get(bridge) == mine ? Future.succeededFuture(s)
        : Future.failedFuture(MediaErrors.unavailable()));
  }

  /**
   * Forgets the session on {@code bridge} and every handle in it; destroys the session if it is (or becomes) alive.
   * Completes once that is done (never fails).
   */
  Future<Void> release(Bridge bridge) {
    Future<JanusSession> session = sessions.remove(bridge);
    subscriptions.values().removeIf(s -> s.bridge() == bridge);
    if (publication != null && publication.bridge == bridge) {
      publication = null;
    }
    if (session == null) {
      return Future.succeededFuture();
    }
    return session.compose(s -> s.isAlive() ? s.destroy() : Future.<Void>succeededFuture()).otherwiseEmpty();
  }

  /** Forgets every session (the room lost its bridge, or the peer leaves); completes once they are destroyed. */
  Future<Void> releaseAll() {
    List<Future<Void>> all = new ArrayList<>(sessions.keySet()).stream().map(this::release).toList();
    subscriptions.clear();
    publication = null;
    return Future.join(all).<Void>mapEmpty().otherwiseEmpty();
  }

  /** The socket closed or the resource was deleted: everything goes and nothing new starts. */
  Future<Void> end() {
    ended = true;
    return leave(null);
  }

  /** How many subscriptions this peer has now (metrics). */
  int subscriptionCount() {
    return subscriptions.size();
  }

  /** The bridge this peer's current subscriptions are on, if any (a subscriber stays on the bridge it was placed on). */
  Optional<Bridge> subscribedOn() {
    return subscriptions.values().stream().map(Subscription::bridge).findFirst();
  }

  /** The bridge subscription {@code subscriptionId} is on; empty once it has ended or was replaced (MV29). */
  Optional<Bridge> bridgeOf(String subscriptionId) {
    return Optional.ofNullable(subscriptions.get(subscriptionId)).map(Subscription::bridge);
  }

  /** Subscriptions on {@code bridge}, not counting one in {@code replacedSlot} (about to be replaced). */
  int subscriptionsOn(Bridge bridge, String replacedSlot) {
    return (int) subscriptions.values().stream()
        .filter(s -> s.bridge() == bridge && (replacedSlot == null || !replacedSlot.equals(s.slot()))).count();
  }

  /**
   * Joins as publisher {@code join} and publishes {@code offerSdp} on {@code bridge}; returns Janus's answer SDP.
   * {@code live} hears the handle once the publisher's WebRTC connection is up ({@code webrtcup}: only then can
   * others subscribe, Janus answers 428 "No such feed" before), {@code gone} when Janus hangs it up or detaches it;
   * both on the owner, and both must check that the handle is still the {@link #isPublisher current} one.
   */
  Future<String> publish(Bridge bridge, BooleanSupplier valid, MeetingRoom room, JsonObject join, String offerSdp,
                         Consumer<JanusHandle> live, Consumer<JanusHandle> gone) {
    if (!valid.getAsBoolean()) {
      return Future.failedFuture(MediaErrors.unavailable());
    }
    Future<JanusSession> session = session(bridge);   // first: a stale session releases what was on the bridge
    Publication previous = publication;
    if (previous != null) {
      previous.replaced = true;
    }
    Publication mine = new Publication(bridge);
    publication = mine;
    mine.handle = session
        .compose(s -> detach(previous).compose(v -> still(mine, valid)).compose(v -> owner.resume(s.attach(VideoRoom.PLUGIN))))
        .compose(h -> {
          mine.attached = h;
          h.onEvent(e -> owner.run(() -> {
            switch (e.janus()) {
              case "webrtcup" -> live.accept(h);
              case "hangup", "detached" -> gone.accept(h);
              default -> { }
            }
          }));
          return still(mine, valid).compose(v -> joinPublisher(bridge, room, h, join, () -> still(mine, valid))).map(h);
        });
    Future<String> answer = mine.handle
        .compose(h -> owner.resume(h.message(new JsonObject().put("request", "publish"), jsep("offer", offerSdp))))
        .compose(r -> still(mine, valid).map(r))
        .compose(r -> r.jsep().map(j -> Future.succeededFuture(j.getString("sdp")))
            .orElseGet(() -> Future.failedFuture(PlenumException.badMessage("The video bridge sent no answer to the offer."))));
    answer.onFailure(err -> {
      if (publication == mine) {
        publication = null;
      }
      if (mine.attached != null) {
        mine.attached.detach();
      }
    });
    return answer;
  }

  /** Still this peer's current publication, on a room that still holds its placement? */
  private Future<Void> still(Publication mine, BooleanSupplier valid) {
    if (mine.replaced) {
      return Future.failedFuture(new PlenumException(ErrorCode.CONFLICT,
          "A newer media.publish on this connection replaced this one."));
    }
    return publication == mine && valid.getAsBoolean() ? Future.succeededFuture() : Future.failedFuture(MediaErrors.unavailable());
  }

  private Future<Void> detach(Publication previous) {
    if (previous == null || previous.handle == null) {
      return Future.succeededFuture();
    }
    return previous.handle.compose(h -> owner.resume(h.detach())).otherwiseEmpty();
  }

  private Future<Void> joinPublisher(Bridge bridge, MeetingRoom room, JanusHandle h, JsonObject join,
                                     java.util.function.Supplier<Future<Void>> still) {
    return owner.resume(h.message(join)).<Void>mapEmpty().recover(err -> {
      if (err instanceof JanusException je && je.code() == 436) {
        // the same account still publishes from an older socket (reconnect): the newer one wins
        return still.get().compose(v -> owner.resume(bridge.videoRoom().kick(room.id(), room.spec.secret(), join.getString("id"))))
            .compose(v -> still.get()).compose(v -> owner.resume(h.message(join))).mapEmpty();
      }
      return Future.failedFuture(err);
    });
  }

  /** True if handle {@code handleId} is this peer's current publication, alive on {@code bridge}. */
  boolean isPublisher(long handleId, Bridge bridge) {
    return publication != null && publication.bridge == bridge && publication.attached != null
        && publication.attached.id() == handleId && publication.attached.isAlive();
  }

  /** The handle id of the current publication, or -1. */
  long publisherHandle() {
    return publication != null && publication.attached != null ? publication.attached.id() : -1;
  }

  /**
   * Attaches a subscriber to {@code feedId} on {@code bridge}, as {@code janusFeed} there (the feed's remote
   * publisher id on a second bridge, MV17); returns the subscription and Janus's offer SDP. A {@code thumbnail}
   * (MV16) asks for simulcast substream 0 and temporal layer 0, the lowest; Janus ignores both for a single-layer feed.
   */
  Future<JsonObject> subscribe(Bridge bridge, BooleanSupplier valid, MeetingRoom room, String slot, String feedId,
                               String janusFeed, boolean thumbnail) {
    if (!valid.getAsBoolean()) {
      return Future.failedFuture(MediaErrors.unavailable());
    }
    Future<JanusSession> session = session(bridge);   // first: a stale session releases what was on the bridge
    String id = slot != null ? slot + "-" + ++counter : "s" + ++counter;
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
    Promise<JanusHandle> joined = Promise.promise();
    Subscription sub = new Subscription(id, slot, feedId, bridge, joined.future());
    subscriptions.put(id, sub);
    BooleanSupplier still = () -> subscriptions.get(id) == sub && valid.getAsBoolean();
    Future<JanusHandle> handle = session.compose(s -> owner.resume(s.attach(VideoRoom.PLUGIN)));
    Future<JsonObject> offer = handle
        .compose(h -> still.getAsBoolean() ? owner.resume(h.message(join)) : Future.failedFuture(MediaErrors.unavailable()))
        .compose(r -> still.getAsBoolean() ? Future.succeededFuture(r) : Future.failedFuture(MediaErrors.unavailable()))
        .map(r -> {
          JsonArray streams = r.data().getJsonArray("streams");
          if (streams != null) {
            streamsOf.put(id, streams);
          }
          return r;
        })
        .compose(r -> r.jsep().map(j -> Future.succeededFuture(new JsonObject().put("subscriptionId", id).put("feedId", feedId)
                .put("sdp", j.getString("sdp"))))
            .orElseGet(() -> Future.failedFuture(PlenumException.badMessage("The video bridge sent no offer for this feed."))));
    offer.onComplete(r -> {
      if (r.succeeded()) {
        joined.complete(handle.result());
        return;
      }
      joined.fail(r.cause());
      if (subscriptions.get(id) == sub) {
        subscriptions.remove(id);
      }
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

  /**
   * MV22: moves subscription {@code subscriptionId} to publisher {@code to} without renegotiation (VideoRoom
   * {@code switch}): each of its streams takes {@code to}'s first stream of the same type (audio, video); a type
   * {@code to} does not publish keeps what it had. The bridge does not move a stream across codecs (Janus does not
   * transcode; it counts no change for it): then the switch fails with {@code UNSUPPORTED_CODEC} (MV31).
   */
  Future<Void> switchTo(String subscriptionId, MeetingRoom.Publisher to) {
    Subscription s = subscription(subscriptionId);
    JsonArray moves = new JsonArray();
    JsonArray streams = streamsOf.getOrDefault(subscriptionId, new JsonArray());
    for (int i = 0; i < streams.size(); i++) {
      JsonObject stream = streams.getJsonObject(i);
      List<String> mids = "audio".equals(stream.getString("type")) ? to.audioMids()
          : "video".equals(stream.getString("type")) ? to.videoMids() : List.of();
      if (!mids.isEmpty() && stream.getString("mid") != null) {
        moves.add(new JsonObject().put("feed", to.feedId()).put("mid", mids.get(0)).put("sub_mid", stream.getString("mid")));
      }
    }
    if (moves.isEmpty()) {
      return Future.failedFuture(PlenumException.notFound("The new feed has no stream this subscription carries."));
    }
    return s.handle().compose(h -> owner.resume(h.message(new JsonObject().put("request", "switch").put("streams", moves))))
        .compose(r -> r.data().getInteger("changes", moves.size()) < moves.size()
            // Janus skips (and counts no change for) a stream whose codec differs from what the subscriber negotiated
            ? Future.failedFuture(new PlenumException(ErrorCode.UNSUPPORTED_CODEC,
                "The new feed uses a codec this subscription did not negotiate: subscribe again."))
            : Future.succeededFuture(r))
        .map(r -> {
          if (subscriptions.get(subscriptionId) == s) {
            subscriptions.put(subscriptionId, new Subscription(s.id(), s.slot(), to.feedId(), s.bridge(), s.handle()));
          }
          return null;
        });
  }

  /** {@code start} with the client's answer. */
  Future<Void> answer(String subscriptionId, String sdp) {
    return subscription(subscriptionId).handle()
        .compose(h -> owner.resume(h.message(new JsonObject().put("request", "start"), jsep("answer", sdp)))).mapEmpty();
  }

  Future<Void> trickle(String subscriptionId, JsonObject candidate) {
    Future<JanusHandle> h;
    if (subscriptionId == null) {
      if (publication == null) {
        return Future.failedFuture(PlenumException.notFound("Nothing is published on this connection."));
      }
      h = publication.handle;
    } else {
      h = subscription(subscriptionId).handle();
    }
    return h.compose(handle -> owner.resume(handle.trickle(candidate)));
  }

  /** Ends one subscription, or everything (publication included) when {@code subscriptionId} is null. */
  Future<Void> leave(String subscriptionId) {
    if (subscriptionId != null) {
      Subscription s = subscription(subscriptionId);
      subscriptions.remove(subscriptionId);
      streamsOf.remove(subscriptionId);
      return s.handle().compose(h -> owner.resume(h.detach())).otherwiseEmpty();
    }
    return releaseAll();
  }

  /** For checks and diagnostics: the alive Janus sessions this peer holds, with the handles it knows in each. */
  List<JanusRefs> janusRefs() {
    List<JanusRefs> out = new ArrayList<>();
    sessions.forEach((bridge, f) -> {
      if (f.succeeded() && f.result().isAlive()) {
        List<Long> handles = new ArrayList<>();
        if (publication != null && publication.bridge == bridge && publication.attached != null) {
          handles.add(publication.attached.id());
        }
        subscriptions.values().stream().filter(s -> s.bridge() == bridge && s.handle().succeeded())
            .forEach(s -> handles.add(s.handle().result().id()));
        out.add(new JanusRefs(bridge.name(), f.result().id(), handles));
      }
    });
    return out;
  }

  /** One Janus session of a peer on bridge {@code bridge} and the handle ids the server knows in it. */
  record JanusRefs(String bridge, long session, List<Long> handles) {}

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
