package org.plenum.server.core.live;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.plenum.server.core.Actor;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.SnapshotPart;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.http.Http;
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
    // D48: the head and every part's reads are sent at once on the transaction's connection (the PostgreSQL client
    // pipelines them), so a snapshot holds its pooled connection for about one round trip, not one per part; the
    // parts are put in registration order whatever order they finish in.
    return db.readSnapshot(tx -> {
      Future<java.util.Optional<Long>> head = ledger.headSeq(tx, meeting);
      java.util.List<String> keys = new java.util.ArrayList<>(parts.size());
      java.util.List<Future<Object>> reads = new java.util.ArrayList<>(parts.size());
      for (var part : parts.entrySet()) {
        keys.add(part.getKey());
        reads.add(Http.guard(() -> part.getValue().read(tx, meeting, viewer).map(v -> (Object) v)));
      }
      return Future.join(head, Future.join(reads)).compose(all -> {
        if (head.result().isEmpty()) {
          return Future.failedFuture(PlenumException.notFound("No meeting '" + meeting + "'."));
        }
        JsonObject snap = new JsonObject().put("seq", head.result().get());
        for (int i = 0; i < keys.size(); i++) {
          snap.put(keys.get(i), reads.get(i).result());
        }
        return Future.succeededFuture(snap);
      }, err -> head.succeeded() && head.result().isEmpty()
          ? Future.failedFuture(PlenumException.notFound("No meeting '" + meeting + "'.")) : Future.failedFuture(err));
    });
  }

}
