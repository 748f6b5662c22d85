package org.plenum.server.core.live;

import io.vertx.core.Vertx;
import org.plenum.server.config.PlenumConfig.WsConfig;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.http.RouteMount;
import org.plenum.server.core.ledger.LedgerStore;

/**
 * The live core, built once from the registered features: projections (deny by default), snapshots, the command
 * router, the core's own REST routes, and a socket gateway per HTTP verticle (each with its own hub of channels on
 * that verticle's event loop).
 */
public final class LiveMeetings {
  private final WsConfig ws;
  private final LedgerStore ledger;
  private final Features features;
  private final Projections projections;
  private final Snapshots snapshots;
  private final CommandRouter commands;
  private final SocketAdmission admission;
  private final LiveMetrics metrics;

  public LiveMeetings(WsConfig ws, Database db, LedgerStore ledger, Features features, SocketAdmission admission, LiveMetrics metrics) {
    this.metrics = metrics;
    this.ws = ws;
    this.ledger = ledger;
    this.features = features;
    this.admission = admission;
    this.projections = new Projections(features);
    this.snapshots = new Snapshots(db, ledger, features);
    this.commands = new CommandRouter(features, projections, ledger, snapshots, ws.resumeMaxEvents());
  }

  public Features features() {
    return features;
  }

  public Projections projections() {
    return projections;
  }

  public Snapshots snapshots() {
    return snapshots;
  }

  public CommandRouter commands() {
    return commands;
  }

  /** The core's own routes: snapshot, ledger pages, chain check. */
  public RouteMount routes() {
    return new LedgerRoutes(snapshots, ledger, projections);
  }

  /** A gateway with its own hub, for one HTTP verticle. */
  public MeetingGateway gateway(Vertx vertx) {
    var presence = new MeetingChannel.PresenceLimits(ws.presenceInterval().toMillis(), ws.presenceFullMax(), ws.presenceCountInterval().toMillis(),
        ws.presencePeerTimeout().toMillis());
    return new MeetingGateway(vertx, ws, new MeetingHub(vertx, ledger, projections, presence, metrics, ws.heartbeatInterval().toMillis()), admission,
        commands);
  }
}
