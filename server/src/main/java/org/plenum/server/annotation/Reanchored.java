package org.plenum.server.annotation;

import java.util.Objects;

/** Where re-anchoring put one annotation on the new version: {@link Moved} there, or {@link Orphaned} with why. */
public sealed interface Reanchored permits Reanchored.Moved, Reanchored.Orphaned {

  AnnotationId id();

  /** Placed on the new version (perhaps at the same spot): apply as an edit of the placement. */
  record Moved(AnnotationId id, Placement placement) implements Reanchored {
    public Moved {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(placement, "placement");
    }
  }

  /**
   * Could not be placed with confidence: it stays on its old version, listed for its author with the reason.
   * Never dropped.
   */
  record Orphaned(AnnotationId id, Reason reason, String detail) implements Reanchored {
    public Orphaned {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }
  }

  enum Reason {
    /** The highlighted text, or the text it was next to, is not in the new version. */
    TEXT_NOT_FOUND,
    /** The text is in the new version more than once and its surroundings do not tell which. */
    AMBIGUOUS,
    /** The highlighted text now runs across a page break. */
    SPLIT_ACROSS_PAGES,
    /** Moved with its text, it would lie off the new page. */
    OFF_PAGE,
    /** No text near it on its page, and no page of the new version is clearly the same page. */
    NO_TEXT_NEARBY,
    /** Its page is not in the old version's text layer (the caller passed the wrong version). */
    PAGE_NOT_FOUND
  }
}
