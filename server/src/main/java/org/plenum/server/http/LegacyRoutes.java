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
    new MediaEndpointRoutes(s).mount(r.root());
  }
}
