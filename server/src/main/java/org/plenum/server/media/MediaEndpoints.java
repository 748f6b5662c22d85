package org.plenum.server.media;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.plenum.server.auth.Tokens;
import org.plenum.server.core.Actor;
import org.plenum.server.core.Role;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.room.CredentialKind;
import org.plenum.server.room.RoomGrant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WHIP ingest and WHEP egress for hardware encoders and decoders (docs/protocol.md §13.1, MV11–MV14, MV20–MV26): each
 * resource is one {@link MediaPeer} (one Janus session) in its meeting's room like a meeting socket, named by an opaque
 * random id that is no Janus id; the resources live on the {@link MediaOwner} with the rooms. A WHIP resource publishes
 * as its room (the same rules as {@code media.publish}); a WHEP resource subscribes to the current speaker (else the
 * hall feed) and follows the floor by VideoRoom {@code switch} (MV22). Janus offers to subscribers (VideoRoom 1.1.2
 * refuses subscriber offers: "Only publishers send offers"), so a client offer is answered with a counter-offer (MV21).
 */
final class MediaEndpoints implements Endpoints {
  private static final Logger LOG = LoggerFactory.getLogger(MediaEndpoints.class);

  /** A resource just created: its id (the last segment of its Location), its SDP (WHIP: answer, WHEP: offer), its ETag. */
  record Created(String id, String sdp, String etag) {}

  /** One media session. Owned by the {@link MediaOwner}; a WHEP session's subscription follows the floor (MV22). */
  private static final class Resource {
    final String id;
    final CredentialKind kind;
    final RoomGrant grant;
    final MeetingRoom room;
    final MediaPeer peer;
    final String etag;
    final Set<String> ufrags = new LinkedHashSet<>();
    String subscriptionId;

    Resource(String id, CredentialKind kind, RoomGrant grant, MeetingRoom room, MediaPeer peer, String etag) {
      this.id = id;
      this.kind = kind;
      this.grant = grant;
      this.room = room;
      this.peer = peer;
      this.etag = etag;
    }
  }

  private final MediaOwner owner;
  private final MediaSignalling signalling;
  private final boolean enabled;
  /** Owned by the {@link MediaOwner}, like the rooms: every entry point hops there. */
  private final Map<String, Resource> resources = new HashMap<>();

  MediaEndpoints(MediaOwner owner, MediaSignalling signalling, boolean enabled) {
    this.owner = owner;
    this.signalling = signalling;
    this.enabled = enabled;
  }

  /**
   * MV11, MV20: publishes {@code offerSdp} into the grant's meeting as its room, named by the room's name (MV26); the
   * answer has Janus's candidates. An offer without a codec the room takes is UNSUPPORTED_CODEC before the bridge is asked.
   */
  @Override
  public Future<Created> ingest(RoomGrant grant, String offerSdp) {
    if (!enabled) {
      return Future.failedFuture(MediaErrors.unavailable());
    }
    SdpLines.requireTakenCodecs(offerSdp);
    String id = Tokens.random(18);
    Actor room = new Actor(grant.roomAccountId().value(), grant.roomName(), Optional.of(Role.REMOTE_ROOM), false);
    boolean hall = grant.kind() == CredentialKind.HALL;   // MV27: its publication is the hall feed
    return owner.call(() -> {
      Resource[] made = new Resource[1];
      return signalling.publish(room, hall, grant.meetingId(), r -> peer(made, id, CredentialKind.WHIP, grant, r), offerSdp)
          .map(published -> {
            made[0].ufrags.addAll(SdpLines.iceUfrags(offerSdp));
            return created(made[0], null, published.getString("sdp"));
          })
          .onFailure(err -> failed(made[0]));
    });
  }

  /**
   * MV12, MV21, MV22: subscribes to the current speaker, else to the hall feed, and follows the floor by {@code switch}
   * ({@link FloorFollowers}; a failed switch is logged and the next floor change tries again); Janus's offer comes back
   * (the 201 of the empty-POST extension, or the 406 counter-offer to a client offer) and the client answers with PATCH.
   */
  @Override
  public Future<Created> egress(RoomGrant grant) {
    if (!enabled) {
      return Future.failedFuture(MediaErrors.unavailable());
    }
    String id = Tokens.random(18);
    return owner.call(() -> {
      Resource[] made = new Resource[1];
      return signalling.follow(grant.meetingId(), r -> peer(made, id, CredentialKind.WHEP, grant, r), null, false,
              (subscription, feed, err) -> {
                LOG.info("WHEP session {} could not switch to feed {}: {}", id, feed, err.toString());
                return true;
              })
          .map(offer -> created(made[0], offer.getString("subscriptionId"), offer.getString("sdp")))
          .onFailure(err -> failed(made[0]));
    });
  }

  private MediaPeer peer(Resource[] made, String id, CredentialKind kind, RoomGrant grant, MeetingRoom room) {
    MediaPeer peer = signalling.endpointPeer(room, kind.name().toLowerCase(java.util.Locale.ROOT) + "-" + id);
    made[0] = new Resource(id, kind, grant, room, peer, etag());
    return peer;
  }

  private Created created(Resource made, String subscriptionId, String sdp) {
    made.subscriptionId = subscriptionId;
    resources.put(made.id, made);
    return new Created(made.id, sdp, made.etag);
  }

  private void failed(Resource made) {
    if (made != null) {
      end(made);
    }
  }

  /** MV13, MV21: the WHEP client's answer to Janus's offer; a present If-Match must match (MV23). */
  @Override
  public Future<Void> answer(RoomGrant grant, String id, String ifMatch, String answerSdp) {
    return owner.call(() -> {
      Resource r = resource(grant, id);
      if (ifMatch != null) {
        checkIfMatch(r, ifMatch);
      }
      if (r.kind != CredentialKind.WHEP) {
        return Future.failedFuture(new PlenumException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
            "A WHIP session takes 'application/trickle-ice-sdpfrag' only."));
      }
      r.ufrags.addAll(SdpLines.iceUfrags(answerSdp));
      return r.peer.answer(r.subscriptionId, answerSdp).recover(MediaErrors::map);
    });
  }

  /**
   * MV13, MV23: the client's candidates from an {@code application/trickle-ice-sdpfrag} body, in order, once its
   * If-Match names the session's ETag (missing: 428, another: 412); an ICE restart (a new {@code ice-ufrag}, or
   * {@code If-Match: *}) is ICE_RESTART_UNSUPPORTED.
   */
  @Override
  public Future<Void> trickle(RoomGrant grant, String id, String ifMatch, String sdpFrag) {
    return owner.call(() -> {
      Resource r = resource(grant, id);
      if (ifMatch == null) {
        throw new PlenumException(ErrorCode.PRECONDITION_REQUIRED, "Send 'If-Match' with the session's ETag.");
      }
      Set<String> ufrags = SdpLines.iceUfrags(sdpFrag);
      boolean restart = ifMatch.strip().equals("*") || !r.ufrags.isEmpty() && !r.ufrags.containsAll(ufrags);
      if (restart) {
        throw new PlenumException(ErrorCode.ICE_RESTART_UNSUPPORTED,
            "ICE restarts are not supported: end this session (DELETE) and create a new one.");
      }
      checkIfMatch(r, ifMatch);
      Future<Void> chain = Future.succeededFuture();
      for (JsonObject c : candidates(sdpFrag)) {
        chain = chain.compose(v -> r.peer.trickle(r.subscriptionId, c));
      }
      return chain.recover(MediaErrors::map);
    });
  }

  private static void checkIfMatch(Resource r, String ifMatch) {
    String tag = ifMatch.strip();
    if (tag.startsWith("W/")) {
      tag = tag.substring(2);
    }
    if (!tag.equals("*") && !tag.equals(r.etag)) {
      throw new PlenumException(ErrorCode.PRECONDITION_FAILED, "'If-Match' does not name this session's current ETag.");
    }
  }

  /** MV14: ends the resource: the publication leaves the room (or the subscription ends) and its Janus session goes. */
  @Override
  public Future<Void> end(RoomGrant grant, String id) {
    return owner.call(() -> {
      Resource r = resource(grant, id);
      resources.remove(id);
      return end(r);
    });
  }

  private Future<Void> end(Resource r) {
    return signalling.endPeer(r.room, r.peer, r.grant.roomAccountId().value());
  }

  /**
   * MV26: a new publication of {@code account} (a socket or another WHIP session) replaces the room's WHIP sessions:
   * they are gone at once (404) and their bridge sessions end once the new one is answered.
   */
  void publishing(MeetingRoom room, UUID account, MediaPeer by, Future<?> answered) {
    List<Resource> replaced = new ArrayList<>();
    resources.values().removeIf(r -> {
      if (r.kind == CredentialKind.WHIP && r.room == room && r.grant.roomAccountId().value().equals(account) && r.peer != by) {
        replaced.add(r);
        return true;
      }
      return false;
    });
    if (!replaced.isEmpty()) {
      owner.resume(answered).onComplete(x -> replaced.forEach(this::end));
    }
  }

  /** MV14: the credential was revoked: every media session opened with it ends now. */
  void revoked(UUID credentialId) {
    owner.run(() -> revokedHere(credentialId));
  }

  void revokedHere(UUID credentialId) {
    resources.values().removeIf(r -> {
      if (!r.grant.credentialId().equals(credentialId)) {
        return false;
      }
      end(r);
      return true;
    });
  }

  /** The resource {@code id} of this credential's room and meeting: NOT_FOUND otherwise (never someone else's). */
  private Resource resource(RoomGrant grant, String id) {
    Resource r = id == null ? null : resources.get(id);
    CredentialKind endpoint = grant.kind() == CredentialKind.HALL ? CredentialKind.WHIP : grant.kind();
    if (r == null || r.kind != endpoint || !r.grant.meetingId().equals(grant.meetingId())
        || !r.grant.roomAccountId().equals(grant.roomAccountId())) {
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
