package org.plenum.server.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.annotation.Ops.at;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.core.Actor;
import org.plenum.server.core.Role;

/** Who sees an annotation (draft rule AN5): the author's visibility, then the chair's moderation. */
class VisibilityTest {
  static final UUID AUTHOR = UUID.randomUUID();
  static final UUID NAMED = UUID.randomUUID();
  static final UUID OTHER = UUID.randomUUID();
  static final UUID CHAIR = UUID.randomUUID();

  static final Viewer author = Viewer.member(AUTHOR);
  static final Viewer named = Viewer.member(NAMED);
  static final Viewer other = Viewer.member(OTHER);
  static final Viewer chair = Viewer.of(new Actor(CHAIR, "Chủ tọa", Optional.of(Role.CHAIR), false), Optional.empty());
  static final Viewer follower = new Viewer(OTHER, Viewer.Standing.MEMBER, Optional.of(AUTHOR));
  static final Viewer followerOfSomeoneElse = new Viewer(OTHER, Viewer.Standing.MEMBER, Optional.of(CHAIR));

  static Annotation with(Visibility visibility, Moderation moderation) {
    AnnotationId id = AnnotationId.random();
    AnnotationReplica r = Ops.replica(List.of(Ops.ink(id, AUTHOR, at(0, "t"), visibility),
        new AnnotationOp.Moderate(id, CHAIR, at(1, "c"), moderation)));
    return r.annotations().get(0);
  }

  static List<Viewer> seers(Annotation a) {
    return List.of(author, named, other, chair, follower, followerOfSomeoneElse).stream().filter(a::visibleTo).toList();
  }

  @Test
  @DisplayName("AN5: PRIVATE (the default) admits the author only — not the chair, not a follower")
  void private_is_the_author_only() {
    assertThat(seers(with(Visibility.PRIVATE, Moderation.VISIBLE))).containsExactly(author);
    assertThat(seers(with(Visibility.PRIVATE, Moderation.HIDDEN))).containsExactly(author);
  }

  @Test
  @DisplayName("AN5: SHARED admits everyone; hidden by the chair, only the author and the chair")
  void shared_and_moderation() {
    assertThat(seers(with(Visibility.SHARED, Moderation.VISIBLE)))
        .containsExactly(author, named, other, chair, follower, followerOfSomeoneElse);
    assertThat(seers(with(Visibility.SHARED, Moderation.HIDDEN))).containsExactly(author, chair);
  }

  @Test
  @DisplayName("AN5: PEOPLE admits the author and the named participants only")
  void people() {
    assertThat(seers(with(Visibility.People.of(List.of(NAMED)), Moderation.VISIBLE))).containsExactly(author, named);
  }

  @Test
  @DisplayName("AN5: PRESENTER admits the author and those who follow the author's presentation")
  void presenter() {
    assertThat(seers(with(Visibility.PRESENTER, Moderation.VISIBLE))).containsExactly(author, follower);
  }

  @Test
  @DisplayName("AN5: the people of a PEOPLE visibility are one sorted set, whatever order they were named in")
  void people_are_canonical() {
    UUID x = UUID.fromString("f0000000-0000-4000-8000-000000000000");
    UUID y = UUID.fromString("10000000-0000-4000-8000-000000000000");
    assertThat(Visibility.People.of(List.of(x, y, x))).isEqualTo(Visibility.People.of(List.of(y, x)));
    assertThat(Visibility.People.of(List.of(x, y)).people()).containsExactly(y, x);
  }
}
