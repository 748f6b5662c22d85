package org.plenum.server.annotation;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;

/**
 * What the server checks before it accepts an operation, each failure a typed error (draft rules AN6–AN9 in
 * docs/protocol.md): {@link #checkContent content} against the limits and the page, {@link #authorize who} may do
 * it, the {@link #checkQuota quota} of a create and the {@link #checkClock clock}. Pure: the caller passes the
 * server's current state of the annotation, the page boxes of the document version and the counts.
 */
public final class AnnotationRules {
  private final AnnotationLimits limits;

  public AnnotationRules(AnnotationLimits limits) {
    this.limits = limits;
  }

  public AnnotationLimits limits() {
    return limits;
  }

  // ---- content

  /**
   * Shapes, styles, texts and visibility of {@code op}.
   *
   * @param current the server's state of this annotation, if any (an edit keeps the annotation's kind)
   * @param pageBox the page box (crop box, user space) of an anchor's page; empty when the document, version or page
   *     does not exist ({@code NOT_FOUND})
   */
  public void checkContent(AnnotationOp op, Optional<AnnotationState> current,
      Function<Anchor, Optional<Rect>> pageBox) {
    Optional<AnnotationKind> was = current.map(AnnotationState::placement).map(r -> r.value().shape().kind());
    if (op instanceof AnnotationOp.Create c) {
      AnnotationKind kind = checkPlacement(c.placement(), pageBox);
      sameKind(was, kind);
      checkStyle(c.style(), kind);
      checkVisibility(c.visibility());
      if (kind == AnnotationKind.NOTE) {
        checkText(c.text().orElseThrow(() -> PlenumException.badMessage("A note needs a text (it may be empty).")),
            "A note's text", limits.maxNoteChars());
      } else if (c.text().isPresent()) {
        throw PlenumException.badMessage("Only notes have a text; this is " + kind + ".");
      }
    } else if (op instanceof AnnotationOp.Edit e) {
      checkEdit(e, was, pageBox);
      Optional<UUID> document = current.map(AnnotationState::placement).map(r -> r.value().anchor().documentId());
      if (e.placement().isPresent() && document.isPresent()
          && !document.get().equals(e.placement().get().anchor().documentId())) {
        throw PlenumException.badMessage("An annotation stays on its document; create one on the other document.");
      }
    }
  }

  private void checkEdit(AnnotationOp.Edit e, Optional<AnnotationKind> was, Function<Anchor, Optional<Rect>> pageBox) {
    if (e.isEmpty()) {
      throw PlenumException.badMessage("The edit changes nothing.");
    }
    Optional<AnnotationKind> kind = e.placement().map(p -> checkPlacement(p, pageBox));
    kind.ifPresent(k -> sameKind(was, k));
    AnnotationKind effective = kind.or(() -> was).orElse(AnnotationKind.INK);
    e.style().ifPresent(s -> checkStyle(s, effective));
    e.visibility().ifPresent(this::checkVisibility);
    if (e.text().isPresent()) {
      if (effective != AnnotationKind.NOTE) {
        throw PlenumException.badMessage("Only notes have a text; this is " + effective + ".");
      }
      checkText(e.text().get().text(), "A note's text", limits.maxNoteChars());
      if (e.text().get().replaces().size() > limits.maxReplaces()) {
        throw tooLarge("A note edit replaces at most " + limits.maxReplaces() + " texts.");
      }
    }
  }

  private static void sameKind(Optional<AnnotationKind> was, AnnotationKind kind) {
    if (was.isPresent() && was.get() != kind) {
      throw PlenumException.badMessage("An annotation keeps its kind: this one is " + was.get() + ", not " + kind
          + " (erase it and create a new one).");
    }
  }

  /** The placement's page exists and its shape lies on it; returns its kind. */
  AnnotationKind checkPlacement(Placement placement, Function<Anchor, Optional<Rect>> pageBox) {
    Anchor a = placement.anchor();
    if (a.version() < 1 || a.page() < 1) {
      throw PlenumException.badMessage("Versions and pages count from 1 (got version " + a.version() + ", page "
          + a.page() + ").");
    }
    Rect page = pageBox.apply(a).orElseThrow(() -> PlenumException.notFound("Version " + a.version()
        + " of document " + a.documentId() + " has no page " + a.page() + "."));
    Shape shape = placement.shape();
    checkShape(shape);
    Rect allowed = page.grown(limits.offPageMargin());
    for (Point p : shape.points()) {
      if (!Double.isFinite(p.x()) || !Double.isFinite(p.y())) {
        throw PlenumException.badMessage("Coordinates must be finite numbers (got " + p.x() + ", " + p.y() + ").");
      }
      if (!allowed.contains(p)) {
        throw PlenumException.badMessage("The point (" + p.x() + ", " + p.y() + ") lies off page " + a.page()
            + " (" + page.x0() + " " + page.y0() + " " + page.x1() + " " + page.y1() + ").");
      }
    }
    return shape.kind();
  }

  private void checkShape(Shape shape) {
    if (shape instanceof Shape.Ink ink) {
      count(ink.samples().size(), limits.maxPointsPerStroke(), "An ink stroke", "points");
      for (InkPoint p : ink.samples()) {
        if (!(p.pressure() >= 0 && p.pressure() <= 1)) {
          throw PlenumException.badMessage("Pen pressure is from 0 to 1 (got " + p.pressure() + ").");
        }
      }
    } else if (shape instanceof Shape.Highlight h) {
      count(h.quads().size(), limits.maxQuadsPerHighlight(), "A highlight", "quads");
      checkText(h.quote(), "A highlight's quoted text", limits.maxQuoteChars());
    }
  }

  private void checkStyle(Style style, AnnotationKind kind) {
    if (!(style.width() > 0 && style.width() <= limits.maxStrokeWidth())) {
      throw PlenumException.badMessage("The line width is more than 0 and at most " + limits.maxStrokeWidth()
          + " points (got " + style.width() + ").");
    }
    if (style.tool() == Style.Tool.HIGHLIGHTER && kind != AnnotationKind.INK) {
      throw PlenumException.badMessage("The highlighter pen is a tool for ink, not for " + kind + ".");
    }
  }

  private void checkVisibility(Visibility visibility) {
    if (visibility instanceof Visibility.People p) {
      count(p.people().size(), limits.maxPeople(), "A visibility", "people");
    }
  }

  private static void count(int n, int max, String what, String things) {
    if (n < 1) {
      throw PlenumException.badMessage(what + " needs at least one of its " + things + ".");
    }
    if (n > max) {
      throw tooLarge(what + " has at most " + max + " " + things + " (got " + n + ").");
    }
  }

  /** At most {@code max} characters, no NUL (PostgreSQL text cannot hold it) and no broken surrogate pair. */
  private static void checkText(String text, String what, int max) {
    int chars = text.codePointCount(0, text.length());
    if (chars > max) {
      throw tooLarge(what + " has at most " + max + " characters (got " + chars + ").");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean brokenPair = Character.isHighSurrogate(c)
          ? i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(++i))
          : Character.isLowSurrogate(c);
      if (c == 0 || brokenPair) {
        throw PlenumException.badMessage(what + " holds a character that is not text.");
      }
    }
  }

  // ---- who

  /**
   * Whether {@code actor} may apply {@code op}, given the server's state of the annotation: only the author
   * creates, edits and erases an annotation; only the chair moderates, and only what the chair can see. An
   * annotation the actor cannot see is {@code NOT_FOUND}, never {@code FORBIDDEN} (that would tell it exists).
   * Edits and erases of an erased annotation pass: they change nothing, and the device that sent them gets its ack.
   */
  public static void authorize(AnnotationOp op, Optional<AnnotationState> current, Viewer actor) {
    if (!actor.is(op.by())) {
      throw PlenumException.forbidden("An operation is made by the account that sends it.");
    }
    Optional<UUID> owner = current.flatMap(AnnotationState::findOwner);
    if (op instanceof AnnotationOp.Create) {
      if (owner.isPresent() && !actor.is(owner.get())) {
        throw new PlenumException(ErrorCode.CONFLICT, "This annotation id is taken; make a new one.");
      }
      return;
    }
    if (owner.isEmpty()) {
      throw PlenumException.notFound("No annotation " + op.id() + ".");
    }
    if (current.get().isErased()) {
      if (op instanceof AnnotationOp.Moderate) {
        throw PlenumException.notFound("No annotation " + op.id() + ".");
      }
      return;
    }
    Annotation seen = current.get().view().filter(a -> a.visibleTo(actor))
        .orElseThrow(() -> PlenumException.notFound("No annotation " + op.id() + "."));
    if (op instanceof AnnotationOp.Moderate) {
      if (actor.standing() != Viewer.Standing.CHAIR) {
        throw PlenumException.forbidden("Only the chair may hide or show others' annotations.");
      }
    } else if (!actor.is(seen.author())) {
      throw PlenumException.forbidden("Only its author may change or erase an annotation.");
    }
  }

  // ---- quota, clock

  /** Before a create: the author's live annotations on that page and in the meeting, already accepted. */
  public void checkQuota(long liveOnPage, long liveOfPerson) {
    if (liveOnPage >= limits.maxPerPage()) {
      throw new PlenumException(ErrorCode.CONFLICT, "You have " + liveOnPage + " annotations on this page, the "
          + "most allowed; erase some first.");
    }
    if (liveOfPerson >= limits.maxPerPerson()) {
      throw new PlenumException(ErrorCode.CONFLICT, "You have " + liveOfPerson + " annotations in this meeting, "
          + "the most allowed; erase some first.");
    }
  }

  /** The operation's clock is not too far ahead of the server's ({@code STALE_CLOCK}). */
  public void checkClock(AnnotationOp op, long serverMillis) {
    HlcClock.requireNotAhead(op.stamp().hlc(), serverMillis, limits.maxClockAhead());
  }

  private static PlenumException tooLarge(String message) {
    return new PlenumException(ErrorCode.PAYLOAD_TOO_LARGE, message);
  }
}
