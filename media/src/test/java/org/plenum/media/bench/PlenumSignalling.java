package org.plenum.media.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.plenum.media.agent.PeerSession;
import org.plenum.media.agent.RoomAgent;
import org.plenum.media.agent.SignalMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RoomSignalling} through the Plenum server (docs/protocol.md §12, §13), the way remote rooms use it.
 *
 * <p>Setup (not measured, {@link #open}): the administrator signs in; the demo meeting gets the bench's rooms by CSV
 * import ({@code POST /api/meetings/{id}/rooms/import}, one ROOM account per row, REMOTE_ROOM participants); the
 * chair signs in, opens its meeting socket and issues one KIOSK credential per room.
 *
 * <p>Join (measured): the room exchanges its KIOSK secret for an access token ({@code POST /api/auth/kiosk}), takes a
 * WebSocket ticket, opens the meeting socket, {@code session.resume} and {@code media.state}. Publish:
 * {@code media.publish} with the offer, the ack's answer applied, candidates trickled after the ack
 * ({@code media.candidate}). Watching the speaker: {@code media.subscribe "speaker"}, the bridge's offer answered with
 * {@code media.answer}. With {@code follow} (the default, MV29) the subscription is made once with
 * {@code follow: true} and the server switches it on every floor change; the room subscribes again only when told
 * {@code media.resubscribe} (MV31), as {@code PlenumLink} does. Without, on every {@code media.floor} naming another
 * feed the room subscribes again on a new peer session of its agent (MV8). Floor: the chair's {@code speaker.add} for the room
 * ({@link #prepareFloor}, before the clock starts) and {@code speaker.grant} of that entry ({@link #grantFloor}).
 */
final class PlenumSignalling implements RoomSignalling {
  private static final Logger LOG = LoggerFactory.getLogger(PlenumSignalling.class);

  private final Vertx vertx;
  private final String base;
  private final String meeting;
  private final HttpClient http;
  private final WebSocketClient wsClient;
  private final Socket chair;
  private final Map<String, String> kioskSecrets;
  private final Map<String, String> roomAccounts;
  private final Map<String, String> pendingEntries = new ConcurrentHashMap<>();
  private final List<Link> links = new CopyOnWriteArrayList<>();
  /** Where the time goes (ms): join steps per room; floor steps per watcher, from the grant sent. */
  private final Map<String, org.HdrHistogram.Histogram> steps = new java.util.concurrent.ConcurrentSkipListMap<>();
  private volatile long grantSentNanos;
  private final boolean follow;

  private PlenumSignalling(Vertx vertx, String base, String meeting, HttpClient http, WebSocketClient wsClient, Socket chair,
                           Map<String, String> kioskSecrets, Map<String, String> roomAccounts, boolean follow) {
    this.follow = follow;
    this.vertx = vertx;
    this.base = base;
    this.meeting = meeting;
    this.http = http;
    this.wsClient = wsClient;
    this.chair = chair;
    this.kioskSecrets = kioskSecrets;
    this.roomAccounts = roomAccounts;
  }

  /** Imports {@code roomCodes} into the demo meeting of the server at {@code base}, issues their KIOSK links, connects the chair. */
  static Future<PlenumSignalling> open(Vertx vertx, String base, String password, List<String> roomCodes, boolean follow) {
    // -Dplenum.bench.http_pool=N: HTTP/1.1 connections of the rooms' REST calls (kiosk exchange, ticket), 32 by
    // default as in earlier runs; remote rooms are separate browsers, so the number of rooms is the faithful value
    HttpClient http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(Integer.getInteger("plenum.bench.http_pool", 32)).setMaxWaitQueueSize(-1));
    WebSocketClient ws = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(roomCodes.size() + 64)
        .setMaxFrameSize(1 << 20).setMaxMessageSize(8 << 20).setConnectTimeout(60_000));
    StringBuilder csv = new StringBuilder("code,name,district\r\n");
    roomCodes.forEach(c -> csv.append(c).append(",Bench ").append(c).append(",Bench\r\n"));
    Map<String, String> secrets = new ConcurrentHashMap<>();
    Map<String, String> accounts = new HashMap<>();
    return post(http, base, "/api/auth/login", null, new JsonObject().put("username", "admin").put("password", password))
        .compose(a -> {
          String admin = a.getString("accessToken");
          return call(http, base, HttpMethod.GET, "/api/meetings", admin, null, null)
              .map(m -> m.getJsonArray("meetings").getJsonObject(0).getString("id"))
              .compose(meeting -> call(http, base, HttpMethod.POST, "/api/meetings/" + meeting + "/rooms/import", admin,
                  "text/csv; charset=utf-8", Buffer.buffer(csv.toString().getBytes(StandardCharsets.UTF_8))).map(meeting));
        })
        .compose(meeting -> post(http, base, "/api/auth/login", null, new JsonObject().put("username", "chair").put("password", password))
            .compose(c -> {
              String chairToken = c.getString("accessToken");
              return call(http, base, HttpMethod.GET, "/api/meetings/" + meeting + "/rooms", chairToken, null, null)
                  .compose(list -> {
                    JsonArray rooms = list.getJsonArray("rooms");
                    for (int i = 0; i < rooms.size(); i++) {
                      JsonObject r = rooms.getJsonObject(i);
                      accounts.put(r.getString("code").toLowerCase(java.util.Locale.ROOT), r.getString("roomId"));
                    }
                    List<Future<?>> issued = new ArrayList<>();
                    for (String code : roomCodes) {
                      String id = accounts.get(code.toLowerCase(java.util.Locale.ROOT));
                      if (id == null) {
                        return Future.failedFuture(new IllegalStateException("room " + code + " was not imported: " + list));
                      }
                      issued.add(post(http, base, "/api/meetings/" + meeting + "/rooms/" + id + "/credentials", chairToken,
                          new JsonObject().put("kind", "KIOSK")).map(k -> secrets.put(code, k.getString("secret"))));
                    }
                    return Future.all(issued);
                  })
                  .compose(v -> Socket.open(vertx, http, ws, base, meeting, chairToken, "chair"))
                  .map(chair -> {
                    Map<String, String> byCode = new HashMap<>();
                    roomCodes.forEach(code -> byCode.put(code, accounts.get(code.toLowerCase(java.util.Locale.ROOT))));
                    return new PlenumSignalling(vertx, base, meeting, http, ws, chair, secrets, byCode, follow);
                  });
            }))
        .onFailure(err -> {
          http.close();
          ws.close();
        });
  }

  @Override
  public Future<RoomLink> join(String roomId) {
    String secret = kioskSecrets.get(roomId);
    if (secret == null) {
      return Future.failedFuture(new IllegalArgumentException("no KIOSK link for " + roomId));
    }
    long t0 = System.nanoTime();
    return post(http, base, "/api/auth/kiosk", null, new JsonObject().put("token", secret))
        .andThen(r -> record("join 1 kiosk exchange", t0))
        .compose(k -> Socket.open(vertx, http, wsClient, base, meeting, k.getString("accessToken"), roomId, this, t0))
        .andThen(r -> record("join 5 session.resume acked", t0))
        .compose(s -> s.command("media.state", null).andThen(r -> record("join 6 media.state acked", t0)).compose(state -> {
          if (!state.getBoolean("available", false)) {
            s.close();
            return Future.failedFuture(new IllegalStateException("media.state: video not available: " + state.encode()));
          }
          Link l = new Link(roomId, s);
          links.add(l);
          return Future.succeededFuture((RoomLink) l);
        }));
  }

  /** The chair's {@code speaker.add} for the room; the entry is granted by {@link #grantFloor}. */
  @Override
  public Future<Void> prepareFloor(RoomLink speaker) {
    String account = roomAccounts.get(speaker.roomId());
    return chair.command("speaker.add", new JsonObject().put("accountId", account))
        .compose(ack -> chair.eventAt(ack.getLong("seq")))
        .map(ev -> {
          pendingEntries.put(speaker.roomId(), ev.getJsonObject("data").getJsonObject("entry").getString("id"));
          return null;
        });
  }

  @Override
  public Future<Void> grantFloor(RoomLink speaker) {
    String entry = pendingEntries.remove(speaker.roomId());
    Future<Void> ready = entry != null ? Future.succeededFuture() : prepareFloor(speaker);
    return ready.compose(v -> {
      grantSentNanos = System.nanoTime();
      return Future.succeededFuture();
    }).compose(v -> chair.command("speaker.grant",
        new JsonObject().put("entryId", entry != null ? entry : pendingEntries.remove(speaker.roomId())))).mapEmpty();
  }

  void record(String step, long sinceNanos) {
    long ms = Math.max(0, (System.nanoTime() - sinceNanos) / 1_000_000);
    org.HdrHistogram.Histogram h = steps.computeIfAbsent(step, k -> new org.HdrHistogram.Histogram(3_600_000L, 3));
    synchronized (h) {
      h.recordValue(Math.min(ms, 3_600_000L));
    }
  }

  /** p50 / p95 / max (ms) and count of each step recorded so far, one line each. */
  String stepReport() {
    StringBuilder b = new StringBuilder();
    steps.forEach((k, h) -> {
      synchronized (h) {
        b.append(String.format(java.util.Locale.ROOT, "%n  %-45s p50 %6d  p95 %6d  max %6d ms  (n=%d)", k,
            h.getValueAtPercentile(50), h.getValueAtPercentile(95), h.getMaxValue(), h.getTotalCount()));
      }
    });
    return b.toString();
  }

  @Override
  public Future<Void> close() {
    List<Future<Void>> leaving = links.stream().map(Link::leave).toList();
    return Future.join(leaving).<Void>mapEmpty().eventually(() -> {
      chair.close();
      return Future.join(http.close(), wsClient.close()).mapEmpty();
    }).otherwiseEmpty();
  }

  private final class Link implements RoomLink {
    private final String roomId;
    private final Socket socket;
    private volatile String feedId;
    private volatile String watchedFeed;
    private volatile RoomAgent watcher;
    private volatile String following;
    private Future<Void> left;

    Link(String roomId, Socket socket) {
      this.roomId = roomId;
      this.socket = socket;
      socket.onEvent(this::onEvent);
    }

    @Override
    public String roomId() {
      return roomId;
    }

    @Override
    public Future<Void> publish(PeerSession pc) {
      List<SignalMessage.Candidate> early = new CopyOnWriteArrayList<>();
      Promise<Void> acked = Promise.promise();
      pc.onLocalCandidate(c -> {
        if (acked.future().isComplete()) {
          candidate(null, c);
        } else {
          early.add(c);
        }
      });
      return pc.createOffer()
          .compose(offer -> socket.command("media.publish", new JsonObject().put("sdp", offer)))
          .compose(ack -> {
            feedId = ack.getString("feedId");
            return pc.applyAnswer(ack.getString("sdp"));
          })
          .onComplete(r -> {
            acked.tryComplete();
            early.forEach(c -> candidate(null, c));
          });
    }

    @Override
    public Future<Void> watchSpeaker(RoomAgent agent, PeerSession pc) {
      // the speaker named by media.state is the one this subscription gets: a media.floor for it that arrives
      // before the ack must not start a second subscription (which would replace this one)
      return socket.command("media.state", null).compose(state -> {
        watchedFeed = state.getString("speakerFeedId");
        watcher = agent;
        return subscribe(pc, 0);
      });
    }

    private Future<Void> subscribe(PeerSession pc, long grant) {
      JsonObject fields = new JsonObject().put("feed", "speaker");
      if (follow) {
        fields.put("follow", true);
      }
      return socket.command("media.subscribe", fields).compose(ack -> {
        if (grant != 0) {
          record("floor 2 media.subscribe acked (bridge offer)", grant);
        }
        String sub = ack.getString("subscriptionId");
        watchedFeed = ack.getString("feedId");
        following = sub;
        pc.onLocalCandidate(c -> candidate(sub, c));
        return pc.answer(ack.getString("sdp"))
            .compose(answer -> socket.command("media.answer", new JsonObject().put("subscriptionId", sub).put("sdp", answer)))
            .andThen(r -> {
              if (grant != 0) {
                record("floor 3 media.answer acked", grant);
                pc.connected().onSuccess(v -> record("floor 4 peer connection CONNECTED", grant));
              }
            })
            .mapEmpty();
      });
    }

    private void onEvent(JsonObject frame) {
      RoomAgent agent = watcher;
      JsonObject data = frame.getJsonObject("data");
      if (agent != null && follow && data != null && "media.resubscribe".equals(frame.getString("type"))
          && data.getString("subscriptionId", "").equals(following)) {
        long g = grantSentNanos;
        record("floor 1 media.resubscribe received (" + data.getString("code") + ")", g);
        subscribe(agent.newSession("speaker-again-" + data.getString("feedId")), g)
            .onFailure(err -> LOG.warn("{}: could not watch the speaker again: {}", roomId, err.toString()));
        return;
      }
      if (agent == null || !"media.floor".equals(frame.getString("type"))) {
        return;
      }
      String speaker = data == null ? null : data.getString("speakerFeedId");
      if (follow) {
        record("floor 1 media.floor received (the server switches)", grantSentNanos);
        return;
      }
      if (speaker != null && !speaker.equals(watchedFeed) && !speaker.equals(feedId)) {
        watchedFeed = speaker;
        long g = grantSentNanos;
        record("floor 1 media.floor received", g);
        subscribe(agent.newSession("speaker-" + speaker), g)
            .onFailure(err -> LOG.warn("{}: could not watch the new speaker: {}", roomId, err.toString()));
      }
    }

    private void candidate(String subscriptionId, SignalMessage.Candidate c) {
      JsonObject fields = new JsonObject().put("candidate", c.candidate()).put("sdpMid", c.mid()).put("sdpMLineIndex", c.mLineIndex());
      if (subscriptionId != null) {
        fields.put("subscriptionId", subscriptionId);
      }
      socket.command("media.candidate", fields).onFailure(err -> LOG.debug("candidate refused: {}", err.toString()));
    }

    @Override
    public synchronized Future<Void> leave() {
      if (left == null) {
        links.remove(this);
        left = socket.command("media.leave", null).otherwiseEmpty().<Void>mapEmpty().eventually(() -> {
          socket.close();
          return Future.succeededFuture();
        }).otherwiseEmpty();
      }
      return left;
    }
  }

  /** One meeting socket: commands with their acks, events by seq for {@link #eventAt}, listeners for the rest. */
  private static final class Socket {
    private static final AtomicLong REQUESTS = new AtomicLong();
    private final Vertx vertx;
    private final String name;
    private final Map<String, Promise<JsonObject>> pending = new ConcurrentHashMap<>();
    private final Map<Long, JsonObject> events = new ConcurrentHashMap<>();
    private final Map<Long, Promise<JsonObject>> waiting = new ConcurrentHashMap<>();
    private final List<Consumer<JsonObject>> listeners = new CopyOnWriteArrayList<>();
    private final Promise<Void> hello = Promise.promise();
    private volatile WebSocket ws;

    private Socket(Vertx vertx, String name) {
      this.vertx = vertx;
      this.name = name;
    }

    static Future<Socket> open(Vertx vertx, HttpClient http, WebSocketClient client, String base, String meeting, String token,
                               String name) {
      return open(vertx, http, client, base, meeting, token, name, null, 0);
    }

    static Future<Socket> open(Vertx vertx, HttpClient http, WebSocketClient client, String base, String meeting, String token,
                               String name, PlenumSignalling timing, long t0) {
      Socket s = new Socket(vertx, name);
      return post(http, base, "/api/meetings/" + meeting + "/ws-ticket", token, null)
          .andThen(r -> {
            if (timing != null) {
              timing.record("join 2 ws-ticket", t0);
            }
          })
          .compose(t -> client.connect(new WebSocketConnectOptions().setAbsoluteURI(
              base.replaceFirst("^http", "ws") + "/ws/meetings/" + meeting + "?ticket=" + t.getString("ticket"))))
          .compose(socket -> {
            s.ws = socket;
            socket.textMessageHandler(s::onText);
            socket.closeHandler(v -> s.hello.tryFail("closed with " + socket.closeStatusCode()));
            return s.hello.future().andThen(r -> {
              if (timing != null) {
                timing.record("join 3 socket open (hello)", t0);
              }
            });
          })
          .compose(v -> s.command("session.resume", new JsonObject().putNull("lastSeq")))
          .map(s);
    }

    void onEvent(Consumer<JsonObject> l) {
      listeners.add(l);
    }

    private void onText(String text) {
      JsonObject f = new JsonObject(text);
      String type = f.getString("type", "");
      if (type.equals("hello")) {
        hello.tryComplete();
        return;
      }
      String id = f.getString("requestId");
      if (id != null && (type.equals("ack") || type.equals("error") || type.equals("pong"))) {
        Promise<JsonObject> p = pending.remove(id);
        if (p != null) {
          if (type.equals("error")) {
            p.fail(new IllegalStateException(name + ": " + f.getString("code") + ": " + f.getString("message")));
          } else {
            p.complete(f);
          }
        }
        return;
      }
      Long seq = f.getLong("seq");
      if (seq != null) {
        Promise<JsonObject> w = waiting.remove(seq);
        if (w != null) {
          w.complete(f);
        } else if (type.startsWith("speaker.")) {
          events.put(seq, f);
        }
      }
      listeners.forEach(l -> l.accept(f));
    }

    /** The event the server wrote at {@code seq} (the ack of a command names it), as it arrives. */
    Future<JsonObject> eventAt(Long seq) {
      if (seq == null) {
        return Future.failedFuture(new IllegalStateException("the ack carries no seq"));
      }
      JsonObject have = events.remove(seq);
      if (have != null) {
        return Future.succeededFuture(have);
      }
      Promise<JsonObject> p = Promise.promise();
      waiting.put(seq, p);
      JsonObject raced = events.remove(seq);
      if (raced != null) {
        waiting.remove(seq);
        p.tryComplete(raced);
      }
      long timer = vertx.setTimer(20_000, t -> {
        if (waiting.remove(seq) != null) {
          p.tryFail(new IllegalStateException(name + ": no event at seq " + seq + " within 20 s"));
        }
      });
      return p.future().andThen(r -> vertx.cancelTimer(timer));
    }

    Future<JsonObject> command(String type, JsonObject fields) {
      WebSocket socket = ws;
      if (socket == null) {
        return Future.failedFuture(new IllegalStateException(name + ": not connected"));
      }
      String id = "b" + REQUESTS.incrementAndGet();
      JsonObject msg = (fields == null ? new JsonObject() : fields.copy()).put("type", type).put("requestId", id);
      Promise<JsonObject> p = Promise.promise();
      pending.put(id, p);
      socket.writeTextMessage(msg.encode()).onFailure(err -> {
        Promise<JsonObject> q = pending.remove(id);
        if (q != null) {
          q.tryFail(err);
        }
      });
      long timer = vertx.setTimer(30_000, t -> {
        Promise<JsonObject> q = pending.remove(id);
        if (q != null) {
          q.tryFail(new IllegalStateException(name + ": " + type + ": no answer within 30 s"));
        }
      });
      return p.future().andThen(r -> vertx.cancelTimer(timer));
    }

    void close() {
      WebSocket socket = ws;
      ws = null;
      if (socket != null) {
        socket.close();
      }
    }
  }

  private static Future<JsonObject> post(HttpClient http, String base, String path, String token, JsonObject body) {
    return call(http, base, HttpMethod.POST, path, token, "application/json",
        body == null ? Buffer.buffer("{}") : body.toBuffer());
  }

  private static Future<JsonObject> call(HttpClient http, String base, HttpMethod method, String path, String token,
                                         String contentType, Buffer body) {
    RequestOptions o = new RequestOptions().setMethod(method).setAbsoluteURI(base + path);
    if (contentType != null) {
      o.putHeader("content-type", contentType);
    }
    if (token != null) {
      o.putHeader("authorization", "Bearer " + token);
    }
    return http.request(o).compose(req -> body == null ? req.send() : req.send(body))
        .compose(resp -> resp.body().compose(b -> resp.statusCode() / 100 == 2
            ? Future.succeededFuture(b.length() == 0 ? new JsonObject() : b.toJsonObject())
            : Future.failedFuture(new IllegalStateException(method + " " + path + ": HTTP " + resp.statusCode() + " " + b))));
  }
}
