package org.plenum.server.core.live;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.http.RouteMount;
import org.plenum.server.core.http.Routes;
import org.plenum.server.core.ledger.LedgerEvent;
import org.plenum.server.core.ledger.LedgerStore;
import org.plenum.server.core.ledger.LedgerVerifier;

/**
 * The meeting's record over REST: the snapshot as the caller may see it, ledger pages (each event through the same
 * projections as the socket: deny by default) and the chain check (people running the meeting).
 */
public final class LedgerRoutes implements RouteMount {
  private final Snapshots snapshots;
  private final LedgerStore ledger;
  private final Projections projections;

  public LedgerRoutes(Snapshots snapshots, LedgerStore ledger, Projections projections) {
    this.snapshots = snapshots;
    this.ledger = ledger;
    this.projections = projections;
  }

  @Override
  public void mount(Routes r) {
    r.get("/meetings/:meetingId/snapshot", (ctx, a) -> snapshots.snapshot(Routes.meeting(ctx), a));

    r.get("/meetings/:meetingId/ledger", (ctx, a) -> {
      long after = longParam(ctx, "after", 0, Long.MAX_VALUE, 0);
      int limit = (int) longParam(ctx, "limit", 1, 1000, 200);
      return ledger.read(Routes.meeting(ctx), after, Long.MAX_VALUE, limit).map(events -> {
        JsonArray out = new JsonArray();
        long last = after;
        for (LedgerEvent e : events) {
          last = e.seq();
          projections.prepare(e).jsonFor(a).ifPresent(out::add);
        }
        return new JsonObject().put("events", out).put("next", events.size() < limit ? null : last);
      });
    });

    LedgerVerifier verifier = new LedgerVerifier(ledger);
    r.get("/meetings/:meetingId/ledger/verify", (ctx, a) -> {
      a.requireRunner();
      return verifier.verify(Routes.meeting(ctx));
    });
  }

  static long longParam(RoutingContext ctx, String name, long min, long max, long dflt) {
    String v = ctx.request().getParam(name);
    if (v == null) {
      return dflt;
    }
    try {
      long n = Long.parseLong(v);
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw PlenumException.badMessage("Query parameter '" + name + "' must be a whole number from " + min + " to " + max + ".");
    }
  }
}
