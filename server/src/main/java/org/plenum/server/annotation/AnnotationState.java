package org.plenum.server.annotation;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Everything a replica knows about one annotation, merged from the operations it has received (D19):
 *
 * <ul>
 *   <li>{@code author}: the {@code by} of the earliest {@link AnnotationOp.Create} (first writer wins);
 *   <li>{@code placement}, {@code style}, {@code visibility}, {@code moderation}: last writer wins per field, by
 *       {@link Stamp} order;
 *   <li>{@code text}: the note's texts, a multi-value register ({@link NoteTexts});
 *   <li>{@code erased}: the tombstone, the latest {@link AnnotationOp.Erase}. Once erased, every other field is
 *       dropped and every later operation except another erase is ignored, so the result depends on the set of
 *       erases only — never on what arrived before them.
 * </ul>
 *
 * An edit can arrive before its create (a delayed message): the state then holds fields but no author and is not
 * {@linkplain #view visible} until the create arrives. Immutable; {@link #apply} returns the merged state.
 */
public record AnnotationState(AnnotationId id, Register<UUID> author, Register<Placement> placement,
    Register<Style> style, Register<Visibility> visibility, NoteTexts text, Register<Moderation> moderation,
    Register<UUID> erased) {

  public AnnotationState {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
  }

  public static AnnotationState empty(AnnotationId id) {
    return new AnnotationState(id, null, null, null, null, NoteTexts.EMPTY, null, null);
  }

  public boolean isErased() {
    return erased != null;
  }

  /** The author, once the create has arrived (also after an erase that came after it). */
  public Optional<UUID> findAuthor() {
    return Optional.ofNullable(author).map(Register::value);
  }

  /** Whose annotation this is: the author, or for a tombstone whoever erased it (only the author may). */
  public Optional<UUID> findOwner() {
    return findAuthor().or(() -> Optional.ofNullable(erased).map(Register::value));
  }

  /** This state merged with {@code op} (which must be about this annotation). */
  public AnnotationState apply(AnnotationOp op) {
    if (!op.id().equals(id)) {
      throw new IllegalArgumentException("operation for " + op.id() + " applied to " + id);
    }
    if (op instanceof AnnotationOp.Erase e) {
      return tombstone(Register.later(erased, new Register<>(e.stamp(), e.by())));
    }
    if (isErased()) {
      return this;
    }
    Stamp at = op.stamp();
    if (op instanceof AnnotationOp.Create c) {
      NoteTexts texts = c.text().map(t -> text.with(at, t, Set.of())).orElse(text);
      return new AnnotationState(id, Register.earlier(author, new Register<>(at, c.by())),
          later(placement, at, Optional.of(c.placement())), later(style, at, Optional.of(c.style())),
          later(visibility, at, Optional.of(c.visibility())), texts, moderation, null);
    }
    if (op instanceof AnnotationOp.Edit e) {
      NoteTexts texts = e.text().map(t -> text.with(at, t.text(), t.replaces())).orElse(text);
      return new AnnotationState(id, author, later(placement, at, e.placement()), later(style, at, e.style()),
          later(visibility, at, e.visibility()), texts, moderation, null);
    }
    AnnotationOp.Moderate m = (AnnotationOp.Moderate) op;
    return new AnnotationState(id, author, placement, style, visibility, text,
        Register.later(moderation, new Register<>(at, m.moderation())), null);
  }

  /**
   * The annotation as people see it, when it is complete (its create has arrived) and not erased. Visibility is
   * the caller's next question: {@link Annotation#visibleTo}.
   */
  public Optional<Annotation> view() {
    if (isErased() || author == null || placement == null || style == null || visibility == null) {
      return Optional.empty();
    }
    Stamp updated = Stream.of(placement, style, visibility, moderation).filter(Objects::nonNull)
        .map(Register::stamp).reduce((a, b) -> a.isAfter(b) ? a : b).orElseThrow();
    if (!text.live().isEmpty() && text.live().lastKey().isAfter(updated)) {
      updated = text.live().lastKey();
    }
    return Optional.of(new Annotation(id, author.value(), placement.value(), style.value(), visibility.value(),
        text.versions(), moderation == null ? Moderation.VISIBLE : moderation.value(), author.stamp(), updated));
  }

  private AnnotationState tombstone(Register<UUID> erase) {
    return new AnnotationState(id, null, null, null, null, NoteTexts.EMPTY, null, erase);
  }

  private static <T> Register<T> later(Register<T> current, Stamp at, Optional<T> value) {
    return value.map(v -> Register.later(current, new Register<>(at, v))).orElse(current);
  }
}
