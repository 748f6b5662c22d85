package org.plenum.media.agent;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RoomAgent} joined to a Plenum meeting as a remote room, over the meeting WebSocket (docs/protocol.md
 * §13): signs in over REST, takes a ticket, resumes, publishes its synthetic camera ({@code media.publish}) and
 * watches the speaker with {@code media.subscribe {feed: "speaker", follow: true}} (MV29): the server moves that
 * subscription with the floor by VideoRoom {@code switch}, the agent keeps its peer session and subscribes again only
 * when told {@code media.resubscribe} (MV31). {@link #following(boolean) following(false)} is the older path for
 * comparison: a new subscription on every {@code media.floor} naming another feed (MV8). On {@code media.status} with
 * {@code rejoin} it publishes and subscribes again (MV10). Its own candidates go out after the ack of the command that
 * created the handle.
 */
public final class PlenumLink implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PlenumLink.class);

  private final Vertx vertx;
  private final RoomAgent agent;
  private final HttpClient http;
  private final WebSocketClient wsClient;
  private final AtomicLong requests = new AtomicLong();
  private final Map<String, Promise<JsonObject>> pending = new ConcurrentHashMap<>();
  private final List<Consumer<JsonObject>> eventListeners = new CopyOnWriteArrayList<>();
  private final List<JsonObject> errors = new CopyOnWriteArrayList<>();
  private WebSocket ws;
  private volatile String feedId;
  private volatile String watchedFeed;
  private volatile boolean watchSpeaker;
  private volatile String meetingId;
  private volatile boolean follow = true;
  /** The following subscription (MV29): null before the first and after a {@code media.resubscribe}, "" while one is made. */
  private volatile String followingSubscription;
  private final java.util.concurrent.atomic.AtomicInteger subscriptions = new java.util.concurrent.atomic.AtomicInteger();

  private PlenumLink(Vertx vertx, RoomAgent agent) {
    this.vertx = vertx;
    this.agent = agent;
    this.http = vertx.createHttpClient(new HttpClientOptions());
    this.wsClient = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxMessageSize(4 * 1024 * 1024)
        .setMaxFrameSize(1024 * 1024));
  }

  /** Signs in as {@code user} at {@code server} (e.g. http://127.0.0.1:8080) and opens the meeting socket, resumed. */
  public static Future<PlenumLink> connect(Vertx vertx, RoomAgent agent, String server, String meeting, String user, String password) {
    PlenumLink link = new PlenumLink(vertx, agent);
    URI base = URI.create(server.endsWith("/") ? server : server + "/");
    return link.post(base, "api/auth/login", null, new JsonObject().put("username", user).put("password", password))
        .map(r -> r.getString("accessToken"))
        .compose(token -> link.post(base, "api/meetings/" + meeting + "/ws-ticket", token, null))
        .compose(t -> link.open(base, meeting, t.getString("ticket")))
        .compose(v -> link.command("session.resume", new JsonObject().putNull("lastSeq")))
        .map(link);
  }

  /**
   * Joins with a room's kiosk link ({@code https://host/kiosk.html#token=SECRET}, issued by the chair as a KIOSK
   * credential): exchanges the secret at {@code POST /api/auth/kiosk} for a short access token and the meeting id, then
   * opens the meeting socket like {@link #connect}. Completes with the link; {@link #meetingId()} says where it joined.
   */
  public static Future<PlenumLink> connectKiosk(Vertx vertx, RoomAgent agent, String kioskLink) {
    URI uri = URI.create(kioskLink);
    String fragment = uri.getRawFragment() == null ? "" : uri.getRawFragment();
    String token = null;
    for (String part : fragment.split("&")) {
      if (part.startsWith("token=")) {
        token = java.net.URLDecoder.decode(part.substring(6), java.nio.charset.StandardCharsets.UTF_8);
      }
    }
    if (token == null || token.isEmpty()) {
      return Future.failedFuture(new IllegalArgumentException("the kiosk link has no #token=…: " + uri.getScheme() + "://" + uri.getAuthority()
          + uri.getPath()));
    }
    PlenumLink link = new PlenumLink(vertx, agent);
    URI base = URI.create(uri.getScheme() + "://" + uri.getAuthority() + "/");
    return link.post(base, "api/auth/kiosk", null, new JsonObject().put("token", token)).compose(r -> {
      link.meetingId = r.getString("meetingId");
      return link.post(base, "api/meetings/" + link.meetingId + "/ws-ticket", r.getString("accessToken"), null);
    })
        .compose(t -> link.open(base, link.meetingId, t.getString("ticket")))
        .compose(v -> link.command("session.resume", new JsonObject().putNull("lastSeq")))
        .map(link);
  }

  /** The meeting this link joined (set by {@link #connectKiosk}; null after {@link #connect}, whose caller knows it). */
  public String meetingId() {
    return meetingId;
  }

  /** Frames and other server frames that are not answers (events), as they arrive. */
  public void onEvent(Consumer<JsonObject> listener) {
    eventListeners.add(listener);
  }

  /** Error replies seen so far (commands the link sent on its own, e.g. re-subscriptions). */
  public List<JsonObject> errors() {
    return List.copyOf(errors);
  }

  public String feedId() {
    return feedId;
  }

  public String watchedFeed() {
    return watchedFeed;
  }

  /**
   * {@code true} (the default): watch the speaker with one following subscription (MV29); {@code false}: subscribe
   * again on every floor change (MV8). Set before {@link #watchSpeaker}.
   */
  public PlenumLink following(boolean follow) {
    this.follow = follow;
    return this;
  }

  /** How many {@code media.subscribe} for the speaker this link sent (a following one stays one across floor changes). */
  public int speakerSubscriptions() {
    return subscriptions.get();
  }

  /** Sends a command; completes with its ack, or fails with {@link CommandFailed} carrying the error frame. */
  public Future<JsonObject> command(String type, JsonObject fields) {
    String id = "a" + requests.incrementAndGet();
    JsonObject msg = (fields == null ? new JsonObject() : fields.copy()).put("type", type).put("requestId", id);
    Promise<JsonObject> p = Promise.promise();
    pending.put(id, p);
    WebSocket socket = ws;
    if (socket == null) {
      pending.remove(id);
      return Future.failedFuture(new IllegalStateException("not connected"));
    }
    socket.writeTextMessage(msg.encode()).onFailure(err -> {
      Promise<JsonObject> q = pending.remove(id);
      if (q != null) {
        q.tryFail(err);
      }
    });
    long timer = vertx.setTimer(20_000, t -> {
      Promise<JsonObject> q = pending.remove(id);
      if (q != null) {
        q.tryFail(new IllegalStateException(type + ": no answer within 20 s"));
      }
    });
    return p.future().andThen(r -> vertx.cancelTimer(timer));
  }

  /** An error reply to a command. */
  public static final class CommandFailed extends RuntimeException {
    private final JsonObject frame;

    CommandFailed(JsonObject frame) {
      super(frame.getString("code") + ": " + frame.getString("message"), null, false, false);
      this.frame = frame;
    }

    public String code() {
      return frame.getString("code");
    }
  }

  /** Publishes the agent's synthetic camera; completes once the bridge's answer is applied. */
  public Future<String> publish() {
    PeerSession session = agent.newSession("publish-" + requests.get());
    agent.publishOn(session);
    List<SignalMessage.Candidate> early = new CopyOnWriteArrayList<>();
    Promise<Void> acked = Promise.promise();
    session.onLocalCandidate(c -> {
      if (acked.future().isComplete()) {
        sendCandidate(null, c);
      } else {
        early.add(c);
      }
    });
    return session.createOffer()
        .compose(offer -> command("media.publish", new JsonObject().put("sdp", offer)))
        .compose(ack -> {
          feedId = ack.getString("feedId");
          return session.applyAnswer(ack.getString("sdp")).map(v -> ack.getString("feedId"));
        })
        .onComplete(r -> {
          acked.tryComplete();
          early.forEach(c -> sendCandidate(null, c));
        });
  }

  /** Watches the speaker from now on: subscribes now if someone with video has the floor, and on each floor change. */
  public Future<Void> watchSpeaker() {
    watchSpeaker = true;
    return command("media.state", null).compose(state -> {
      String speaker = state.getString("speakerFeedId");
      return speaker == null || speaker.equals(feedId) ? Future.succeededFuture() : subscribeSpeaker();
    });
  }

  /** {@code media.subscribe "speaker"} (following the floor unless {@code following(false)}), answered on a new peer session. */
  public Future<Void> subscribeSpeaker() {
    subscriptions.incrementAndGet();
    JsonObject fields = new JsonObject().put("feed", "speaker");
    if (follow) {
      fields.put("follow", true);
      followingSubscription = "";   // under way: a media.floor meanwhile is the server's to follow, not a new subscription
    }
    return command("media.subscribe", fields).onFailure(err -> {
      if ("".equals(followingSubscription)) {
        followingSubscription = null;
      }
    }).compose(ack -> {
      String sub = ack.getString("subscriptionId");
      watchedFeed = ack.getString("feedId");
      if (follow) {
        followingSubscription = sub;
      }
      PeerSession session = agent.newSession(sub);
      session.onLocalCandidate(c -> sendCandidate(sub, c));
      return session.answer(ack.getString("sdp"))
          .compose(answer -> command("media.answer", new JsonObject().put("subscriptionId", sub).put("sdp", answer)))
          .mapEmpty();
    });
  }

  private void sendCandidate(String subscriptionId, SignalMessage.Candidate c) {
    JsonObject fields = new JsonObject().put("candidate", c.candidate()).put("sdpMid", c.mid()).put("sdpMLineIndex", c.mLineIndex());
    if (subscriptionId != null) {
      fields.put("subscriptionId", subscriptionId);
    }
    command("media.candidate", fields).onFailure(err -> LOG.debug("candidate refused: {}", err.toString()));
  }

  private void onFrame(JsonObject frame) {
    String type = frame.getString("type", "");
    String requestId = frame.getString("requestId");
    if (requestId != null && (type.equals("ack") || type.equals("error") || type.equals("pong"))) {
      Promise<JsonObject> p = pending.remove(requestId);
      if (p != null) {
        if (type.equals("error")) {
          errors.add(frame);
          p.fail(new CommandFailed(frame));
        } else {
          p.complete(frame);
        }
      }
      return;
    }
    eventListeners.forEach(l -> l.accept(frame));
    JsonObject data = frame.getJsonObject("data");
    if (type.equals("media.floor") && watchSpeaker && data != null) {
      String speaker = data.getString("speakerFeedId");
      if (follow && followingSubscription != null) {
        followed(speaker, data.getString("chairFeedId"));
      } else if (speaker != null && !speaker.equals(watchedFeed) && !speaker.equals(feedId)) {
        subscribeSpeaker().onFailure(err -> LOG.warn("{}: could not watch the new speaker: {}", agent.config().name(), err.toString()));
      }
    } else if (type.equals("media.resubscribe") && watchSpeaker && data != null
        && data.getString("subscriptionId", "").equals(followingSubscription)) {
      LOG.info("{}: the server could not switch the speaker view ({}); subscribing again", agent.config().name(), data.getString("code"));
      followingSubscription = null;
      // at once (no media.state first): a media.floor arriving meanwhile must not start a second subscription
      subscribeSpeaker().onFailure(err -> LOG.warn("{}: could not watch the speaker again: {}", agent.config().name(), err.toString()));
    } else if (type.equals("media.status") && data != null && data.getBoolean("rejoin", false)) {
      LOG.info("{}: video bridge back, rejoining", agent.config().name());
      watchedFeed = null;
      followingSubscription = null;
      Future<?> again = feedId != null ? publish() : Future.succeededFuture();
      again.compose(v -> watchSpeaker ? watchSpeaker() : Future.succeededFuture())
          .onFailure(err -> LOG.warn("{}: rejoin failed: {}", agent.config().name(), err.toString()));
    }
  }

  /** MV29, MV30: what the server switched the following subscription to: the speaker's feed, else the hall's, never our own. */
  private void followed(String speaker, String chair) {
    if (speaker != null && !speaker.equals(feedId)) {
      watchedFeed = speaker;
    } else if (chair != null && !chair.equals(feedId)) {
      watchedFeed = chair;
    }
  }

  private Future<JsonObject> post(URI base, String path, String token, JsonObject body) {
    URI u = base.resolve(path);
    RequestOptions o = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(u.toString())
        .putHeader("content-type", "application/json");
    if (token != null) {
      o.putHeader("authorization", "Bearer " + token);
    }
    return http.request(o).compose(req -> req.send(body == null ? Buffer.buffer("{}") : body.toBuffer()))
        .compose(resp -> resp.body().compose(b -> resp.statusCode() / 100 == 2 ? Future.succeededFuture(b.toJsonObject())
            : Future.failedFuture(new IllegalStateException("POST " + path + ": HTTP " + resp.statusCode() + " " + b))));
  }

  private Future<Void> open(URI base, String meeting, String ticket) {
    String wsUri = base.resolve("ws/meetings/" + meeting + "?ticket=" + ticket).toString().replaceFirst("^http", "ws");
    Promise<Void> hello = Promise.promise();
    return wsClient.connect(new WebSocketConnectOptions().setAbsoluteURI(wsUri)).compose(socket -> {
      ws = socket;
      socket.textMessageHandler(text -> {
        JsonObject frame = new JsonObject(text);
        if ("hello".equals(frame.getString("type"))) {
          hello.tryComplete();
        } else {
          onFrame(frame);
        }
      });
      socket.closeHandler(v -> LOG.info("{}: meeting socket closed ({})", agent.config().name(), socket.closeStatusCode()));
      return hello.future();
    });
  }

  @Override
  public void close() {
    WebSocket socket = ws;
    ws = null;
    if (socket != null) {
      socket.close();
    }
    http.close();
    wsClient.close();
  }
}
