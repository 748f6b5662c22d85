package org.plenum.server.speaker;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.plenum.server.core.FeatureApi;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Tx;

/** What other features may ask of the list of speakers (the media plane: who has the floor). */
@FeatureApi
public interface SpeakerQueue {
  /** {@code current} (the entry with the floor, or null) and {@code waiting}, as the people running the meeting see it. */
  Future<JsonObject> queue(Tx tx, MeetingId meeting);
}
