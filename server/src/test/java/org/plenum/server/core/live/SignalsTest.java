package org.plenum.server.core.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plenum.server.core.live.FeaturesTest.AUTHOR;
import static org.plenum.server.core.live.FeaturesTest.AUTHOR_ACTOR;
import static org.plenum.server.core.live.FeaturesTest.CHAIR;
import static org.plenum.server.core.live.FeaturesTest.OTHER;
import static org.plenum.server.core.live.FeaturesTest.feature;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.core.Actor;
import org.plenum.server.core.DomainEvent;
import org.plenum.server.core.EventType;
import org.plenum.server.core.Projection;
import org.plenum.server.core.ledger.Audience;

/** Core signals (B5): ephemeral frames filtered per viewer by a registered projection, deny by default, encoded once per view. */
class SignalsTest {
  sealed interface Pointer extends DomainEvent {}

  @EventType("test.pointer")
  record Moved(UUID author, double x, Audience audience) implements Pointer {}

  /** The author's own sockets and the chair see the pointer; others do not. */
  static final class PointerProjection implements Projection<Pointer> {
    final AtomicInteger renders = new AtomicInteger();

    @Override
    public Optional<String> viewOf(Pointer p, Actor viewer) {
      return viewer.accountId().equals(((Moved) p).author()) || viewer.isChair() ? Optional.of("all") : Optional.empty();
    }

    @Override
    public JsonObject render(Pointer p, String view) {
      renders.incrementAndGet();
      return p.data();
    }
  }

  static JsonObject message(DomainEvent signal, String from) {
    return new JsonObject().put("type", signal.type()).put("audience", signal.audience().text()).put("from", from).put("data", signal.data());
  }

  @Test
  @DisplayName("B5: a signal reaches whom its projection admits, as {type, data} without seq, each view encoded once")
  void signal_frames() {
    PointerProjection projection = new PointerProjection();
    Features f = Features.of(List.of(feature("pointers", r -> r.signals(Pointer.class, projection))));
    Signals.Outgoing out = Signals.prepare(f, message(new Moved(AUTHOR, 12.5, Audience.ALL), "socket-1"));
    assertThat(out.from()).isEqualTo("socket-1");
    String mine = out.frameFor(AUTHOR_ACTOR).orElseThrow();
    assertThat(out.frameFor(CHAIR)).containsSame(mine);
    assertThat(out.frameFor(OTHER)).isEmpty();
    assertThat(new JsonObject(mine)).isEqualTo(new JsonObject().put("type", "test.pointer")
        .put("data", new JsonObject().put("author", AUTHOR.toString()).put("x", 12.5)));
    assertThat(projection.renders.get()).isEqualTo(1);
    assertThat(f.eventTypes()).containsExactly("test.pointer");
  }

  @Test
  @DisplayName("B5: deny by default — a signal type nobody registered reaches nobody; the audience is checked before the projection")
  void deny_by_default() {
    Features none = Features.of(List.of(feature("empty", r -> {})));
    assertThat(Signals.prepare(none, message(new Moved(AUTHOR, 1, Audience.ALL), "s")).frameFor(CHAIR)).isEmpty();
    Features f = Features.of(List.of(feature("pointers", r -> r.signals(Pointer.class, new PointerProjection()))));
    Audience onlyOther = Audience.only(false, List.of(), List.of(OTHER.accountId()));
    assertThat(Signals.prepare(f, message(new Moved(AUTHOR, 1, onlyOther), "s")).frameFor(AUTHOR_ACTOR)).isEmpty();
  }

  @Test
  @DisplayName("B5: a signal type is registered once and never shares its name with a ledger event")
  void registration() {
    assertThatThrownBy(() -> Features.of(List.of(feature("a", r -> r.signals(Pointer.class, new PointerProjection())),
        feature("b", r -> r.signals(Pointer.class, new PointerProjection()))))).hasMessageContaining("registered by both");
    assertThatThrownBy(() -> Features.of(List.of(feature("a", r -> r.events(Pointer.class, Projection.whole())),
        feature("b", r -> r.signals(Pointer.class, new PointerProjection()))))).hasMessageContaining("a signal needs a type of its own");
  }
}
