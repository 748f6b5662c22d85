package org.plenum.server.app;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.plenum.server.core.Actor;
import org.plenum.server.core.Projection;
import org.plenum.server.core.ledger.NewEvent;

/** Transitional: the views of events of parts not yet in feature folders. */
final class LegacyProjection implements Projection<NewEvent> {
  @Override
  public Optional<String> viewOf(NewEvent e, Actor viewer) {
    if (e.type().equals(org.plenum.server.document.DocumentService.ACCESS_CHANGED)) {
      return Optional.of(documentAccess(e.data()).permits(viewer) ? "all" : "revoked");
    }
    return Optional.of("all");
  }

  @Override
  public JsonObject render(NewEvent e, String view) {
    if (e.type().equals(org.plenum.server.document.DocumentService.ACCESS_CHANGED) && view.equals("revoked")) {
      return new JsonObject().put("documentId", e.data().getJsonObject("document").getString("id")).put("revoked", true);
    }
    return e.data();
  }

  private static org.plenum.server.document.DocumentAccess documentAccess(JsonObject data) {
    return org.plenum.server.document.DocumentAccess.fromJson(data.getJsonObject("document").getJsonObject("access"));
  }
}
