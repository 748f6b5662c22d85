package org.plenum.server.annotation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An annotation as people see it (ghi chú, ý kiến trên tài liệu): the merged, live state of one annotation.
 *
 * @param noteTexts for notes, the live texts newest first: the first is the text, the others conflicts made on
 *     other devices at the same time (to be resolved by an edit that replaces them all); empty for other kinds
 * @param created the stamp of the create
 * @param updated the latest stamp of any field
 */
public record Annotation(AnnotationId id, UUID author, Placement placement, Style style, Visibility visibility,
    List<NoteVersion> noteTexts, Moderation moderation, Stamp created, Stamp updated) {

  public Annotation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(placement, "placement");
    Objects.requireNonNull(style, "style");
    Objects.requireNonNull(visibility, "visibility");
    noteTexts = List.copyOf(noteTexts);
    Objects.requireNonNull(moderation, "moderation");
  }

  public AnnotationKind kind() {
    return placement.shape().kind();
  }

  public Anchor anchor() {
    return placement.anchor();
  }

  public Shape shape() {
    return placement.shape();
  }

  /** A note's text (the newest when there are conflicts). */
  public Optional<String> text() {
    return noteTexts.stream().findFirst().map(NoteVersion::text);
  }

  /** A note's other texts, made on other devices at the same time; empty when there is no conflict. */
  public List<NoteVersion> conflicts() {
    return noteTexts.isEmpty() ? List.of() : noteTexts.subList(1, noteTexts.size());
  }

  /**
   * The one visibility rule: the author always; others when the author's {@link Visibility} admits them and the
   * chair has not hidden it — the chair still sees what it hid (to show it again). A private annotation is never
   * visible to anyone else, the chair included.
   */
  public boolean visibleTo(Viewer viewer) {
    return visible(author, visibility, moderation, viewer);
  }

  /** {@link #visibleTo} for an annotation known only by these parts (an event, a state before a change). */
  public static boolean visible(UUID author, Visibility visibility, Moderation moderation, Viewer viewer) {
    if (viewer.is(author)) {
      return true;
    }
    if (!visibility.admits(author, viewer)) {
      return false;
    }
    return moderation == Moderation.VISIBLE || viewer.standing() == Viewer.Standing.CHAIR;
  }
}
