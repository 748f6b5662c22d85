package org.plenum.server.http;

import org.plenum.server.app.Services;
import org.plenum.server.core.http.RouteMount;
import org.plenum.server.core.http.Routes;

/** Transitional: the routes of the parts not yet moved into feature folders. */
public final class LegacyRoutes implements RouteMount {
  private final Services s;

  public LegacyRoutes(Services s) {
    this.s = s;
  }

  @Override
  public void mount(Routes r) {
    DocumentRoutes documents = new DocumentRoutes(r.vertx(), s);
    documents.mountUploads(r.root());
    RoomRoutes rooms = new RoomRoutes(s);
    rooms.mountImport(r.root());
    AuthRoutes.mount(r.api(), s.auth(), s.config().http().trustForwardedFor());
    AccountRoutes.mount(r.api(), s.auth(), s.accounts(), s.meetings());
    LiveRoutes.mount(r.api(), s);
    documents.mount(r.api());
    rooms.mount(r.api());
  }
}
