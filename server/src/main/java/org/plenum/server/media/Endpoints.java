package org.plenum.server.media;

import io.vertx.core.Future;
import org.plenum.server.room.RoomGrant;

/**
 * What the WHIP/WHEP routes ask of the media plane (MV11–MV14): {@link MediaEndpoints} on the node that runs it, or the
 * same calls forwarded to the cluster's media owner ({@link MediaRelay}, CL10).
 */
interface Endpoints {
  Future<MediaEndpoints.Created> ingest(RoomGrant grant, String offerSdp);

  Future<MediaEndpoints.Created> egress(RoomGrant grant);

  Future<Void> answer(RoomGrant grant, String id, String ifMatch, String answerSdp);

  Future<Void> trickle(RoomGrant grant, String id, String ifMatch, String sdpFrag);

  Future<Void> end(RoomGrant grant, String id);
}
