package org.plenum.server.core.live;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.plenum.server.core.Actor;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.SnapshotPart;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.ledger.LedgerStore;

/**
 * The whole state of a meeting at one ledger seq, as one viewer may see it: {@code seq}, then each feature's part in
 * registration order. Read in one REPEATABLE READ, read-only transaction, so the parts and the seq belong together
 * (protocol R3).
 */
public final class Snapshots {
  private final Database db;
  private final LedgerStore ledger;
  private final Map<String, SnapshotPart> parts;

  public Snapshots(Database db, LedgerStore ledger, Features features) {
    this.db = db;
    this.ledger = ledger;
    this.parts = features.snapshotParts();
  }

  public Future<JsonObject> snapshot(MeetingId meeting, Actor viewer) {
    return db.readSnapshot(tx -> ledger.headSeq(tx, meeting).compose(seq -> {
      if (seq.isEmpty()) {
        return Future.failedFuture(PlenumException.notFound("No meeting '" + meeting + "'."));
      }
      JsonObject snap = new JsonObject().put("seq", seq.get());
      Future<Void> all = Future.succeededFuture();
      for (var part : parts.entrySet()) {
        all = all.compose(v -> part.getValue().read(tx, meeting, viewer).map(value -> {
          snap.put(part.getKey(), value);
          return (Void) null;
        }));
      }
      return all.map(snap);
    }));
  }
}
