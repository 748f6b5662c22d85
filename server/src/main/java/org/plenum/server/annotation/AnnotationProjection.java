package org.plenum.server.annotation;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.UUID;
import org.plenum.server.core.Actor;
import org.plenum.server.core.Projection;
import org.plenum.server.document.DocumentAccess;

/**
 * AN5, deny by default. The author gets every change of their own annotation whole ({@code author}). Anyone else must
 * be able to read the document (DA1–DA4) and then gets: the annotation without the list of named people when it is
 * visible to them after the change ({@code other}); {@code {id, erased}} when it was visible before an erase;
 * {@code {id, revoked}} when it was visible before and no longer is. Nothing otherwise — a private annotation reaches
 * no one but its author, the chair and administrators included. Orphan notices go to the author only.
 */
final class AnnotationProjection implements Projection<AnnotationEvent> {
  static final String AUTHOR = "author";
  static final String OTHER = "other";
  static final String ERASED = "erased";
  static final String REVOKED = "revoked";

  @Override
  public Optional<String> viewOf(AnnotationEvent event, Actor viewer) {
    if (event instanceof AnnotationEvent.Orphaned o) {
      return orphanView(o, viewer);
    }
    AnnotationEvent.Changed c = (AnnotationEvent.Changed) event;
    UUID author = c.authorId();
    if (viewer.accountId().equals(author)) {
      return Optional.of(AUTHOR);
    }
    if (sees(author, c.access(), c.seen(), viewer)) {
      return Optional.of(OTHER);
    }
    if (sees(author, c.access(), c.was(), viewer)) {
      return Optional.of(c.annotation() == null ? ERASED : REVOKED);
    }
    return Optional.empty();
  }

  /** Orphan notices name their author in the audience; only the author's own view exists for them. */
  static Optional<String> orphanView(AnnotationEvent.Orphaned o, Actor viewer) {
    return o.audience().admits(viewer) ? Optional.of(AUTHOR) : Optional.empty();
  }

  /**
   * Whether someone other than the author sees an annotation that {@code seen} describes (null: nobody but the
   * author): they may read the document, and the visibility and moderation admit them (AN5).
   */
  static boolean sees(UUID author, JsonObject access, JsonObject seen, Actor viewer) {
    if (seen == null) {
      return false;
    }
    Object[] read = LAST.get();
    if (read[0] != access || read[1] != seen) { // one event is asked about for every socket: read its parts once
      read[0] = access;
      read[1] = seen;
      read[2] = DocumentAccess.fromJson(access);
      read[3] = AnnotationEvent.Seen.fromJson(seen);
    }
    AnnotationEvent.Seen s = (AnnotationEvent.Seen) read[3];
    return ((DocumentAccess) read[2]).permits(viewer) && s.admits(author, Viewer.of(viewer, s.presenting() ? Optional.of(author) : Optional.empty()));
  }

  /** Per thread, the parts last read: the JSON objects of one decoded event (by identity) and what they say. */
  private static final ThreadLocal<Object[]> LAST = ThreadLocal.withInitial(() -> new Object[4]);

  @Override
  public JsonObject render(AnnotationEvent event, String view) {
    if (event instanceof AnnotationEvent.Orphaned o) {
      return new JsonObject().put("id", o.id()).put("documentId", o.documentId()).put("version", o.version()).put("newVersion", o.newVersion())
          .put("reason", o.reason()).put("detail", o.detail());
    }
    AnnotationEvent.Changed c = (AnnotationEvent.Changed) event;
    JsonObject out = new JsonObject().put("id", c.id()).put("documentId", c.documentId());
    return switch (view) {
      case AUTHOR -> c.annotation() == null ? out.put("erased", true) : out.put("annotation", c.annotation());
      case OTHER -> out.put("annotation", forOthers(c.annotation()));
      case ERASED -> out.put("erased", true);
      default -> out.put("revoked", true);
    };
  }

  /** The annotation as others see it: a PEOPLE visibility without its list (only the author sees the list, AN5). */
  static JsonObject forOthers(JsonObject annotation) {
    JsonObject copy = annotation.copy();
    copy.getJsonObject("visibility").remove("people");
    return copy;
  }
}
