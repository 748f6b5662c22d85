package org.plenum.server.core;

import io.vertx.core.Future;
import org.plenum.server.core.db.Tx;

/**
 * A feature's part of a meeting snapshot (protocol R3), read in the snapshot's REPEATABLE READ transaction so that
 * every part and the snapshot's seq belong together. The value (a JsonObject, JsonArray or null) is already what
 * {@code viewer} may see.
 */
@FunctionalInterface
public interface SnapshotPart {
  Future<?> read(Tx tx, MeetingId meeting, Actor viewer);
}
