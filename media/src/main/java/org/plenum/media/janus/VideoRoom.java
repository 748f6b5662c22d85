package org.plenum.media.janus;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Typed control of the Janus VideoRoom plugin ({@code janus.plugin.videoroom}, 1.1.2, {@code string_ids = true})
 * over one control handle that is (re)created on demand, so it survives reconnects of the {@link JanusClient}.
 *
 * <p>Request names and fields as accepted by 1.1.2 (checked against the running binary):
 * {@code create}, {@code destroy}, {@code exists} ({@code "exists":true|false}), {@code list}
 * ({@code "list":[{"room":..,"num_participants":..,"max_publishers":..}]}), {@code listparticipants},
 * {@code kick} ({@code id}), {@code moderate} ({@code id}, {@code mid}, {@code mute}: per m-line, not per kind),
 * {@code allowed} ({@code action} enable|disable|add|remove, {@code allowed}), {@code rtp_forward} (1.1.x form:
 * {@code publisher_id}, {@code host}, {@code streams:[{mid,port,ssrc?,pt?}]}; answer {@code "forwarders":[..]}),
 * {@code stop_rtp_forward} ({@code publisher_id}, {@code stream_id}), {@code listforwarders}, and for cascading
 * {@code add_remote_publisher}, {@code remove_remote_publisher}, {@code publish_remotely},
 * {@code unpublish_remotely}, {@code listremotes} (spelled without underscore in 1.1.2; {@code list_remotes} is
 * "Unknown request"). Errors come back as {@link JanusException} with source PLUGIN.
 */
public final class VideoRoom {

  public static final String PLUGIN = "janus.plugin.videoroom";

  private final JanusClient client;
  private Future<JanusHandle> control;

  public VideoRoom(JanusClient client) {
    this.client = client;
  }

  public JanusClient client() {
    return client;
  }

  public Future<Void> create(RoomSpec spec) {
    return request(spec.createBody()).mapEmpty();
  }

  /** Creates the room unless it exists already (VideoRoom error 427 "already exists" counts as success). */
  public Future<Void> ensure(RoomSpec spec) {
    return create(spec).recover(err -> err instanceof JanusException je && je.code() == 427
        ? Future.succeededFuture() : Future.failedFuture(err));
  }

  public Future<Void> destroy(String room, String secret) {
    return request(body("destroy", room).put("secret", secret)).mapEmpty();
  }

  public Future<Boolean> exists(String room) {
    return request(body("exists", room)).map(d -> d.getBoolean("exists", false));
  }

  /** {@code list}: the public rooms with their {@code num_participants}. */
  public Future<List<JsonObject>> list() {
    return request(new JsonObject().put("request", "list")).map(d -> objects(d.getJsonArray("list")));
  }

  public Future<List<Participant>> listParticipants(String room) {
    return request(body("listparticipants", room))
        .map(d -> objects(d.getJsonArray("participants")).stream().map(Participant::of).toList());
  }

  public Future<Void> kick(String room, String secret, String participantId) {
    return request(body("kick", room).put("secret", secret).put("id", participantId)).mapEmpty();
  }

  /** {@code moderate}: (un)mute one m-line ({@code mid}) of a participant, e.g. its audio. */
  public Future<Void> moderate(String room, String secret, String participantId, String mid, boolean mute) {
    return request(body("moderate", room).put("secret", secret).put("id", participantId).put("mid", mid)
        .put("mute", mute)).mapEmpty();
  }

  /** {@code allowed}: action enable|disable|add|remove; returns the complete token list. */
  public Future<List<String>> allowed(String room, String secret, String action, List<String> tokens) {
    return request(body("allowed", room).put("secret", secret).put("action", action)
        .put("allowed", new JsonArray(tokens))).map(d -> {
          List<String> out = new ArrayList<>();
          d.getJsonArray("allowed", new JsonArray()).forEach(t -> out.add(String.valueOf(t)));
          return out;
        });
  }

  /** {@code rtp_forward} each listed m-line ({@code mid → port}) of a publisher to {@code host}. */
  public Future<List<RtpForwarder>> rtpForward(String room, String secret, String publisherId, String host,
                                               List<JsonObject> streams) {
    return request(body("rtp_forward", room).put("secret", secret).put("publisher_id", publisherId)
        .put("host", host).put("streams", new JsonArray(streams)))
        .map(d -> objects(d.getJsonArray("forwarders")).stream().map(f -> RtpForwarder.of(publisherId, f)).toList());
  }

  public Future<Void> stopRtpForward(String room, String secret, String publisherId, long streamId) {
    return request(body("stop_rtp_forward", room).put("secret", secret).put("publisher_id", publisherId)
        .put("stream_id", streamId)).mapEmpty();
  }

  public Future<List<RtpForwarder>> listForwarders(String room, String secret) {
    return request(body("listforwarders", room).put("secret", secret)).map(d -> {
      List<RtpForwarder> out = new ArrayList<>();
      for (JsonObject p : objects(d.getJsonArray("publishers"))) {
        String pid = String.valueOf(p.getValue("publisher_id"));
        objects(p.getJsonArray("forwarders")).forEach(f -> out.add(RtpForwarder.of(pid, f)));
      }
      return out;
    });
  }

  /**
   * {@code add_remote_publisher}: announce a feed that another instance will send as RTP. With {@code iface} set,
   * Janus binds there and echoes it as {@code ip}; {@code port: 0} lets Janus pick the port.
   */
  public Future<RemotePublisher> addRemotePublisher(String room, String secret, Feed feed, Optional<String> iface) {
    JsonObject b = body("add_remote_publisher", room).put("secret", secret).put("id", feed.id())
        .put("display", feed.display()).put("streams", feed.streamsJson());
    iface.ifPresent(i -> b.put("iface", i));
    return request(b).map(d -> new RemotePublisher(room, String.valueOf(d.getValue("id")),
        d.getString("ip", iface.orElse("")), d.getInteger("port", 0), d.getInteger("rtcp_port", 0)));
  }

  public Future<Void> removeRemotePublisher(String room, String secret, String id) {
    return request(body("remove_remote_publisher", room).put("secret", secret).put("id", id)).mapEmpty();
  }

  /**
   * {@code publish_remotely}: relay a LOCAL (WebRTC) publisher to a remote publisher on another instance. 1.1.2
   * refuses remote publishers here: error 430 "Only local publishers can be remotized".
   */
  public Future<Void> publishRemotely(String room, String secret, String publisherId, String remoteId,
                                      RemotePublisher target) {
    return request(body("publish_remotely", room).put("secret", secret).put("publisher_id", publisherId)
        .put("remote_id", remoteId).put("host", target.ip()).put("port", target.port())
        .put("rtcp_port", target.rtcpPort())).mapEmpty();
  }

  public Future<Void> unpublishRemotely(String room, String secret, String publisherId, String remoteId) {
    return request(body("unpublish_remotely", room).put("secret", secret).put("publisher_id", publisherId)
        .put("remote_id", remoteId)).mapEmpty();
  }

  /**
   * The active publishers of a room with their streams. {@code listparticipants} has no streams, so a short-lived
   * handle joins as a passive publisher ({@code join}, {@code ptype: publisher}: answered {@code ack} then the
   * {@code joined} event with {@code publishers[].streams}) and detaches again. Remote publishers are included.
   */
  public Future<List<Feed>> activeFeeds(String room, Optional<String> pin) {
    JsonObject join = body("join", room).put("ptype", "publisher").put("display", "plenum-observer");
    pin.ifPresent(p -> join.put("pin", p));
    return client.createSession().compose(session -> session.attach(PLUGIN)
        .compose(handle -> handle.message(join))
        .map(r -> objects(r.data().getJsonArray("publishers")).stream().map(Feed::of).toList())
        .eventually(session::destroy));
  }

  // ---- plumbing ----

  private Future<JsonObject> request(JsonObject body) {
    return handle().compose(h -> h.message(body)).map(PluginResponse::data);
  }

  private Future<JanusHandle> handle() {
    return client.onContext(() -> {
      if (control == null || control.failed() || control.succeeded() && !control.result().isAlive()) {
        control = client.createSession().compose(s -> s.attach(PLUGIN));
      }
      return control;
    });
  }

  private static JsonObject body(String request, String room) {
    return new JsonObject().put("request", request).put("room", room);
  }

  private static List<JsonObject> objects(JsonArray array) {
    List<JsonObject> out = new ArrayList<>();
    if (array != null) {
      for (int i = 0; i < array.size(); i++) {
        out.add(array.getJsonObject(i));
      }
    }
    return out;
  }
}
