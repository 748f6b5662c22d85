package org.plenum.server.media;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.plenum.media.bridge.BridgeConfig;
import org.plenum.media.bridge.BridgePool;
import org.plenum.media.bridge.BridgePoolConfig;
import org.plenum.media.janus.JanusProcess;
import org.plenum.server.config.PlenumConfig.MediaConfig;
import org.plenum.server.core.Acks;
import org.plenum.server.core.Connection;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.Role;
import org.plenum.server.core.db.Tx;
import org.plenum.server.core.ledger.Ledger;
import org.plenum.server.speaker.SpeakerQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media plane as the meeting socket sees it (docs/protocol.md §13): starts the {@link BridgePool} (or an
 * autostarted local Janus) and wires its parts — {@link MediaSignalling} (the commands), {@link RoomPlacement}
 * (rooms and bridges), {@link RoomCascade} (second bridge, MV17), {@link BridgeFailover} (loss and return),
 * {@link FloorControl} (the speaker queue drives the floor). Every call hops onto the {@link MediaOwner}, the one
 * context that owns the media state, and answers on the caller's context. Without any bridge every command fails with
 * {@code MEDIA_UNAVAILABLE} at once.
 */
final class MediaService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MediaService.class);

  private final MediaOwner owner;
  private final BridgePool pool;
  private final LocalJanus local;
  private final RoomPlacement placement;
  private final MediaSignalling signalling;
  private final MediaEndpoints endpoints;
  private final FloorControl floor;

  private MediaService(MediaOwner owner, MediaConfig config, BridgePool pool, LocalJanus local, String roomKey, Ledger ledger,
                       SpeakerQueue speakers, Tx reads) {
    this.owner = owner;
    this.pool = pool;
    this.local = local;
    FloorControl floor = new FloorControl(owner, ledger, speakers, reads, config.floorMuteOthers());
    this.floor = floor;
    RoomCascade cascade = new RoomCascade(owner, pool, config.roomMaxSubscribers());
    BridgeFailover[] failover = new BridgeFailover[1];
    this.placement = new RoomPlacement(owner, pool, floor, roomKey, config.roomMaxSubscribers(),
        (room, before) -> failover[0].placed(room, before));
    failover[0] = new BridgeFailover(owner, pool, placement, cascade, floor, config.sampleInterval());
    FloorFollowers followers = new FloorFollowers(owner);
    this.signalling = new MediaSignalling(owner, placement, cascade, floor, followers);
    this.endpoints = new MediaEndpoints(owner, signalling, pool != null);
    floor.onFloor(followers::follow);
    signalling.onPublish(endpoints::publishing);
    owner.vertx().eventBus().<String>consumer(org.plenum.server.room.RoomCredentials.REVOKED_CREDENTIAL_ADDRESS,
        m -> owner.run(() -> endpoints.revokedHere(UUID.fromString(m.body()))));
    if (pool != null) {
      failover[0].listen();
    }
  }

  /** Counts the media plane for {@code /metrics} once a second, on the owner's thread (issue 17). */
  void measure(MediaMetrics metrics) {
    owner.vertx().setPeriodic(1000, t -> owner.run(() -> {
      long publishers = 0;
      long subscriptions = 0;
      for (MeetingRoom room : placement.rooms()) {
        publishers += room.publishers.size();
        for (MediaPeer p : room.peers.values()) {
          subscriptions += p.subscriptionCount();
        }
      }
      metrics.update(pool == null ? 0 : pool.healthy().size(), pool == null ? 0 : pool.bridges().size(), publishers, subscriptions,
          placement.rooms().size());
    }));
  }

  /**
   * Starts the media plane: the configured bridges, else a local Janus when allowed and installed, else none.
   * Never fails: a media plane that cannot start leaves the server without video (and says so in the log).
   * {@code reads}: where the speaker queue is read ({@code Database.auto()}).
   */
  static Future<MediaService> start(Vertx vertx, MediaConfig config, Path dataDir, Ledger ledger, SpeakerQueue speakers, Tx reads) {
    return MediaOwner.start(vertx).compose(owner -> {
      if (!config.bridges().isEmpty()) {
        List<BridgeConfig> bridges = config.bridges().stream().map(b -> new BridgeConfig(b.name(), b.wsUrl(), b.adminUrl(),
            config.apiSecret(), config.adminSecret(), 1.0, Optional.empty())).toList();
        return startPool(owner, config, bridges, null, config.adminSecret(), ledger, speakers, reads);
      }
      if (!config.janusAutostart() || !JanusProcess.installed()) {
        LOG.info("No media bridge configured{}: video is off, media commands answer MEDIA_UNAVAILABLE",
            config.janusAutostart() ? " and no 'janus' on the PATH (Debian: apt-get install janus)" : "");
        return Future.succeededFuture(new MediaService(owner, config, null, null, "", ledger, speakers, reads));
      }
      return LocalJanus.start(vertx, config, dataDir).compose(local -> {
        BridgeConfig b = new BridgeConfig("local", local.process.wsUrl(), local.process.adminUrl(), local.apiSecret, local.adminSecret,
            1.0, Optional.empty());
        return startPool(owner, config, List.of(b), local, local.adminSecret, ledger, speakers, reads);
      }).recover(err -> {
        LOG.warn("Could not start a local Janus ({}): video is off", err.toString());
        return Future.succeededFuture(new MediaService(owner, config, null, null, "", ledger, speakers, reads));
      });
    });
  }

  private static Future<MediaService> startPool(MediaOwner owner, MediaConfig config, List<BridgeConfig> bridges, LocalJanus local,
                                                String roomKey, Ledger ledger, SpeakerQueue speakers, Tx reads) {
    BridgePoolConfig pc = new BridgePoolConfig(bridges, config.sampleInterval(), config.requestTimeout(), 2000);
    return BridgePool.start(owner.vertx(), pc).map(p -> new MediaService(owner, config, p, local, roomKey, ledger, speakers, reads));
  }

  /** WHIP and WHEP resources (MV11–MV14), shared by every HTTP verticle. */
  MediaEndpoints endpoints() {
    return endpoints;
  }

  boolean enabled() {
    return pool != null;
  }

  // ---- commands of a meeting socket (MV1–MV6); each hops onto the owner and answers on the socket's context ----

  /** MV2: the chair, remote rooms and whoever has the floor publish; the answer SDP comes back in the ack. */
  Future<JsonObject> publish(Connection s, MediaCommands.Publish cmd) {
    return publish(client(s), cmd);
  }

  /** {@link #publish(Connection, MediaCommands.Publish)} for a socket of this node or of another one (CL7). */
  Future<JsonObject> publish(MediaSignalling.Client c, MediaCommands.Publish cmd) {
    return owner.call(() -> signalling.publish(c.actor(), c.meeting(), room -> signalling.socketPeer(room, c), cmd.sdp()))
        .map(p -> ack().mergeIn(p));
  }

  /**
   * MV3: everyone in the meeting subscribes to "speaker", "chair" or a feed id; Janus's offer comes back in the ack.
   * MV29–MV31: with {@code follow} the speaker subscription follows the floor by {@code switch}; a switch that fails
   * tells this socket {@code media.resubscribe} and the subscription stops following.
   */
  Future<JsonObject> subscribe(Connection s, MediaCommands.Subscribe cmd) {
    return subscribe(client(s), cmd);
  }

  Future<JsonObject> subscribe(MediaSignalling.Client c, MediaCommands.Subscribe cmd) {
    if (cmd.following()) {
      return owner.call(() -> signalling.follow(c.meeting(), room -> signalling.socketPeer(room, c), c.actor().accountId(),
          cmd.thumbnail(), (subscription, feed, err) -> {
            c.tell().accept(MediaResubscribe.of(subscription, feed, err));
            return false;
          })).map(o -> ack().mergeIn(o));
    }
    return owner.call(() -> signalling.subscribe(c.meeting(), room -> signalling.socketPeer(room, c), cmd.feed(), cmd.thumbnail()))
        .map(o -> ack().mergeIn(o));
  }

  Future<JsonObject> answer(Connection s, MediaCommands.Answer cmd) {
    return answer(client(s), cmd);
  }

  Future<JsonObject> answer(MediaSignalling.Client c, MediaCommands.Answer cmd) {
    if (pool == null) {
      return Future.failedFuture(MediaErrors.unavailable());
    }
    return owner.call(() -> signalling.answer(c, cmd.subscriptionId(), cmd.sdp())).map(v -> ack());
  }

  Future<JsonObject> candidate(Connection s, MediaCommands.Candidate cmd) {
    return candidate(client(s), cmd);
  }

  Future<JsonObject> candidate(MediaSignalling.Client c, MediaCommands.Candidate cmd) {
    JsonObject candidate = cmd.isCompleted() ? new JsonObject().put("completed", true)
        : new JsonObject().put("candidate", cmd.candidate()).put("sdpMid", cmd.sdpMid()).put("sdpMLineIndex", cmd.sdpMLineIndex());
    if (pool == null) {
      return Future.failedFuture(MediaErrors.unavailable());
    }
    return owner.call(() -> signalling.candidate(c, cmd.subscriptionId(), candidate)).map(v -> ack());
  }

  Future<JsonObject> leave(Connection s, MediaCommands.Leave cmd) {
    return leave(client(s), cmd);
  }

  Future<JsonObject> leave(MediaSignalling.Client c, MediaCommands.Leave cmd) {
    return owner.call(() -> signalling.leave(c, cmd.subscriptionId())).map(v -> ack());
  }

  /**
   * MV6: whether video is available here, who has the floor and which feeds to watch; MV15: the chair and the
   * secretary also get every live feed (the room wall), nobody else does.
   */
  Future<JsonObject> state(Connection s) {
    return state(s.meeting(), s.actor());
  }

  Future<JsonObject> state(MeetingId meeting, org.plenum.server.core.Actor actor) {
    if (pool == null) {
      return Future.succeededFuture(ack().put("available", false));
    }
    boolean wall = actor.role().map(Role::runsMeeting).orElse(false);
    return owner.call(() -> signalling.state(meeting, wall)).map(state -> ack().mergeIn(state));
  }

  /**
   * CL9: this node has just become the media owner and {@code meeting} had a room on the one before: the room is made
   * here (who has the floor read from the speaker queue, the room created on a bridge) and a {@code media.status}
   * with {@code rejoin} tells the meeting's clients to publish and subscribe again.
   */
  Future<Void> takeOver(MeetingId meeting) {
    if (pool == null) {
      return Future.succeededFuture();
    }
    return owner.call(() -> placement.ready(meeting).compose(room -> floor.announceStatus(room, true)));
  }

  /** CL8: the floor is followed only while {@code acting} (this node runs the cluster's media plane). */
  void actOnlyWhile(java.util.function.BooleanSupplier acting) {
    owner.run(() -> floor.actOnlyWhile(acting));
  }

  /** The media owner's context (the relay's consumers run on it). */
  MediaOwner owner() {
    return owner;
  }

  /** What the meeting's room holds now (checks, diagnostics); empty when the meeting has no room on this node. */
  Future<Optional<RoomReport>> report(MeetingId meeting) {
    return owner.call(() -> Future.succeededFuture(placement.find(meeting).map(RoomReport::of)));
  }

  /** A socket as signalling sees it; its close hook is registered, and its per-socket events sent, on its own context. */
  private static MediaSignalling.Client client(Connection s) {
    Context socketContext = Vertx.currentContext();
    java.util.function.Consumer<Runnable> onSocket = run -> {
      if (socketContext == null) {
        run.run();
      } else {
        socketContext.runOnContext(v -> run.run());
      }
    };
    return new MediaSignalling.Client(s.connectionId(), s.meeting(), s.actor(), hook -> onSocket.accept(() -> s.onClose(hook)),
        event -> onSocket.accept(() -> s.tell(event)));
  }

  /** The mids of the audio m-lines of an SDP (what {@code moderate} mutes); see {@link SdpLines}. */
  static List<String> audioMids(String sdp) {
    return SdpLines.audioMids(sdp);
  }

  /** Media commands write nothing to the ledger: their acks carry no seq. */
  private static JsonObject ack() {
    return Acks.ack(null);
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
