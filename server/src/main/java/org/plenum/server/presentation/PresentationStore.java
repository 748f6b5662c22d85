package org.plenum.server.presentation;

import io.vertx.core.Future;
import java.util.UUID;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Tx;

/** What each meeting presents now (one row per meeting). */
public interface PresentationStore {
  /** What is shown: all fields null when nothing was ever presented. */
  Future<PresentationEvent.Changed> current(Tx tx, MeetingId meeting);

  /** Saves what is shown; document, page and zoom all null when nothing is (PR4). */
  Future<Void> save(Tx tx, MeetingId meeting, UUID presenter, String document, Integer page, Double zoom);
}
