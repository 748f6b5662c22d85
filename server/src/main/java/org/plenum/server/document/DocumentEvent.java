package org.plenum.server.document;

import io.vertx.core.json.JsonObject;
import org.plenum.server.core.DomainEvent;
import org.plenum.server.core.EventType;
import org.plenum.server.core.FeatureApi;
import org.plenum.server.core.ledger.Audience;

/**
 * Meeting documents' events (docs/protocol.md, Documents): each carries the whole {@code document} as clients see it
 * (its access, agenda items and versions). {@code audience} comes from {@link DocumentAccess} (DU4, DA5).
 */
@FeatureApi
public sealed interface DocumentEvent extends DomainEvent {
  /** The document as clients see it (id, title, access, agendaItemIds, currentVersion, versions). */
  JsonObject document();

  /** The document's access as it is after the event. */
  default DocumentAccess access() {
    return DocumentAccess.fromJson(document().getJsonObject("access"));
  }

  /** DU3, DU4: a new document with its first version, to exactly the people its access admits. */
  @EventType("document.published")
  record Published(JsonObject document, Audience audience) implements DocumentEvent {}

  /** DU4: a new current version, to exactly the people the document's access admits. */
  @EventType("document.versionAdded")
  record VersionAdded(JsonObject document, Audience audience) implements DocumentEvent {}

  /** DA5: the access changed; heard by everyone admitted before or after (those who lost access learn only that). */
  @EventType("document.accessChanged")
  record AccessChanged(JsonObject document, Audience audience) implements DocumentEvent {}
}
