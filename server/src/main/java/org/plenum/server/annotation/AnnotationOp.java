package org.plenum.server.annotation;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One change to one annotation, as a device makes it and every replica merges it (docs/decisions.md D19). Each
 * carries the annotation's client-made id, the account that made it ({@code by}, set by the server from the
 * socket, never taken from the client) and its {@link Stamp}. Applying the same set of operations in any order,
 * any number of times, gives the same state ({@link AnnotationState#apply}).
 */
public sealed interface AnnotationOp permits AnnotationOp.Create, AnnotationOp.Edit, AnnotationOp.Erase,
    AnnotationOp.Moderate {

  AnnotationId id();

  UUID by();

  Stamp stamp();

  /** A new annotation with every field; {@code text} for notes only. Its author is {@code by}. */
  record Create(AnnotationId id, UUID by, Stamp stamp, Placement placement, Style style, Visibility visibility,
      Optional<String> text) implements AnnotationOp {
    public Create {
      identified(id, by, stamp);
      Objects.requireNonNull(placement, "placement");
      Objects.requireNonNull(style, "style");
      Objects.requireNonNull(visibility, "visibility");
      Objects.requireNonNull(text, "text");
    }
  }

  /** Changes the fields present, each on its own (per-field last writer wins; the note's text keeps conflicts). */
  record Edit(AnnotationId id, UUID by, Stamp stamp, Optional<Placement> placement, Optional<Style> style,
      Optional<Visibility> visibility, Optional<NoteEdit> text) implements AnnotationOp {
    public Edit {
      identified(id, by, stamp);
      Objects.requireNonNull(placement, "placement");
      Objects.requireNonNull(style, "style");
      Objects.requireNonNull(visibility, "visibility");
      Objects.requireNonNull(text, "text");
    }

    public boolean isEmpty() {
      return placement.isEmpty() && style.isEmpty() && visibility.isEmpty() && text.isEmpty();
    }
  }

  /** Erase (xóa): a tombstone that wins over every other change, whenever it was made or arrives. */
  record Erase(AnnotationId id, UUID by, Stamp stamp) implements AnnotationOp {
    public Erase {
      identified(id, by, stamp);
    }
  }

  /** The chair hides a shared annotation from others, or shows it again. */
  record Moderate(AnnotationId id, UUID by, Stamp stamp, Moderation moderation) implements AnnotationOp {
    public Moderate {
      identified(id, by, stamp);
      Objects.requireNonNull(moderation, "moderation");
    }
  }

  private static void identified(AnnotationId id, UUID by, Stamp stamp) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(stamp, "stamp");
  }

  /**
   * A note's new text, and the stamps of the texts the device had on screen when it was written ({@code replaces}):
   * those are gone; any other text made meanwhile on another device stays beside it as a conflict.
   */
  record NoteEdit(String text, Set<Stamp> replaces) {
    public NoteEdit {
      Objects.requireNonNull(text, "text");
      replaces = Set.copyOf(replaces);
    }
  }
}
