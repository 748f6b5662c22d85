package org.plenum.server.annotation;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Who may see an annotation besides its author (riêng tư / chia sẻ). Deny by default: {@link Private} is the
 * default, and nothing is admitted that a rule below does not name. {@link #admits} speaks for the author's choice
 * only; {@link Annotation#visibleTo} adds the chair's moderation.
 */
public sealed interface Visibility permits Visibility.Private, Visibility.Shared, Visibility.People,
    Visibility.Presenter {

  Private PRIVATE = new Private();
  Shared SHARED = new Shared();
  Presenter PRESENTER = new Presenter();

  enum Kind {
    PRIVATE, SHARED, PEOPLE, PRESENTER
  }

  Kind kind();

  boolean admits(UUID author, Viewer viewer);

  /** The author only. */
  record Private() implements Visibility {
    public Kind kind() {
      return Kind.PRIVATE;
    }

    public boolean admits(UUID author, Viewer viewer) {
      return viewer.is(author);
    }
  }

  /** Everyone who may read the document. */
  record Shared() implements Visibility {
    public Kind kind() {
      return Kind.SHARED;
    }

    public boolean admits(UUID author, Viewer viewer) {
      return true;
    }
  }

  /** The author and the named participants; kept sorted by id text, so equal sets are equal records. */
  record People(List<UUID> people) implements Visibility {
    public People {
      people = people.stream().map(UUID::toString).distinct().sorted().map(UUID::fromString).toList();
    }

    public static People of(Collection<UUID> people) {
      return new People(List.copyOf(people));
    }

    public Kind kind() {
      return Kind.PEOPLE;
    }

    public boolean admits(UUID author, Viewer viewer) {
      return viewer.is(author) || people.contains(viewer.accountId());
    }
  }

  /** Presenter ink: the author, and whoever follows the author's presentation while it lasts. */
  record Presenter() implements Visibility {
    public Kind kind() {
      return Kind.PRESENTER;
    }

    public boolean admits(UUID author, Viewer viewer) {
      return viewer.is(author) || viewer.following().filter(author::equals).isPresent();
    }
  }
}
