package org.plenum.media.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.plenum.media.agent.PeerSession;
import org.plenum.media.agent.SignalMessage;
import org.plenum.media.janus.JanusClient;
import org.plenum.media.janus.JanusClientOptions;
import org.plenum.media.janus.JanusHandle;
import org.plenum.media.janus.JanusSession;
import org.plenum.media.janus.PluginResponse;
import org.plenum.media.janus.RoomSpec;
import org.plenum.media.janus.VideoRoom;

/**
 * {@link RoomSignalling} straight to one Janus VideoRoom (1.1.2, {@code string_ids}), without the Plenum server:
 * each room opens its own WebSocket ({@link JanusClient}), one Janus session and a publisher handle that joins the
 * room ({@code join}, {@code ptype: publisher}, answered by the {@code joined} event). Publishing is {@code publish}
 * with the offer; watching the speaker is a second handle joined as a subscriber to the speaker's video
 * ({@code attached} carries Janus's offer, {@code start} our answer); a floor grant sends each watcher's subscriber
 * handle a {@code switch} ({@code streams:[{feed, mid, sub_mid}]}), which moves the subscription to the new feed
 * without renegotiation (Janus asks the new publisher for a key frame).
 *
 * <p>Janus offers and answers carry its candidates (half trickle); ours are trickled as libwebrtc gathers them.
 */
public final class JanusDirectSignalling implements RoomSignalling {

  private static final Duration MEDIA_REQUEST_TIMEOUT = Duration.ofSeconds(20);

  private record Watcher(JanusHandle handle, String subMid) {
  }

  private final Vertx vertx;
  private final JanusClientOptions options;
  private final RoomSpec spec;
  private final JanusClient controlClient;
  private final List<DirectLink> links = new CopyOnWriteArrayList<>();
  private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
  private final Map<String, String> videoMids = new ConcurrentHashMap<>();
  private volatile String speaker;

  private JanusDirectSignalling(Vertx vertx, JanusClientOptions options, RoomSpec spec, JanusClient controlClient) {
    this.vertx = vertx;
    this.options = options;
    this.spec = spec;
    this.controlClient = controlClient;
  }

  /** Connects a control client and creates the meeting's video room {@code spec}. */
  public static Future<JanusDirectSignalling> open(Vertx vertx, JanusClientOptions options, RoomSpec spec) {
    return JanusClient.connect(vertx, options).compose(client -> new VideoRoom(client).ensure(spec)
        .map(v -> new JanusDirectSignalling(vertx, options, spec, client))
        .onFailure(err -> client.close()));
  }

  @Override
  public Future<RoomLink> join(String roomId) {
    return JanusClient.connect(vertx, options).compose(client -> client.createSession()
        .compose(session -> session.attach(VideoRoom.PLUGIN).compose(handle -> handle.message(
                new JsonObject().put("request", "join").put("ptype", "publisher").put("room", spec.room())
                    .put("id", roomId).put("display", roomId))
            .map(joined -> {
              DirectLink link = new DirectLink(roomId, client, session, handle);
              links.add(link);
              return (RoomLink) link;
            })))
        .onFailure(err -> client.close()));
  }

  @Override
  public Future<Void> grantFloor(RoomLink room) {
    String feed = room.roomId();
    String mid = videoMids.get(feed);
    if (mid == null) {
      return Future.failedFuture(new IllegalStateException("room " + feed + " does not publish video"));
    }
    speaker = feed;
    List<Future<PluginResponse>> switches = watchers.stream().map(w -> w.handle().message(new JsonObject()
        .put("request", "switch").put("streams", new JsonArray().add(new JsonObject()
            .put("feed", feed).put("mid", mid).put("sub_mid", w.subMid()))))).toList();
    return Future.all(switches).mapEmpty();
  }

  @Override
  public Future<Void> close() {
    List<Future<Void>> leaving = links.stream().map(DirectLink::leave).toList();
    return Future.join(leaving).<Void>mapEmpty().eventually(() -> {
      controlClient.close();
      return Future.succeededFuture();
    }).otherwiseEmpty();
  }

  /** The {@code mid} of the first video stream in a VideoRoom {@code streams} array ("0" when absent). */
  private static String videoMid(JsonArray streams) {
    if (streams != null) {
      for (int i = 0; i < streams.size(); i++) {
        JsonObject s = streams.getJsonObject(i);
        if ("video".equals(s.getString("type"))) {
          return s.getString("mid");
        }
      }
    }
    return "0";
  }

  private static JsonObject trickleJson(SignalMessage.Candidate c) {
    return new JsonObject().put("candidate", c.candidate()).put("sdpMid", c.mid()).put("sdpMLineIndex", c.mLineIndex());
  }

  private static String sdpOf(PluginResponse r, String what) {
    return r.jsep().map(j -> j.getString("sdp"))
        .orElseThrow(() -> new IllegalStateException("Janus sent no SDP with " + what + ": " + r.data()));
  }

  private final class DirectLink implements RoomLink {

    private final String roomId;
    private final JanusClient client;
    private final JanusSession session;
    private final JanusHandle publisher;
    private Future<Void> left;

    DirectLink(String roomId, JanusClient client, JanusSession session, JanusHandle publisher) {
      this.roomId = roomId;
      this.client = client;
      this.session = session;
      this.publisher = publisher;
    }

    @Override
    public String roomId() {
      return roomId;
    }

    @Override
    public Future<Void> publish(PeerSession pc) {
      pc.onLocalCandidate(c -> publisher.trickle(trickleJson(c)));
      return pc.createOffer()
          .compose(sdp -> publisher.message(new JsonObject().put("request", "publish"),
              new JsonObject().put("type", "offer").put("sdp", sdp), MEDIA_REQUEST_TIMEOUT))
          .compose(configured -> {
            videoMids.put(roomId, videoMid(configured.data().getJsonArray("streams")));
            return pc.applyAnswer(sdpOf(configured, "the publish answer"));
          });
    }

    @Override
    public Future<Void> watchSpeaker(org.plenum.media.agent.RoomAgent agent, PeerSession pc) {
      String feed = speaker;
      if (feed == null) {
        return Future.failedFuture(new IllegalStateException("no floor granted yet"));
      }
      pc.onLocalCandidate(c -> { });
      return session.attach(VideoRoom.PLUGIN).compose(sub -> {
        pc.onLocalCandidate(c -> sub.trickle(trickleJson(c)));
        JsonObject join = new JsonObject().put("request", "join").put("ptype", "subscriber").put("room", spec.room())
            .put("streams", new JsonArray().add(new JsonObject().put("feed", feed).put("mid", videoMids.get(feed))));
        return sub.message(join, null, MEDIA_REQUEST_TIMEOUT).compose(attached -> {
          String subMid = videoMid(attached.data().getJsonArray("streams"));
          return pc.answer(sdpOf(attached, "the subscriber offer"))
              .compose(answer -> sub.message(new JsonObject().put("request", "start"),
                  new JsonObject().put("type", "answer").put("sdp", answer), MEDIA_REQUEST_TIMEOUT))
              .map(started -> {
                watchers.add(new Watcher(sub, subMid));
                return null;
              });
        });
      });
    }

    @Override
    public synchronized Future<Void> leave() {
      if (left == null) {
        links.remove(this);
        watchers.removeIf(w -> w.handle().session() == session);
        left = session.destroy().otherwiseEmpty().eventually(() -> {
          client.close();
          return Future.succeededFuture();
        }).otherwiseEmpty();
      }
      return left;
    }
  }
}
