package org.plenum.server.media;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.plenum.server.auth.AccountId;
import org.plenum.server.core.Actor;
import org.plenum.server.core.Connection;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.Role;
import org.plenum.server.core.cluster.Ownership;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.room.CredentialKind;
import org.plenum.server.room.RoomGrant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One media plane per cluster (protocol CL7–CL10, decision D44): the node that holds the duty {@link MediaFeature#MEDIA}
 * runs the rooms, the floor control and the Janus sessions of every meeting; on every other node a socket's
 * {@code media.*} command travels over the clustered event bus to the owner (request/reply) and its ack or typed error
 * comes back as if the command had run here. A socket's close follows (its Janus peers end on the owner); WHIP/WHEP
 * calls travel the same way once this node has checked their room credential (CL10). When this node becomes the owner
 * it takes over the meetings that had a room on the one before (CL9).
 *
 * <p>Known limit: a node killed without closing its sockets sends no close; their peers on the owner end when Janus
 * sees their WebRTC connections go (publications) or with the meeting's next rejoin.
 *
 * <p>Single-node mode (Vert.x not clustered): everything runs here and this class only passes commands through.
 */
final class MediaRelay {
  private static final Logger LOG = LoggerFactory.getLogger(MediaRelay.class);
  /** The owner's consumer of forwarded commands (registered only while this node owns {@code media}). */
  static final String COMMANDS = "plenum.media.commands";
  /** A forwarded socket closed on its node: its peer ends on the owner. */
  static final String CLOSED = "plenum.media.closed";
  /** MV31 across nodes: a per-socket event ({@code media.resubscribe}) for a forwarded socket, published to its node. */
  static final String TOLD = "plenum.media.told";
  /** Cluster-wide map of the meetings that have a room on the owner (meeting → owner node), read on takeover. */
  static final String MEETINGS = "plenum.media.meetings";
  /** How often this node checks whether it gained or lost the duty. */
  private static final long CHECK_MS = 250;

  private final Vertx vertx;
  private final MediaService media;
  private final Ownership ownership;
  private final MediaStore store;
  private final DeliveryOptions hop;
  private final boolean clustered;
  /** Sockets of this node whose close is forwarded to the owner (any context). */
  private final Set<String> watched = ConcurrentHashMap.newKeySet();
  /** Sockets of this node whose commands were forwarded: how to tell each a per-socket event (MV31), on its context. */
  private final Map<String, java.util.function.Consumer<MediaResubscribe>> tells = new ConcurrentHashMap<>();
  private MessageConsumer<JsonObject> told;
  /** On the owner's context: the close hooks of other nodes' sockets, by connection id. */
  private final Map<String, List<Runnable>> remoteCloses = new HashMap<>();
  /** On the owner's context: meetings already written to {@link #MEETINGS} by this node. */
  private final Set<MeetingId> known = new HashSet<>();
  private MessageConsumer<JsonObject> commands;
  private MessageConsumer<JsonObject> closes;
  private long timer = -1;

  /** {@code timeout}: how long a forwarded command waits for the owner (the bridge's request timeout and a margin). */
  MediaRelay(Vertx vertx, MediaService media, Ownership ownership, MediaStore store, Duration timeout) {
    this.vertx = vertx;
    this.media = media;
    this.ownership = ownership;
    this.store = store;
    this.hop = new DeliveryOptions().setSendTimeout(timeout.toMillis());
    this.clustered = vertx.isClustered();
  }

  /** Starts following the duty (clustered mode only). */
  void start() {
    if (clustered) {
      told = vertx.eventBus().consumer(TOLD, m -> {
        JsonObject d = m.body();
        java.util.function.Consumer<MediaResubscribe> t = tells.get(d.getString("connectionId"));
        if (t != null) {
          t.accept(new MediaResubscribe(d.getString("subscriptionId"), d.getString("feedId"), d.getString("code"), d.getString("message")));
        }
      });
      media.actOnlyWhile(this::local);
      timer = vertx.setPeriodic(CHECK_MS, t -> media.owner().run(this::check));
      media.owner().run(this::check);
    }
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    if (told != null) {
      told.unregister();
    }
  }

  private boolean local() {
    return !clustered || ownership.owns(MediaFeature.MEDIA);
  }

  // ---- the socket's node ----

  /**
   * CL7: runs {@code op} here when this node runs the media plane, else forwards it to the owner; either way the
   * answer is the ack or the typed error the command would have had on one node ({@code MEDIA_UNAVAILABLE} when no
   * node owns media or the owner does not answer in time).
   */
  Future<JsonObject> route(Connection s, String op, JsonObject fields, Supplier<Future<JsonObject>> here) {
    if (local()) {
      return remembered(s.meeting(), here.get());
    }
    String id = s.connectionId();
    if (watched.add(id)) {
      io.vertx.core.Context socketContext = Vertx.currentContext();
      tells.put(id, e -> {
        if (socketContext == null) {
          s.tell(e);
        } else {
          socketContext.runOnContext(v -> s.tell(e));
        }
      });
      s.onClose(() -> {
        watched.remove(id);
        tells.remove(id);
        vertx.eventBus().send(CLOSED, new JsonObject().put("connectionId", id));
      });
    }
    return forward(new JsonObject().put("op", op).put("connectionId", id).put("meeting", s.meeting().toString())
        .put("actor", actorJson(s.actor())).put("fields", fields));
  }

  /** One request to the owner: its ack (or result), else the typed error it answered or {@code MEDIA_UNAVAILABLE}. */
  private Future<JsonObject> forward(JsonObject request) {
    return vertx.eventBus().<JsonObject>request(COMMANDS, request, hop)
        .recover(err -> {
          LOG.debug("media request '{}' not answered by an owner: {}", request.getString("op"), err.toString());
          return Future.failedFuture(MediaErrors.unavailable());
        })
        .compose(reply -> answer(reply.body()));
  }

  /**
   * CL10: the WHIP/WHEP calls of this node's routes, run by {@code here} while this node runs the media plane, else
   * forwarded to the owner like socket commands; the routes render the result or the error as on one node (§13.1).
   */
  Endpoints endpoints(Endpoints here) {
    return new Endpoints() {
      @Override
      public Future<MediaEndpoints.Created> ingest(RoomGrant grant, String offerSdp) {
        return local() ? remembered(grant.meetingId(), here.ingest(grant, offerSdp))
            : forward(endpointRequest("whip.ingest", grant).put("sdp", offerSdp)).map(MediaRelay::created);
      }

      @Override
      public Future<MediaEndpoints.Created> egress(RoomGrant grant) {
        return local() ? remembered(grant.meetingId(), here.egress(grant))
            : forward(endpointRequest("whep.egress", grant)).map(MediaRelay::created);
      }

      @Override
      public Future<Void> answer(RoomGrant grant, String id, String ifMatch, String answerSdp) {
        return local() ? here.answer(grant, id, ifMatch, answerSdp)
            : forward(endpointRequest("endpoint.answer", grant).put("id", id).put("ifMatch", ifMatch).put("sdp", answerSdp)).mapEmpty();
      }

      @Override
      public Future<Void> trickle(RoomGrant grant, String id, String ifMatch, String sdpFrag) {
        return local() ? here.trickle(grant, id, ifMatch, sdpFrag)
            : forward(endpointRequest("endpoint.trickle", grant).put("id", id).put("ifMatch", ifMatch).put("sdp", sdpFrag)).mapEmpty();
      }

      @Override
      public Future<Void> end(RoomGrant grant, String id) {
        return local() ? here.end(grant, id) : forward(endpointRequest("endpoint.end", grant).put("id", id)).mapEmpty();
      }
    };
  }

  private static JsonObject endpointRequest(String op, RoomGrant g) {
    return new JsonObject().put("op", op).put("meeting", g.meetingId().toString()).put("grant", new JsonObject()
        .put("roomAccountId", g.roomAccountId().value().toString()).put("roomCode", g.roomCode()).put("roomName", g.roomName())
        .put("credentialId", g.credentialId().toString()).put("kind", g.kind().name()));
  }

  private static RoomGrant grant(MeetingId meeting, JsonObject g) {
    return new RoomGrant(meeting, new AccountId(UUID.fromString(g.getString("roomAccountId"))), g.getString("roomCode"),
        g.getString("roomName"), UUID.fromString(g.getString("credentialId")), CredentialKind.valueOf(g.getString("kind")));
  }

  private static MediaEndpoints.Created created(JsonObject j) {
    return new MediaEndpoints.Created(j.getString("id"), j.getString("sdp"), j.getString("etag"));
  }

  private static JsonObject createdJson(MediaEndpoints.Created c) {
    return new JsonObject().put("id", c.id()).put("sdp", c.sdp()).put("etag", c.etag());
  }

  private static Future<JsonObject> answer(JsonObject reply) {
    JsonObject error = reply.getJsonObject("error");
    if (error == null) {
      return Future.succeededFuture(reply.getJsonObject("ack"));
    }
    String code = error.getString("code");
    if (code == null) {   // not an expected failure: the local path would have failed the same way (INTERNAL)
      return Future.failedFuture(new IllegalStateException("The media owner failed: " + error.getString("message")));
    }
    return Future.failedFuture(new PlenumException(ErrorCode.valueOf(code), error.getString("message")));
  }

  // ---- the owner ----

  /** On the owner's context: registers or drops the owner's consumers as the duty comes and goes. */
  private void check() {
    boolean owns = ownership.owns(MediaFeature.MEDIA);
    if (owns && commands == null) {
      commands = vertx.eventBus().consumer(COMMANDS, this::onCommand);
      closes = vertx.eventBus().consumer(CLOSED, m -> onClosed(m.body().getString("connectionId")));
      takeOver();
    } else if (!owns && commands != null) {
      LOG.warn("This node no longer runs the media plane: media commands go to the new owner");
      commands.unregister();
      closes.unregister();
      commands = null;
      closes = null;
      known.clear();
    }
  }

  /**
   * CL9: every meeting that had a room on the previous owner gets its room here and a {@code media.status} rejoin. Which
   * meetings: those in the cluster-wide map (fast, but a SIGKILLed member may take its entries along) and every open
   * meeting whose ledger has a media event (durable).
   */
  private void takeOver() {
    String node = ownership.node();
    Future<Map<String, String>> hinted = vertx.sharedData().<String, String>getAsyncMap(MEETINGS).compose(map -> map.entries())
        .recover(err -> {
          LOG.warn("Could not read the meetings of the previous media owner: {}", err.toString());
          return Future.succeededFuture(Map.of());
        });
    Future<List<MeetingId>> durable = store.meetingsWithVideo().recover(err -> {
      LOG.warn("Could not read the meetings with video from the database: {}", err.toString());
      return Future.succeededFuture(List.of());
    });
    Future.all(hinted, durable).onComplete(done -> media.owner().run(() -> {
      Map<MeetingId, String> from = new java.util.LinkedHashMap<>();
      hinted.result().forEach((meeting, holder) -> {
        if (!node.equals(holder)) {
          from.put(MeetingId.parse(meeting), holder);
        }
      });
      durable.result().forEach(m -> from.putIfAbsent(m, "the ledger"));
      from.forEach((id, holder) -> {
        if (!known.add(id)) {
          return;
        }
        LOG.info("Media owner {} takes over meeting {} from {}", node, id, holder);
        write(id);
        media.takeOver(id).onFailure(err -> LOG.warn("Meeting {}: media takeover failed: {}", id, err.toString()));
      });
    }));
  }

  private <T> Future<T> remembered(MeetingId meeting, Future<T> f) {
    if (clustered) {
      media.owner().run(() -> {
        if (known.add(meeting)) {
          write(meeting);
        }
      });
    }
    return f;
  }

  private void write(MeetingId meeting) {
    vertx.sharedData().<String, String>getAsyncMap(MEETINGS).compose(map -> map.put(meeting.toString(), ownership.node()))
        .onFailure(err -> LOG.warn("Could not record meeting {} as a media meeting: {}", meeting, err.toString()));
  }

  /** On the owner's context: a command forwarded from another node, answered with its ack or its error. */
  private void onCommand(Message<JsonObject> msg) {
    JsonObject req = msg.body();
    Future<JsonObject> done;
    try {
      done = run(req);
    } catch (RuntimeException e) {
      done = Future.failedFuture(e);
    }
    done.onComplete(r -> msg.reply(r.succeeded() ? new JsonObject().put("ack", r.result()) : errorJson(r.cause())));
  }

  private Future<JsonObject> run(JsonObject req) {
    MeetingId meeting = MeetingId.parse(req.getString("meeting"));
    if (req.containsKey("grant")) {
      return remembered(meeting, endpoint(req, grant(meeting, req.getJsonObject("grant"))));
    }
    String connectionId = req.getString("connectionId");
    Actor actor = actor(req.getJsonObject("actor"));
    JsonObject f = req.getJsonObject("fields", new JsonObject());
    MediaSignalling.Client c = new MediaSignalling.Client(connectionId, meeting, actor,
        hook -> remoteCloses.computeIfAbsent(connectionId, k -> new ArrayList<>()).add(hook), event -> tellRemote(connectionId, event));
    Future<JsonObject> out = switch (req.getString("op")) {
      case "publish" -> media.publish(c, new MediaCommands.Publish(f.getString("sdp")));
      case "subscribe" -> media.subscribe(c, new MediaCommands.Subscribe(f.getString("feed"), f.getString("quality"), f.getBoolean("follow")));
      case "answer" -> media.answer(c, new MediaCommands.Answer(f.getString("subscriptionId"), f.getString("sdp")));
      case "candidate" -> media.candidate(c, new MediaCommands.Candidate(f.getString("subscriptionId"), f.getString("candidate"),
          f.getString("sdpMid"), f.getInteger("sdpMLineIndex"), f.getBoolean("completed")));
      case "leave" -> media.leave(c, new MediaCommands.Leave(f.getString("subscriptionId")));
      case "state" -> media.state(meeting, actor);
      default -> Future.failedFuture(PlenumException.badMessage("Unknown media command."));
    };
    return remembered(meeting, out);
  }

  /** On the owner: a per-socket event for a socket of another node goes to that node (MV31 across nodes). */
  private void tellRemote(String connectionId, org.plenum.server.core.DomainEvent event) {
    if (event instanceof MediaResubscribe r) {
      vertx.eventBus().publish(TOLD, new JsonObject().put("connectionId", connectionId).put("subscriptionId", r.subscriptionId())
          .put("feedId", r.feedId()).put("code", r.code()).put("message", r.message()));
    } else {
      LOG.warn("Cannot tell socket {} of another node a '{}'", connectionId, event.type());
    }
  }

  /** On the owner: a WHIP/WHEP call forwarded from another node (CL10). */
  private Future<JsonObject> endpoint(JsonObject req, RoomGrant g) {
    MediaEndpoints here = media.endpoints();
    String id = req.getString("id");
    return switch (req.getString("op")) {
      case "whip.ingest" -> here.ingest(g, req.getString("sdp")).map(MediaRelay::createdJson);
      case "whep.egress" -> here.egress(g).map(MediaRelay::createdJson);
      case "endpoint.answer" -> here.answer(g, id, req.getString("ifMatch"), req.getString("sdp")).map(new JsonObject());
      case "endpoint.trickle" -> here.trickle(g, id, req.getString("ifMatch"), req.getString("sdp")).map(new JsonObject());
      case "endpoint.end" -> here.end(g, id).map(new JsonObject());
      default -> Future.failedFuture(PlenumException.badMessage("Unknown media request."));
    };
  }

  private void onClosed(String connectionId) {
    List<Runnable> hooks = remoteCloses.remove(connectionId);
    if (hooks != null) {
      hooks.forEach(Runnable::run);
    }
  }

  private static JsonObject errorJson(Throwable err) {
    Throwable e = MediaErrors.toPlenum(err);
    if (e instanceof PlenumException p) {
      return new JsonObject().put("error", new JsonObject().put("code", p.code().name()).put("message", p.getMessage()));
    }
    LOG.warn("A forwarded media command failed", e);
    return new JsonObject().put("error", new JsonObject().put("message", String.valueOf(e.getMessage())));
  }

  private static JsonObject actorJson(Actor a) {
    return new JsonObject().put("accountId", a.accountId().toString()).put("displayName", a.displayName())
        .put("role", a.role().map(Role::name).orElse(null)).put("admin", a.admin());
  }

  private static Actor actor(JsonObject j) {
    return new Actor(UUID.fromString(j.getString("accountId")), j.getString("displayName"),
        Optional.ofNullable(j.getString("role")).map(Role::valueOf), j.getBoolean("admin", false));
  }
}
