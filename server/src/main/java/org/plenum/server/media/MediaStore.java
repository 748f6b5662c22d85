package org.plenum.server.media;

import io.vertx.core.Future;
import java.util.List;
import org.plenum.server.core.MeetingId;

/** What the media plane reads from PostgreSQL itself (CL9): which meetings to take over after the media owner died. */
interface MediaStore {
  /** Meetings not closed whose ledger has a {@code media.floor} or {@code media.status} event: they had a room. */
  Future<List<MeetingId>> meetingsWithVideo();
}
