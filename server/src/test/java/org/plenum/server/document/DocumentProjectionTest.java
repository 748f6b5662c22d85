package org.plenum.server.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.testing.Received.as;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.core.Actor;
import org.plenum.server.core.Role;
import org.plenum.server.testing.Received;

/** What each viewer receives of the document events, as they travel: stored data decoded, audience, then the projection. */
class DocumentProjectionTest {
  static final String DOCUMENT = "3f0a9c1e-6b2d-4e8f-a1c3-5d7e9f0b2c4d";
  final DocumentProjection projection = new DocumentProjection();
  final Actor chair = as(Role.CHAIR);
  final Actor secretary = as(Role.SECRETARY);
  final Actor named = as(Role.DELEGATE);
  final Actor other = as(Role.DELEGATE);

  static JsonObject document(DocumentAccess access) {
    return new JsonObject().put("id", DOCUMENT).put("title", "Dự thảo nghị quyết").put("access", access.toJson())
        .put("agendaItemIds", new JsonArray()).put("currentVersion", 1).put("versions", new JsonArray());
  }

  Optional<JsonObject> received(DocumentEvent sent, Actor viewer) {
    return Received.received(projection, sent, viewer);
  }

  @Test
  @DisplayName("DA4, DU4: document.published of a confidential document reaches the chair and the named people only, whole")
  void confidential_published() {
    var access = new DocumentAccess(DocumentAccess.Kind.CONFIDENTIAL, Set.of(), Set.of(named.accountId()));
    var published = new DocumentEvent.Published(document(access), access.audience());
    JsonObject whole = new JsonObject().put("document", document(access));
    assertThat(received(published, chair)).contains(whole);
    assertThat(received(published, named)).contains(whole);
    assertThat(received(published, secretary)).isEmpty();
    assertThat(received(published, other)).isEmpty();
  }

  @Test
  @DisplayName("DA5: document.accessChanged: who keeps access sees the document, who lost it only {documentId, revoked}, the rest nothing")
  void access_changed() {
    var before = new DocumentAccess(DocumentAccess.Kind.PEOPLE, Set.of(), Set.of(named.accountId(), other.accountId()));
    var after = new DocumentAccess(DocumentAccess.Kind.PEOPLE, Set.of(), Set.of(named.accountId()));
    var changed = new DocumentEvent.AccessChanged(document(after), before.audienceWith(after));
    assertThat(received(changed, named)).contains(new JsonObject().put("document", document(after)));
    assertThat(received(changed, secretary)).contains(new JsonObject().put("document", document(after)));
    assertThat(received(changed, other)).contains(new JsonObject().put("documentId", DOCUMENT).put("revoked", true));
    assertThat(received(changed, as(Role.OBSERVER))).isEmpty();
  }
}
