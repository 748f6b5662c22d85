package org.plenum.server.annotation;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.plenum.server.core.Actor;
import org.plenum.server.core.Connection;
import org.plenum.server.core.DomainEvent;
import org.plenum.server.core.EventType;
import org.plenum.server.core.Projection;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.http.JsonBodies;
import org.plenum.server.core.ledger.Audience;
import org.plenum.server.document.DocumentAccess;

/**
 * AN14, live strokes: {@code annotation.stroke} frames of a stroke being drawn go out at once as the signal
 * {@code annotation.stroking} to the people the stroke's visibility admits (the same rule as the finished stroke,
 * AN5) — never stored, not acknowledged, dropped first for a slow socket (core signals, B5). More than
 * {@code annotations.stroke_frames_per_second} frames a second for one stroke are {@code RATE_LIMITED} and not
 * forwarded. Which documents a socket may read is remembered for the socket's life after the first check.
 */
final class Strokes {
  /** The ephemeral signal: one frame of a stroke in progress. */
  sealed interface Signal extends DomainEvent {}

  @EventType("annotation.stroking")
  record Stroking(String id, String documentId, String author, JsonObject anchor, JsonObject style, JsonArray points, JsonObject seen,
                  JsonObject access, Audience audience) implements Signal {}

  /** {@code annotation.stroke} fields. */
  record Stroke(String id, JsonNode anchor, JsonNode style, JsonNode visibility, JsonNode points) {
    Stroke {
      JsonBodies.required(id, "id", 64);
      JsonBodies.requiredValue(anchor, "anchor");
      JsonBodies.requiredValue(style, "style");
      JsonBodies.requiredValue(points, "points");
    }
  }

  /** Per socket: the documents it may read (access), and per stroke the current second and its frame count. */
  private static final class SocketState {
    final Map<UUID, DocumentAccess> readable = new ConcurrentHashMap<>();
    final Map<String, long[]> rates = new ConcurrentHashMap<>();
  }

  private final Database db;
  private final AnnotationService service;
  private final AnnotationReads reads;
  private final AnnotationRules rules;
  private final int perSecond;
  private final Map<String, SocketState> sockets = new ConcurrentHashMap<>();

  Strokes(Database db, AnnotationService service, AnnotationReads reads, AnnotationRules rules, int perSecond) {
    this.db = db;
    this.service = service;
    this.reads = reads;
    this.rules = rules;
    this.perSecond = perSecond;
  }

  Future<JsonObject> relay(Connection c, Stroke s) {
    AnnotationId id = AnnotationId.parse(s.id());
    JsonFields a = JsonFields.of(s.anchor(), "anchor");
    Anchor anchor = new Anchor(a.uuid("document"), a.integer("version"), a.integer("page"));
    a.end();
    Style style = ValueJson.style(s.style(), "style");
    Visibility visibility = s.visibility() == null || s.visibility().isNull() ? Visibility.PRIVATE : ValueJson.visibility(s.visibility(), "visibility");
    JsonArray points = points(s.points());
    SocketState state = sockets.computeIfAbsent(c.connectionId(), k -> {
      c.onClose(() -> sockets.remove(k));
      return new SocketState();
    });
    admit(state, id);
    Actor actor = c.actor();
    Future<DocumentAccess> access = Optional.ofNullable(state.readable.get(anchor.documentId())).map(Future::succeededFuture)
        .orElseGet(() -> service.readable(db.auto(), actor, c.meeting(), anchor.documentId())
            .onSuccess(x -> state.readable.put(anchor.documentId(), x)));
    Future<Optional<UUID>> presenter = visibility instanceof Visibility.Presenter
        ? reads.viewer(db.auto(), actor, c.meeting()).map(Viewer::following) : Future.succeededFuture(Optional.empty());
    return access.compose(acc -> presenter.map(p -> {
      AnnotationEvent.Seen seen = new AnnotationEvent.Seen(visibility, Moderation.VISIBLE, p.filter(actor.accountId()::equals).isPresent());
      c.signal(new Stroking(id.toString(), anchor.documentId().toString(), actor.accountId().toString(),
          Trees.vertx(s.anchor()), Trees.vertx(ValueJson.style(style)), points, seen.toJson(), acc.toJson(),
          AnnotationService.audience(actor.accountId(), acc, Optional.of(seen), Optional.empty())));
      return null;
    }));
  }

  /** At most {@code perSecond} frames of one stroke in each second (a fixed one-second window). */
  private void admit(SocketState state, AnnotationId id) {
    long second = System.nanoTime() / 1_000_000_000L;
    long[] window = state.rates.compute(id.toString(), (k, w) -> w == null || w[0] != second ? new long[] {second, 1} : new long[] {second, w[1] + 1});
    if (state.rates.size() > 64) {
      state.rates.entrySet().removeIf(e -> e.getValue()[0] != second);
    }
    if (window[1] > perSecond) {
      throw new PlenumException(ErrorCode.RATE_LIMITED, "A stroke sends at most " + perSecond + " frames a second "
          + "(annotations.stroke_frames_per_second); coalesce points and send fewer frames.");
    }
  }

  /** The points since the last frame: 1 to the stroke limit of finite {@code [x, y, pressure]}. */
  private JsonArray points(JsonNode node) {
    if (!node.isArray() || node.isEmpty()) {
      throw PlenumException.badMessage("Field 'points' must be a list of 1 or more [x, y, pressure].");
    }
    if (node.size() > rules.limits().maxPointsPerStroke()) {
      throw new PlenumException(ErrorCode.PAYLOAD_TOO_LARGE, "A stroke has at most " + rules.limits().maxPointsPerStroke() + " points.");
    }
    JsonArray out = new JsonArray();
    int i = 0;
    for (JsonNode p : node) {
      double[] xyp = JsonFields.numbers(p, 3, "points[" + i++ + "]");
      if (!Double.isFinite(xyp[0]) || !Double.isFinite(xyp[1]) || !(xyp[2] >= 0 && xyp[2] <= 1)) {
        throw PlenumException.badMessage("Points are finite [x, y, pressure 0-1].");
      }
      out.add(new JsonArray().add(xyp[0]).add(xyp[1]).add(xyp[2]));
    }
    return out;
  }

  /** Deny by default, as for the finished stroke (AN5): the author's other devices, and whom the visibility admits. */
  static final class StrokeProjection implements Projection<Signal> {
    @Override
    public Optional<String> viewOf(Signal signal, Actor viewer) {
      Stroking s = (Stroking) signal;
      UUID author = UUID.fromString(s.author());
      return viewer.accountId().equals(author) || AnnotationProjection.sees(author, s.access(), s.seen(), viewer) ? Optional.of("all")
          : Optional.empty();
    }

    @Override
    public JsonObject render(Signal signal, String view) {
      Stroking s = (Stroking) signal;
      return new JsonObject().put("id", s.id()).put("documentId", s.documentId()).put("author", s.author()).put("anchor", s.anchor())
          .put("style", s.style()).put("points", s.points());
    }
  }
}
