package org.plenum.server.media;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.plenum.media.MediaUnavailableException;
import org.plenum.media.bridge.Bridge;
import org.plenum.media.bridge.BridgeConfig;
import org.plenum.media.bridge.BridgePool;
import org.plenum.media.bridge.BridgePoolConfig;
import org.plenum.media.janus.ConnectionListener;
import org.plenum.media.janus.JanusProcess;
import org.plenum.media.janus.RoomSpec;
import org.plenum.server.config.PlenumConfig.MediaConfig;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.ledger.Ledger;
import org.plenum.server.core.Actor;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.Role;
import org.plenum.server.speaker.SpeakerQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media plane as the meeting socket sees it (docs/protocol.md §13): owns the {@link BridgePool} (and an
 * autostarted local Janus), places each meeting's VideoRoom (room id = meeting id) on a bridge on first use, relays
 * offers, answers and candidates between sockets and Janus handles, and lets the speaker queue drive the floor
 * ({@link FloorControl}). Without any bridge every command fails with {@code MEDIA_UNAVAILABLE} at once.
 */
public final class MediaService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MediaService.class);

  private final MediaConfig config;
  private final BridgePool pool;
  private final LocalJanus local;
  private final String roomKey;
  private final FloorControl floor;
  private final Map<MeetingId, MeetingRoom> rooms = new ConcurrentHashMap<>();
  private final Map<String, MediaPeer> peers = new ConcurrentHashMap<>();
  private final Map<String, MeetingId> peerMeetings = new ConcurrentHashMap<>();
  private final MediaEndpoints endpoints = new MediaEndpoints(this);

  private MediaService(Vertx vertx, MediaConfig config, BridgePool pool, LocalJanus local, String roomKey, Ledger ledger,
                       SpeakerQueue speakers, Pool sql) {
    this.config = config;
    this.pool = pool;
    this.local = local;
    this.roomKey = roomKey;
    this.floor = new FloorControl(vertx, ledger, speakers, sql, config.floorMuteOthers());
    vertx.eventBus().<String>localConsumer(org.plenum.server.room.RoomCredentials.REVOKED_CREDENTIAL_ADDRESS,
        m -> endpoints.revoked(UUID.fromString(m.body())));
    if (pool != null) {
      pool.bridges().forEach(b -> b.client().addConnectionListener(new ConnectionListener() {
        @Override
        public void down(MediaUnavailableException cause) {
          bridgeDown(b);
        }

        @Override
        public void up() {
          bridgeUp();
        }
      }));
    }
  }

  /**
   * Starts the media plane: the configured bridges, else a local Janus when allowed and installed, else none.
   * Never fails: a media plane that cannot start leaves the server without video (and says so in the log).
   */
  public static Future<MediaService> start(Vertx vertx, MediaConfig config, Path dataDir, Ledger ledger, SpeakerQueue speakers,
                                           Pool sql) {
    if (!config.bridges().isEmpty()) {
      List<BridgeConfig> bridges = config.bridges().stream().map(b -> new BridgeConfig(b.name(), b.wsUrl(), b.adminUrl(),
          config.apiSecret(), config.adminSecret(), 1.0, java.util.Optional.empty())).toList();
      return startPool(vertx, config, bridges, null, config.adminSecret(), ledger, speakers, sql);
    }
    if (!config.janusAutostart() || !JanusProcess.installed()) {
      LOG.info("No media bridge configured{}: video is off, media commands answer MEDIA_UNAVAILABLE",
          config.janusAutostart() ? " and no 'janus' on the PATH (Debian: apt-get install janus)" : "");
      return Future.succeededFuture(new MediaService(vertx, config, null, null, "", ledger, speakers, sql));
    }
    return LocalJanus.start(vertx, config, dataDir).compose(local -> {
      BridgeConfig b = new BridgeConfig("local", local.process.wsUrl(), local.process.adminUrl(), local.apiSecret, local.adminSecret,
          1.0, java.util.Optional.empty());
      return startPool(vertx, config, List.of(b), local, local.adminSecret, ledger, speakers, sql);
    }).recover(err -> {
      LOG.warn("Could not start a local Janus ({}): video is off", err.toString());
      return Future.succeededFuture(new MediaService(vertx, config, null, null, "", ledger, speakers, sql));
    });
  }

  private static Future<MediaService> startPool(Vertx vertx, MediaConfig config, List<BridgeConfig> bridges, LocalJanus local,
                                                String roomKey, Ledger ledger, SpeakerQueue speakers, Pool sql) {
    BridgePoolConfig pc = new BridgePoolConfig(bridges, config.sampleInterval(), config.requestTimeout(), 2000);
    return BridgePool.start(vertx, pc).map(p -> new MediaService(vertx, config, p, local, roomKey, ledger, speakers, sql));
  }

  /** WHIP and WHEP resources (MV11–MV14), shared by every HTTP verticle. */
  public MediaEndpoints endpoints() {
    return endpoints;
  }

  public boolean enabled() {
    return pool != null;
  }

  // ---- commands (MV1–MV6) ----

  /** MV2: the chair, remote rooms and whoever has the floor publish; the answer SDP comes back in the ack. */
  public Future<JsonObject> publish(org.plenum.server.core.Connection s, MediaCommands.Publish cmd) {
    return publish(s.actor(), s.meeting(), () -> peer(s), cmd.sdp()).map(p -> ack().mergeIn(p));
  }

  /**
   * MV2 for any peer (a meeting socket or a WHIP resource, MV11): {@code feedId}, the answer {@code sdp} and
   * {@code muted}. {@code peer} is asked for only once the actor may publish.
   */
  Future<JsonObject> publish(Actor actor, MeetingId meeting, java.util.function.Supplier<MediaPeer> peerOf, String sdp) {
    return room(meeting).compose(room -> {
      boolean mayPublish = actor.is(Role.CHAIR) || actor.is(Role.REMOTE_ROOM) || actor.accountId().equals(room.floor);
      if (!mayPublish) {
        return Future.failedFuture(PlenumException.forbidden("Only the chair, remote rooms and the current speaker publish video."));
      }
      return ready(meeting);
    }).compose(room -> {
      Bridge bridge = room.bridgeNow().orElseThrow(MediaErrors::unavailable);
      MediaPeer peer = peerOf.get();
      JsonObject join = new JsonObject().put("request", "join").put("ptype", "publisher").put("room", room.id())
          .put("id", actor.accountId().toString()).put("display", actor.displayName());
      UUID account = actor.accountId();
      boolean chair = actor.is(Role.CHAIR);
      List<String> mids = audioMids(sdp);
      return peer.publish(bridge, room, join, sdp,
          handle -> feedLive(bridge, room, new MeetingRoom.Publisher(account, actor.displayName(), chair, mids, handle)),
          handle -> feedGone(room, account, handle))
          .map(answer -> new JsonObject().put("feedId", account.toString()).put("sdp", answer)
              .put("muted", floor.shouldMute(room, new MeetingRoom.Publisher(account, actor.displayName(), chair, mids, -1))));
    }).recover(MediaErrors::map);
  }

  /** A publication is live: mute it per policy; a live chair or speaker feed is announced (MV7). */
  private void feedLive(Bridge bridge, MeetingRoom room, MeetingRoom.Publisher pub) {
    room.publishers.put(pub.accountId(), pub);
    relayLive(room, bridge, pub.feedId());
    Future<Void> muted = floor.shouldMute(room, pub) ? floor.mute(bridge, room, pub, true) : Future.succeededFuture();
    if (pub.chair() || pub.accountId().equals(room.floor)) {
      muted.onComplete(r -> floor.announceFloor(room));
    }
  }

  /** Janus hung up or detached a publication (unless a newer one of the same account replaced it). */
  private void feedGone(MeetingRoom room, UUID account, long handle) {
    MeetingRoom.Publisher current = room.publishers.get(account);
    if (current != null && current.handle() == handle && room.publishers.remove(account, current)) {
      relayGone(room, account.toString());
      if (current.chair() || account.equals(room.floor)) {
        floor.announceFloor(room);
      }
    }
  }

  /** MV3: everyone in the meeting subscribes to "speaker", "chair" or a feed id; Janus's offer comes back in the ack. */
  public Future<JsonObject> subscribe(org.plenum.server.core.Connection s, MediaCommands.Subscribe cmd) {
    return subscribe(s.meeting(), () -> peer(s), cmd.feed(), cmd.thumbnail()).map(o -> ack().mergeIn(o));
  }

  /** MV3 for any peer (a meeting socket or a WHEP resource, MV12): {@code subscriptionId}, {@code feedId}, Janus's offer {@code sdp}. */
  Future<JsonObject> subscribe(MeetingId meeting, java.util.function.Supplier<MediaPeer> peerOf, String target) {
    return subscribe(meeting, peerOf, target, false);
  }

  /** MV3, and MV16: {@code thumbnail} asks the bridge for the lowest simulcast layer. */
  Future<JsonObject> subscribe(MeetingId meeting, java.util.function.Supplier<MediaPeer> peerOf, String target, boolean thumbnail) {
    return ready(meeting).compose(room -> {
      Bridge bridge = room.bridgeNow().orElseThrow(MediaErrors::unavailable);
      String slot = null;
      String feed;
      switch (target) {
        case "speaker" -> {
          slot = "speaker";
          feed = room.speaker().orElseThrow(() -> PlenumException.notFound("Nobody with video has the floor.")).feedId();
        }
        case "chair" -> {
          slot = "chair";
          feed = room.chair().orElseThrow(() -> PlenumException.notFound("The chair publishes no video.")).feedId();
        }
        default -> {
          try {
            feed = UUID.fromString(target).toString();
          } catch (IllegalArgumentException e) {
            throw PlenumException.badMessage("Field 'feed' must be \"speaker\", \"chair\" or a feed id.");
          }
        }
      }
      MediaPeer peer = peerOf.get();
      String chosenSlot = slot;
      return spillFor(room, bridge, peer, slot).compose(spill -> spill == null
          ? peer.subscribe(bridge, room, chosenSlot, feed, feed, thumbnail)
          : relay(room, bridge, spill, feed).compose(remote -> peer.subscribe(spill.bridge, room, chosenSlot, feed, remote, thumbnail)));
    }).recover(MediaErrors::map);
  }

  // ---- MV17: a second bridge once the first holds media.room_max_subscribers subscriptions of the room ----

  /**
   * Where a subscription of {@code peer} goes: null = the room's bridge {@code primary}; else the room's second bridge
   * (cascaded there on first use). A peer stays where its subscriptions already are; a new one goes to the second
   * bridge once the room's subscriptions on {@code primary} reach the limit and another healthy bridge exists.
   */
  private Future<MeetingRoom.Spill> spillFor(MeetingRoom room, Bridge primary, MediaPeer peer, String slot) {
    MeetingRoom.Spill current = room.spill;
    java.util.Optional<Bridge> on = peer.subscribedOn();
    if (on.isPresent() && on.get() == primary) {
      return Future.succeededFuture();
    }
    if (on.isPresent() && current != null && on.get() == current.bridge && current.bridge.healthy()) {
      return current.ready.map(current);
    }
    int onPrimary = 0;
    for (Map.Entry<String, MeetingId> e : peerMeetings.entrySet()) {
      MediaPeer p = e.getValue().equals(room.meeting) ? peers.get(e.getKey()) : null;
      if (p != null) {
        onPrimary += p.subscriptionsOn(primary, p == peer ? slot : null);
      }
    }
    if (onPrimary < config.roomMaxSubscribers()) {
      return Future.succeededFuture();
    }
    return spill(room, primary);
  }

  /** The room's second bridge, cascaded there (every live feed relayed) on first use; null when there is none. */
  private synchronized Future<MeetingRoom.Spill> spill(MeetingRoom room, Bridge primary) {
    MeetingRoom.Spill s = room.spill;
    if (s != null && s.bridge != primary && s.bridge.healthy() && !s.ready.failed()) {
      return s.ready.map(s);
    }
    if (s != null) {
      dropSpill(room, s, primary);
    }
    java.util.Optional<Bridge> other = pool.healthy().stream().filter(b -> b != primary).findFirst();
    if (other.isEmpty()) {
      return Future.succeededFuture();
    }
    MeetingRoom.Spill n = new MeetingRoom.Spill(other.get(), other.get().videoRoom().ensure(room.spec));
    room.spill = n;
    LOG.info("Meeting {}: {} subscriptions on bridge {}, new subscribers go to bridge {} (cascade)", room.meeting,
        config.roomMaxSubscribers(), primary.name(), n.bridge.name());
    n.ready.onSuccess(v -> room.publishers.values().forEach(p -> relay(room, primary, n, p.feedId())));
    return n.ready.map(n);
  }

  /** The remote publisher id of {@code feed} on the second bridge, relaying it there from its origin first if needed. */
  private Future<String> relay(MeetingRoom room, Bridge primary, MeetingRoom.Spill spill, String feed) {
    Future<org.plenum.media.bridge.Cascade.Relayed> r = spill.relayed.compute(feed, (k, old) ->
        old == null || old.failed() ? spill.ready.compose(v -> pool.relay(room.spec, primary, spill.bridge, feed)) : old);
    return r.map(x -> x.target().id()).recover(err -> Future.failedFuture(err instanceof IllegalStateException
        ? PlenumException.notFound("No such video feed in this meeting.") : err));
  }

  /** A feed went live (again): with a second bridge, its old relay (if any) is replaced by a new one. */
  private void relayLive(MeetingRoom room, Bridge primary, String feed) {
    MeetingRoom.Spill spill = room.spill;
    if (spill == null) {
      return;
    }
    Future<org.plenum.media.bridge.Cascade.Relayed> old = spill.relayed.remove(feed);
    Future<Void> cleared = old == null ? Future.succeededFuture()
        : old.compose(x -> pool.unrelay(room.spec, primary, spill.bridge, x)).otherwiseEmpty();
    spill.relayed.put(feed, cleared.compose(v -> spill.ready).compose(v -> pool.relay(room.spec, primary, spill.bridge, feed)));
  }

  /** A feed is gone: its remote publisher on the second bridge goes too. */
  private void relayGone(MeetingRoom room, String feed) {
    MeetingRoom.Spill spill = room.spill;
    Bridge primary = room.bridgeNow().orElse(null);
    if (spill == null) {
      return;
    }
    Future<org.plenum.media.bridge.Cascade.Relayed> old = spill.relayed.remove(feed);
    if (old != null) {
      old.onSuccess(x -> (primary == null ? spill.bridge.videoRoom().removeRemotePublisher(room.id(), room.spec.secret(), x.target().id())
          : pool.unrelay(room.spec, primary, spill.bridge, x))
          .onFailure(err -> LOG.debug("Meeting {}: relay of {} not removed: {}", room.meeting, feed, err.toString())));
    }
  }

  /** Forgets the second bridge: relays ended where possible, peers' sessions there dropped. */
  private void dropSpill(MeetingRoom room, MeetingRoom.Spill s, Bridge primary) {
    if (room.spill == s) {
      room.spill = null;
    }
    s.relayed.forEach((feed, f) -> f.onSuccess(x -> (primary != null && primary.healthy()
        ? pool.unrelay(room.spec, primary, s.bridge, x)
        : s.bridge.videoRoom().removeRemotePublisher(room.id(), room.spec.secret(), x.target().id())).otherwiseEmpty()));
    s.relayed.clear();
    peerMeetings.forEach((conn, m) -> {
      MediaPeer p = m.equals(room.meeting) ? peers.get(conn) : null;
      if (p != null) {
        p.forgetOn(s.bridge);
      }
    });
  }

  public Future<JsonObject> answer(org.plenum.server.core.Connection s, MediaCommands.Answer cmd) {
    if (pool == null) {
      return Future.failedFuture(MediaErrors.unavailable());
    }
    return existingPeer(s).compose(p -> p.answer(cmd.subscriptionId(), cmd.sdp())).map(v -> ack()).recover(MediaErrors::map);
  }

  public Future<JsonObject> candidate(org.plenum.server.core.Connection s, MediaCommands.Candidate cmd) {
    JsonObject c = cmd.isCompleted() ? new JsonObject().put("completed", true)
        : new JsonObject().put("candidate", cmd.candidate()).put("sdpMid", cmd.sdpMid()).put("sdpMLineIndex", cmd.sdpMLineIndex());
    if (pool == null) {
      return Future.failedFuture(MediaErrors.unavailable());
    }
    return existingPeer(s).compose(p -> p.trickle(cmd.subscriptionId(), c)).map(v -> ack()).recover(MediaErrors::map);
  }

  public Future<JsonObject> leave(org.plenum.server.core.Connection s, MediaCommands.Leave cmd) {
    MediaPeer p = peers.get(s.connectionId());
    if (p == null) {
      return Future.succeededFuture(ack());
    }
    if (cmd.subscriptionId() == null) {
      unpublished(s.meeting(), s.actor().accountId(), p);
    }
    return p.leave(cmd.subscriptionId()).map(v -> ack()).recover(MediaErrors::map);
  }

  /**
   * MV6: whether video is available here, who has the floor and which feeds to watch; MV15: the chair and the
   * secretary also get every live feed (the room wall), nobody else does.
   */
  public Future<JsonObject> state(org.plenum.server.core.Connection s) {
    if (pool == null) {
      return Future.succeededFuture(ack().put("available", false));
    }
    boolean wall = s.actor().role().map(Role::runsMeeting).orElse(false);
    return ready(s.meeting()).map(room -> {
      JsonObject state = ack().put("available", true).mergeIn(room.floorData());
      return wall ? state.put("feeds", room.feedsData()) : state;
    }).recover(err -> Future.succeededFuture(ack().put("available", false)));
  }

  // ---- rooms, peers ----

  /** The meeting's room state (who has the floor is read once, then followed); no bridge needed. */
  private Future<MeetingRoom> room(MeetingId meeting) {
    MeetingRoom room = rooms.computeIfAbsent(meeting, m -> new MeetingRoom(m, RoomSpec.of(m.toString(), roomSecret(m))
        .withMaxPublishers(256)));
    return floor.watch(room).map(room);
  }

  /** The room placed on a healthy bridge (created there on first use): MEDIA_UNAVAILABLE when there is none. */
  private Future<MeetingRoom> ready(MeetingId meeting) {
    if (pool == null) {
      return Future.failedFuture(MediaErrors.unavailable());
    }
    return room(meeting).compose(room -> place(room).map(room));
  }

  private synchronized Future<Bridge> place(MeetingRoom room) {
    Future<Bridge> p = room.placement;
    if (p == null || p.failed() || p.succeeded() && !p.result().healthy()) {
      p = pool.place(room.spec);
      room.placement = p;
    }
    return p;
  }

  private MediaPeer peer(org.plenum.server.core.Connection s) {
    return peers.computeIfAbsent(s.connectionId(), id -> {
      MediaPeer p = new MediaPeer(id);
      peerMeetings.put(id, s.meeting());
      UUID account = s.actor().accountId();
      s.onClose(() -> {
        peers.remove(id);
        peerMeetings.remove(id);
        unpublished(s.meeting(), account, p);
        p.leave(null);
      });
      return p;
    });
  }

  /** A peer that is not a meeting socket (a WHIP or WHEP resource): forgotten with its bridge like a socket's. */
  MediaPeer endpointPeer(String id, MeetingId meeting) {
    MediaPeer p = new MediaPeer(id);
    peers.put(id, p);
    peerMeetings.put(id, meeting);
    return p;
  }

  /** Ends an endpoint peer: its publication leaves the room (floor announced when it mattered), its Janus session goes. */
  Future<Void> endEndpointPeer(MediaPeer p, MeetingId meeting, UUID account) {
    peers.remove(p.connectionId());
    peerMeetings.remove(p.connectionId());
    unpublished(meeting, account, p);
    return p.leave(null).recover(MediaErrors::map);
  }

  private Future<MediaPeer> existingPeer(org.plenum.server.core.Connection s) {
    MediaPeer p = peers.get(s.connectionId());
    return p == null ? Future.failedFuture(PlenumException.notFound("Nothing is published or subscribed on this connection."))
        : Future.succeededFuture(p);
  }

  private void unpublished(MeetingId meeting, UUID account, MediaPeer peer) {
    MeetingRoom room = rooms.get(meeting);
    if (room == null || !peer.publishing()) {
      return;
    }
    MeetingRoom.Publisher gone = room.publishers.remove(account);
    if (gone != null) {
      relayGone(room, account.toString());
    }
    if (gone != null && (gone.chair() || account.equals(room.floor))) {
      floor.announceFloor(room);
    }
  }

  // ---- bridge down / up (MV9, MV10) ----

  private void bridgeDown(Bridge bridge) {
    for (MeetingRoom room : rooms.values()) {
      MeetingRoom.Spill spill = room.spill;
      Future<Bridge> p = room.placement;
      if (spill != null && (spill.bridge == bridge || p != null && p.succeeded() && p.result() == bridge)) {
        boolean secondLost = spill.bridge == bridge;
        Bridge primary = p != null && p.succeeded() && p.result() != bridge ? p.result() : null;
        LOG.warn("Meeting {}: cascade to bridge {} ended (bridge {} lost)", room.meeting, spill.bridge.name(), bridge.name());
        synchronized (this) {
          dropSpill(room, spill, primary);
        }
        if (secondLost && primary != null) {
          // MV17: subscribers of the lost second bridge subscribe again (placed anew)
          floor.announceStatus(room, true);
        }
      }
      if (p == null || !p.succeeded() || p.result() != bridge) {
        continue;
      }
      LOG.warn("Meeting {}: video bridge {} lost", room.meeting, bridge.name());
      room.placement = null;
      room.publishers.clear();
      peerMeetings.forEach((conn, m) -> {
        if (m.equals(room.meeting)) {
          MediaPeer peer = peers.get(conn);
          if (peer != null) {
            peer.forget();
          }
        }
      });
      room.unavailable = true;
      floor.announceStatus(room, false).onComplete(r -> replace(room));
    }
  }

  private void bridgeUp() {
    pool.sampleNow().onComplete(r -> rooms.values().stream().filter(room -> room.unavailable).forEach(this::replace));
  }

  /** Places a room that lost its bridge again; on success every client is told to rejoin. */
  private void replace(MeetingRoom room) {
    if (pool.healthy().isEmpty()) {
      return;
    }
    place(room).onSuccess(b -> {
      if (room.unavailable) {
        room.unavailable = false;
        LOG.info("Meeting {}: video room recreated on bridge {}", room.meeting, b.name());
        floor.announceStatus(room, true);
      }
    });
  }

  // ---- helpers ----

  /** The VideoRoom secret of a meeting: derived from the admin secret, so it survives server restarts; never sent. */
  private String roomSecret(MeetingId meeting) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(("plenum-room:" + roomKey).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return java.util.HexFormat.of().formatHex(mac.doFinal(meeting.toString().getBytes(StandardCharsets.UTF_8))).substring(0, 32);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The mids of the audio m-lines of an SDP (what {@code moderate} mutes). */
  static List<String> audioMids(String sdp) {
    List<String> mids = new ArrayList<>();
    boolean audio = false;
    for (String line : sdp.split("\r?\n")) {
      if (line.startsWith("m=")) {
        audio = line.startsWith("m=audio");
      } else if (audio && line.startsWith("a=mid:")) {
        mids.add(line.substring(6).strip());
      }
    }
    return mids;
  }

  private static JsonObject ack() {
    return new JsonObject().put("type", "ack").put("seq", (Long) null);
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.close();
    }
    if (local != null) {
      local.stop();
    }
  }
}
