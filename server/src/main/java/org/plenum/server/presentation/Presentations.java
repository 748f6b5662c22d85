package org.plenum.server.presentation;

import io.vertx.core.Future;
import java.util.Optional;
import java.util.UUID;
import org.plenum.server.core.FeatureApi;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Tx;

/** What other features may ask of follow the chair: who presents now (presenter ink is shown to followers). */
@FeatureApi
public interface Presentations {
  /** The presenter the chair named (PR2), if any. */
  Future<Optional<UUID>> presenter(Tx tx, MeetingId meeting);
}
