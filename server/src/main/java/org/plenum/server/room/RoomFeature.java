package org.plenum.server.room;

import io.vertx.core.Vertx;
import java.time.Clock;
import org.plenum.server.auth.AuthService;
import org.plenum.server.config.PlenumConfig;
import org.plenum.server.core.Feature;
import org.plenum.server.core.FeatureRegistry;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.ledger.Ledger;

/**
 * Remote rooms (điểm cầu): the room list imported from CSV, the rooms' credentials (kiosk link, WHIP, WHEP), the kiosk
 * sign-in and TURN credentials.
 */
public final class RoomFeature implements Feature {
  private final RoomService rooms;
  private final RoomCredentialService credentials;
  private final TurnCredentials turn;
  private final AuthService auth;
  private final PlenumConfig config;

  public RoomFeature(Vertx vertx, Database db, Ledger ledger, AuthService auth, PlenumConfig config, Clock clock) {
    RoomStore store = new PgRoomStore();
    this.rooms = new RoomService(db, ledger, store, config.rooms(), org.plenum.server.core.live.AccessChanges.of(vertx));
    this.credentials = new RoomCredentialService(vertx, db, ledger, store, config.rooms(), clock);
    this.turn = new TurnCredentials(config.turn());
    this.auth = auth;
    this.config = config;
  }

  /** Room credentials as other features (the media plane) see them. */
  public RoomCredentials credentials() {
    return credentials;
  }

  @Override
  public String name() {
    return "room";
  }

  @Override
  public void register(FeatureRegistry r) {
    r.events(RoomEvent.class, new RoomProjection());
    r.routes(new RoomRoutes(rooms, credentials, turn, auth, config));
  }
}
