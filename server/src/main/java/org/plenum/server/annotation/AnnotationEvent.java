package org.plenum.server.annotation;

import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.plenum.server.core.DomainEvent;
import org.plenum.server.core.EventType;
import org.plenum.server.core.ledger.Audience;

/**
 * Annotations' ledger events (docs/protocol.md §14). The data a viewer gets is decided by {@link AnnotationProjection}
 * (AN5): what is stored here beside the annotation — who could see it before the change, the document's access, whether
 * its author presented — is for that decision and never sent as it is.
 */
public sealed interface AnnotationEvent extends DomainEvent {
  /** Who could see an annotation at one moment: its visibility (with the named people), hidden by the chair, presenting. */
  record Seen(Visibility visibility, Moderation moderation, boolean presenting) {
    JsonObject toJson() {
      return new JsonObject().put("visibility", Trees.vertx(ValueJson.visibility(visibility, true))).put("moderation", moderation.name())
          .put("presenting", presenting);
    }

    /** Read back what {@link #toJson} wrote (server-made data: no checks beyond the types). */
    static Seen fromJson(JsonObject j) {
      if (j == null) {
        return null;
      }
      JsonObject v = j.getJsonObject("visibility");
      Visibility visibility = switch (Visibility.Kind.valueOf(v.getString("kind"))) {
        case PRIVATE -> Visibility.PRIVATE;
        case SHARED -> Visibility.SHARED;
        case PRESENTER -> Visibility.PRESENTER;
        case PEOPLE -> new Visibility.People(v.getJsonArray("people").stream().map(p -> UUID.fromString((String) p)).toList());
      };
      return new Seen(visibility, Moderation.valueOf(j.getString("moderation")), j.getBoolean("presenting"));
    }

    /** Whether {@code viewer} sees an annotation of {@code author} (AN5). */
    boolean admits(java.util.UUID author, Viewer viewer) {
      return Annotation.visible(author, visibility, moderation, viewer);
    }
  }

  /**
   * AN4: one accepted operation. {@code annotation} is the annotation as its author sees it after the operation, null
   * when it is erased; {@code seen} who may see it now (null when erased), {@code was} who could see it before (null
   * when nobody but its author could: new, or erased before); {@code access} the document's access (DA1–DA4).
   */
  @EventType("annotation.changed")
  record Changed(String id, String documentId, String author, String op, JsonObject annotation, JsonObject seen, JsonObject was,
                 JsonObject access, Audience audience) implements AnnotationEvent {
    UUID authorId() {
      return UUID.fromString(author);
    }
  }

  /** AN10: an annotation that could not be carried to a new version; to its author only. */
  @EventType("annotation.orphaned")
  record Orphaned(String id, String documentId, int version, int newVersion, String reason, String detail, Audience audience)
      implements AnnotationEvent {}
}
