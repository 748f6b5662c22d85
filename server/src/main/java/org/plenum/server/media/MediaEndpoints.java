package org.plenum.server.media;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.HashMap;
import org.plenum.server.auth.Tokens;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.Actor;
import org.plenum.server.core.Role;
import org.plenum.server.room.CredentialKind;
import org.plenum.server.room.RoomGrant;

/**
 * WHIP ingest and WHEP egress for hardware encoders and decoders (docs/protocol.md §13, MV11–MV14): each resource is
 * one {@link MediaPeer} (one Janus session) in its meeting's room like a meeting socket, named by an opaque random id
 * that is no Janus id; the resources live on the {@link MediaOwner} with the rooms. A WHIP resource publishes as its
 * room (the same rules as {@code media.publish}); a WHEP resource subscribes to the current speaker, Janus offering
 * (VideoRoom 1.1.2 refuses subscriber offers: "Only publishers send offers").
 */
final class MediaEndpoints {
  /** A resource just created: its id (the last segment of its Location), its SDP (WHIP: answer, WHEP: offer), its ETag. */
  record Created(String id, String sdp, String etag) {}

  private record Resource(String id, CredentialKind kind, RoomGrant grant, MeetingRoom room, MediaPeer peer, String subscriptionId,
                          String etag) {}

  private final MediaOwner owner;
  private final RoomPlacement placement;
  private final MediaSignalling signalling;
  private final boolean enabled;
  /** Owned by the {@link MediaOwner}, like the rooms: every entry point hops there. */
  private final Map<String, Resource> resources = new HashMap<>();

  MediaEndpoints(MediaOwner owner, RoomPlacement placement, MediaSignalling signalling, boolean enabled) {
    this.owner = owner;
    this.placement = placement;
    this.signalling = signalling;
    this.enabled = enabled;
  }

  /** MV11: publishes {@code offerSdp} into the grant's meeting as its room; the answer has Janus's candidates. */
  Future<Created> ingest(RoomGrant grant, String offerSdp) {
    if (!enabled) {
      return Future.failedFuture(MediaErrors.unavailable());
    }
    String id = Tokens.random(18);
    Actor room = new Actor(grant.roomAccountId().value(), grant.roomCode(), Optional.of(Role.REMOTE_ROOM), false);
    return owner.call(() -> {
      Resource[] made = new Resource[1];
      return signalling.publish(room, grant.meetingId(), r -> peer(made, id, CredentialKind.WHIP, grant, r), offerSdp)
          .map(published -> created(made[0], null, published.getString("sdp")))
          .onFailure(err -> failed(made[0]));
    });
  }

  /** MV12: subscribes to the current speaker; Janus's offer comes back, the client answers with PATCH. */
  Future<Created> egress(RoomGrant grant) {
    if (!enabled) {
      return Future.failedFuture(MediaErrors.unavailable());
    }
    String id = Tokens.random(18);
    return owner.call(() -> {
      Resource[] made = new Resource[1];
      return signalling.subscribe(grant.meetingId(), r -> peer(made, id, CredentialKind.WHEP, grant, r), "speaker", false)
          .map(offer -> created(made[0], offer.getString("subscriptionId"), offer.getString("sdp")))
          .onFailure(err -> failed(made[0]));
    });
  }

  private MediaPeer peer(Resource[] made, String id, CredentialKind kind, RoomGrant grant, MeetingRoom room) {
    MediaPeer peer = signalling.endpointPeer(room, kind.name().toLowerCase(java.util.Locale.ROOT) + "-" + id);
    made[0] = new Resource(id, kind, grant, room, peer, null, etag());
    return peer;
  }

  private Created created(Resource made, String subscriptionId, String sdp) {
    Resource r = new Resource(made.id(), made.kind(), made.grant(), made.room(), made.peer(), subscriptionId, made.etag());
    resources.put(r.id(), r);
    return new Created(r.id(), sdp, r.etag());
  }

  private void failed(Resource made) {
    if (made != null) {
      end(made);
    }
  }

  /** MV13: the WHEP client's answer to Janus's offer. */
  Future<Void> answer(RoomGrant grant, String id, String answerSdp) {
    return owner.call(() -> {
      Resource r = resource(grant, id);
      if (r.kind() != CredentialKind.WHEP) {
        return Future.failedFuture(new PlenumException(org.plenum.server.core.error.ErrorCode.UNSUPPORTED_MEDIA_TYPE,
            "A WHIP resource takes 'application/trickle-ice-sdpfrag' only."));
      }
      return r.peer().answer(r.subscriptionId(), answerSdp).recover(MediaErrors::map);
    });
  }

  /** MV13: the client's candidates from an {@code application/trickle-ice-sdpfrag} body, in order. */
  Future<Void> trickle(RoomGrant grant, String id, String sdpFrag) {
    return owner.call(() -> {
      Resource r = resource(grant, id);
      Future<Void> chain = Future.succeededFuture();
      for (JsonObject c : candidates(sdpFrag)) {
        chain = chain.compose(v -> r.peer().trickle(r.subscriptionId(), c));
      }
      return chain.recover(MediaErrors::map);
    });
  }

  /** MV14: ends the resource: the publication leaves the room (or the subscription ends) and its Janus session goes. */
  Future<Void> end(RoomGrant grant, String id) {
    return owner.call(() -> {
      Resource r = resource(grant, id);
      resources.remove(id);
      return end(r);
    });
  }

  private Future<Void> end(Resource r) {
    return signalling.endPeer(r.room(), r.peer(), r.grant().roomAccountId().value());
  }

  /** MV14: the credential was revoked: every media session opened with it ends now. */
  void revoked(java.util.UUID credentialId) {
    owner.run(() -> revokedHere(credentialId));
  }

  void revokedHere(java.util.UUID credentialId) {
    resources.values().removeIf(r -> {
      if (!r.grant().credentialId().equals(credentialId)) {
        return false;
      }
      end(r);
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

  /** RFC 8840 fragment → Janus trickle candidates; see {@link SdpLines#candidates}. */
  static List<JsonObject> candidates(String frag) {
    return SdpLines.candidates(frag);
  }

  private static String etag() {
    return "\"" + Tokens.random(9) + "\"";
  }
}
