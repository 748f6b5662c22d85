package org.plenum.server.document;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.plenum.server.core.Actor;
import org.plenum.server.core.Projection;

/**
 * DA1–DA5: a document's events reach the people its access admits, whole. An access change also reaches those who
 * just lost access, who see only {@code {documentId, revoked: true}}; nobody else sees anything.
 */
final class DocumentProjection implements Projection<DocumentEvent> {
  private static final String ALL = "all";
  private static final String REVOKED = "revoked";

  @Override
  public Optional<String> viewOf(DocumentEvent event, Actor viewer) {
    if (event.access().permits(viewer)) {
      return Optional.of(ALL);
    }
    return event instanceof DocumentEvent.AccessChanged ? Optional.of(REVOKED) : Optional.empty();
  }

  @Override
  public JsonObject render(DocumentEvent event, String view) {
    if (view.equals(REVOKED)) {
      return new JsonObject().put("documentId", event.document().getString("id")).put("revoked", true);
    }
    return event.data();
  }
}
