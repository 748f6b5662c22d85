package org.plenum.server.media;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.plenum.server.auth.Tokens;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.Actor;
import org.plenum.server.core.Role;
import org.plenum.server.room.CredentialKind;
import org.plenum.server.room.RoomGrant;

/**
 * WHIP ingest and WHEP egress for hardware encoders and decoders (docs/protocol.md §13, MV11–MV14): each resource is
 * one {@link MediaPeer} (one Janus session) registered with the {@link MediaService} like a meeting socket, named by
 * an opaque random id that is no Janus id. A WHIP resource publishes as its room (the same rules as
 * {@code media.publish}); a WHEP resource subscribes to the current speaker, Janus offering (VideoRoom 1.1.2 refuses
 * subscriber offers: "Only publishers send offers").
 */
public final class MediaEndpoints {
  /** A resource just created: its id (the last segment of its Location), its SDP (WHIP: answer, WHEP: offer), its ETag. */
  public record Created(String id, String sdp, String etag) {}

  private record Resource(String id, CredentialKind kind, RoomGrant grant, MediaPeer peer, String subscriptionId, String etag) {}

  private final MediaService media;
  private final Map<String, Resource> resources = new ConcurrentHashMap<>();

  public MediaEndpoints(MediaService media) {
    this.media = media;
  }

  /** MV11: publishes {@code offerSdp} into the grant's meeting as its room; the answer has Janus's candidates. */
  public Future<Created> ingest(RoomGrant grant, String offerSdp) {
    if (!media.enabled()) {
      return Future.failedFuture(MediaErrors.unavailable());
    }
    String id = Tokens.random(18);
    Actor room = new Actor(grant.roomAccountId().value(), grant.roomCode(), Optional.of(Role.REMOTE_ROOM), false);
    MediaPeer[] made = new MediaPeer[1];
    return media.publish(room, grant.meetingId(), () -> made[0] = media.endpointPeer("whip-" + id, grant.meetingId()), offerSdp)
        .map(published -> {
          Resource r = new Resource(id, CredentialKind.WHIP, grant, made[0], null, etag());
          resources.put(id, r);
          return new Created(id, published.getString("sdp"), r.etag());
        })
        .onFailure(err -> {
          if (made[0] != null) {
            media.endEndpointPeer(made[0], grant.meetingId(), grant.roomAccountId().value());
          }
        });
  }

  /** MV12: subscribes to the current speaker; Janus's offer comes back, the client answers with PATCH. */
  public Future<Created> egress(RoomGrant grant) {
    if (!media.enabled()) {
      return Future.failedFuture(MediaErrors.unavailable());
    }
    String id = Tokens.random(18);
    MediaPeer[] made = new MediaPeer[1];
    return media.subscribe(grant.meetingId(), () -> made[0] = media.endpointPeer("whep-" + id, grant.meetingId()), "speaker")
        .map(offer -> {
          Resource r = new Resource(id, CredentialKind.WHEP, grant, made[0], offer.getString("subscriptionId"), etag());
          resources.put(id, r);
          return new Created(id, offer.getString("sdp"), r.etag());
        })
        .onFailure(err -> {
          if (made[0] != null) {
            media.endEndpointPeer(made[0], grant.meetingId(), grant.roomAccountId().value());
          }
        });
  }

  /** MV13: the WHEP client's answer to Janus's offer. */
  public Future<Void> answer(RoomGrant grant, String id, String answerSdp) {
    Resource r = resource(grant, id);
    if (r.kind() != CredentialKind.WHEP) {
      return Future.failedFuture(new PlenumException(org.plenum.server.core.error.ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "A WHIP resource takes 'application/trickle-ice-sdpfrag' only."));
    }
    return r.peer().answer(r.subscriptionId(), answerSdp).recover(MediaErrors::map);
  }

  /** MV13: the client's candidates from an {@code application/trickle-ice-sdpfrag} body, in order. */
  public Future<Void> trickle(RoomGrant grant, String id, String sdpFrag) {
    Resource r = resource(grant, id);
    Future<Void> chain = Future.succeededFuture();
    for (JsonObject c : candidates(sdpFrag)) {
      chain = chain.compose(v -> r.peer().trickle(r.subscriptionId(), c));
    }
    return chain.recover(MediaErrors::map);
  }

  /** MV14: ends the resource: the publication leaves the room (or the subscription ends) and its Janus session goes. */
  public Future<Void> end(RoomGrant grant, String id) {
    Resource r = resource(grant, id);
    resources.remove(id);
    return media.endEndpointPeer(r.peer(), r.grant().meetingId(), r.grant().roomAccountId().value());
  }

  /** MV14: the credential was revoked: every media session opened with it ends now. */
  public void revoked(java.util.UUID credentialId) {
    resources.values().removeIf(r -> {
      if (!r.grant().credentialId().equals(credentialId)) {
        return false;
      }
      media.endEndpointPeer(r.peer(), r.grant().meetingId(), r.grant().roomAccountId().value());
      return true;
    });
  }

  /** The resource {@code id} of this credential's room and meeting: NOT_FOUND otherwise (never someone else's). */
  private Resource resource(RoomGrant grant, String id) {
    Resource r = id == null ? null : resources.get(id);
    if (r == null || r.kind() != grant.kind() || !r.grant().meetingId().equals(grant.meetingId())
        || !r.grant().roomAccountId().equals(grant.roomAccountId())) {
      throw PlenumException.notFound("No such " + grant.kind() + " session.");
    }
    return r;
  }

  /** RFC 8840 fragment → Janus trickle candidates ({@code a=mid} sets the m-line, {@code a=end-of-candidates} completes). */
  static List<JsonObject> candidates(String frag) {
    List<JsonObject> out = new ArrayList<>();
    String mid = null;
    int mline = -1;
    for (String raw : frag.split("\r?\n")) {
      String line = raw.strip();
      if (line.startsWith("m=")) {
        mline++;
      } else if (line.startsWith("a=mid:")) {
        mid = line.substring(6).strip();
      } else if (line.startsWith("a=candidate:")) {
        JsonObject c = new JsonObject().put("candidate", line.substring(2)).put("sdpMLineIndex", Math.max(mline, 0));
        if (mid != null) {
          c.put("sdpMid", mid);
        }
        out.add(c);
      } else if (line.equals("a=end-of-candidates")) {
        out.add(new JsonObject().put("completed", true));
      }
    }
    if (out.isEmpty()) {
      throw PlenumException.badMessage("The fragment carries no 'a=candidate' or 'a=end-of-candidates' line (ICE restarts are not supported).");
    }
    return out;
  }

  private static String etag() {
    return "\"" + Tokens.random(9) + "\"";
  }
}
