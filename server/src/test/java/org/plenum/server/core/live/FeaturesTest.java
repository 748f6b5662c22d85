package org.plenum.server.core.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.core.Actor;
import org.plenum.server.core.DomainEvent;
import org.plenum.server.core.EventType;
import org.plenum.server.core.Feature;
import org.plenum.server.core.FeatureRegistry;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.NoFields;
import org.plenum.server.core.Projection;
import org.plenum.server.core.Role;
import org.plenum.server.core.ledger.Audience;
import org.plenum.server.core.ledger.EventCodec;
import org.plenum.server.core.ledger.LedgerEvent;

/** The feature registry and the projections built from it: deny by default, one encoding per view (P7). */
class FeaturesTest {
  enum Colour { RED, GREEN }

  sealed interface NoteEvent extends DomainEvent {
    @EventType("note.added")
    record Added(String text, UUID author, Colour colour, BigDecimal weight, List<String> tags, JsonObject extra, JsonArray list, long count,
                 boolean pinned, Integer page, Audience audience) implements NoteEvent {}

    @EventType("note.hidden")
    record Hidden(UUID author) implements NoteEvent {}
  }

  interface NotSealed extends DomainEvent {}

  record Untyped(String x) implements DomainEvent {}

  static final UUID AUTHOR = UUID.randomUUID();
  static final Actor AUTHOR_ACTOR = new Actor(AUTHOR, "Author", Optional.of(Role.DELEGATE), false);
  static final Actor OTHER = new Actor(UUID.randomUUID(), "Other", Optional.of(Role.DELEGATE), false);
  static final Actor CHAIR = new Actor(UUID.randomUUID(), "Chair", Optional.of(Role.CHAIR), false);

  /** Authors see their note whole; everyone else sees it without the text; hidden notes only the chair sees. */
  static final class NoteProjection implements Projection<NoteEvent> {
    final AtomicInteger renders = new AtomicInteger();

    @Override
    public Optional<String> viewOf(NoteEvent e, Actor viewer) {
      if (e instanceof NoteEvent.Added a) {
        return Optional.of(viewer.accountId().equals(a.author()) ? "author" : "others");
      }
      return viewer.runsMeeting() ? Optional.of("all") : Optional.empty();
    }

    @Override
    public JsonObject render(NoteEvent e, String view) {
      renders.incrementAndGet();
      JsonObject d = e.data();
      return view.equals("others") ? d.put("text", null) : d;
    }
  }

  static Feature feature(String name, Consumer<FeatureRegistry> register) {
    return new Feature() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void register(FeatureRegistry registry) {
        register.accept(registry);
      }
    };
  }

  static LedgerEvent stored(DomainEvent e) {
    return new LedgerEvent(MeetingId.random(), 7, e.type(), e.audience(), AUTHOR, OffsetDateTime.now(), e.data().encode(), new byte[32], new byte[32]);
  }

  static final NoteEvent.Added ADDED = new NoteEvent.Added("private words", AUTHOR, Colour.GREEN, new BigDecimal("2.50"), List.of("a", "b"),
      new JsonObject().put("k", 1), new JsonArray().add(1), 42L, true, null, Audience.ALL);

  @Test
  @DisplayName("P7: event records travel as their components by name, and decode back to an equal record")
  void codec_round_trip() {
    JsonObject data = ADDED.data();
    assertThat(ADDED.type()).isEqualTo("note.added");
    assertThat(data.fieldNames()).containsExactly("text", "author", "colour", "weight", "tags", "extra", "list", "count", "pinned", "page");
    assertThat(data.getString("author")).isEqualTo(AUTHOR.toString());
    assertThat(data.getString("weight")).isEqualTo("2.50");
    NoteEvent.Added back = EventCodec.decode(NoteEvent.Added.class, new JsonObject(data.encode()), Audience.RUNNERS);
    assertThat(back).isEqualTo(new NoteEvent.Added("private words", AUTHOR, Colour.GREEN, new BigDecimal("2.50"), List.of("a", "b"),
        new JsonObject().put("k", 1), new JsonArray().add(1), 42L, true, null, Audience.RUNNERS));
  }

  @Test
  @DisplayName("P7: a registered event reaches each viewer in the view its projection names, each view rendered and encoded once")
  void views_rendered_once() {
    NoteProjection projection = new NoteProjection();
    Features f = Features.of(List.of(feature("notes", r -> r.events(NoteEvent.class, projection))));
    Projections.Delivery d = new Projections(f).prepare(stored(ADDED));
    String mine = d.frameFor(AUTHOR_ACTOR).orElseThrow();
    String theirs = d.frameFor(OTHER).orElseThrow();
    assertThat(d.frameFor(CHAIR)).containsSame(theirs);
    assertThat(new JsonObject(mine).getJsonObject("data").getString("text")).isEqualTo("private words");
    assertThat(new JsonObject(theirs).getJsonObject("data").getString("text")).isNull();
    assertThat(projection.renders.get()).isEqualTo(2);
    assertThat(f.eventTypes()).containsExactly("note.added", "note.hidden");
  }

  @Test
  @DisplayName("P7: deny by default — an event type no feature registered reaches nobody, nor does one its projection refuses")
  void deny_by_default() {
    Features f = Features.of(List.of(feature("notes", r -> r.events(NoteEvent.class, new NoteProjection()))));
    Projections p = new Projections(f);
    LedgerEvent unknown = new LedgerEvent(MeetingId.random(), 8, "secret.thing", Audience.ALL, AUTHOR, OffsetDateTime.now(),
        "{\"secret\":1}", new byte[32], new byte[32]);
    assertThat(p.prepare(unknown).frameFor(CHAIR)).isEmpty();
    assertThat(p.prepare(unknown).jsonFor(AUTHOR_ACTOR)).isEmpty();
    Projections.Delivery hidden = p.prepare(stored(new NoteEvent.Hidden(AUTHOR)));
    assertThat(hidden.frameFor(OTHER)).isEmpty();
    assertThat(hidden.frameFor(CHAIR)).isPresent();
    // the audience is checked before the projection
    Projections.Delivery runnersOnly = p.prepare(stored(new NoteEvent.Added("x", AUTHOR, Colour.RED, BigDecimal.ONE, List.of(), null, null, 0, false,
        1, Audience.RUNNERS)));
    assertThat(runnersOnly.frameFor(AUTHOR_ACTOR)).isEmpty();
    assertThat(runnersOnly.frameFor(CHAIR)).isPresent();
  }

  @Test
  @DisplayName("a clash or a malformed registration fails when the server is built")
  void bad_registrations_fail() {
    assertThatThrownBy(() -> Features.of(List.of(feature("a", r -> r.command("x.do", NoFields.class, (c, n) -> Future.succeededFuture())),
        feature("b", r -> r.command("x.do", NoFields.class, (c, n) -> Future.succeededFuture()))))).hasMessageContaining("x.do");
    assertThatThrownBy(() -> Features.of(List.of(feature("a", r -> r.events(NoteEvent.class, Projection.whole())),
        feature("b", r -> r.events(NoteEvent.Hidden.class, Projection.whole()))))).hasMessageContaining("note.hidden");
    assertThatThrownBy(() -> Features.of(List.of(feature("a", r -> r.events(NotSealed.class, Projection.whole())))))
        .hasMessageContaining("sealed");
    assertThatThrownBy(() -> Features.of(List.of(feature("a", r -> r.events(Untyped.class, Projection.whole())))))
        .hasMessageContaining("@EventType");
    assertThatThrownBy(() -> Features.of(List.of(feature("a", r -> r.snapshot("seq", (tx, m, v) -> Future.succeededFuture())))))
        .hasMessageContaining("seq");
    assertThatThrownBy(() -> Features.of(List.of(feature("a", r -> { }), feature("a", r -> { })))).hasMessageContaining("'a'");
  }
}
