package org.plenum.server.agenda;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.plenum.server.core.Actor;
import org.plenum.server.core.FeatureApi;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Tx;

/** What other features may ask of the agenda. */
@FeatureApi
public interface Agenda {
  /** The item under discussion now (null: none). */
  Future<UUID> currentItem(Tx tx, MeetingId meeting);

  /** The numbered agenda as {@code viewer} may see it (AG2: internal items only for the people running the meeting). */
  Future<JsonObject> view(Tx tx, MeetingId meeting, Actor viewer);
}
