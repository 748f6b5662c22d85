package org.plenum.server.core.live;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.plenum.server.core.Acks;
import org.plenum.server.core.Actor;
import org.plenum.server.core.CommandHandler;
import org.plenum.server.core.NoFields;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.ledger.LedgerEvent;
import org.plenum.server.core.ledger.LedgerStore;
import org.plenum.server.core.ws.Envelope;

/**
 * Every command a meeting socket accepts, by {@code type} (docs/protocol.md §4): the core's own ({@code ping},
 * {@code session.resume}, {@code presence.update}) and those the features registered. The command's fields are parsed
 * strictly into the feature's record before its handler runs; who may do what is decided in the features' services.
 * A session's meeting is the only meeting a command can touch.
 */
public final class CommandRouter implements LiveSession.Dispatcher {
  static final Set<String> OWN = Set.of("ping", "session.resume", "presence.update");

  private final Features features;
  private final Projections projections;
  private final LedgerStore ledger;
  private final Snapshots snapshots;
  private final int resumeMax;

  public CommandRouter(Features features, Projections projections, LedgerStore ledger, Snapshots snapshots, int resumeMax) {
    this.features = features;
    this.projections = projections;
    this.ledger = ledger;
    this.snapshots = snapshots;
    this.resumeMax = resumeMax;
  }

  /** Every command type the gateway accepts (tests check each against the protocol document). */
  public Set<String> types() {
    Set<String> all = new TreeSet<>(OWN);
    all.addAll(features.commandTypes());
    return all;
  }

  @Override
  public Future<JsonObject> dispatch(LiveSession session, Envelope command) {
    switch (command.type()) {
      case "ping" -> {
        command.as(NoFields.class);
        return Future.succeededFuture(new JsonObject().put("type", "pong").put("serverTime", java.time.Instant.now().toString()));
      }
      case "session.resume" -> {
        return resume(session, command);
      }
      case "presence.update" -> {
        return presence(session, command.as(CoreCommands.PresenceUpdate.class));
      }
      default -> {
        var registered = features.command(command.type())
            .orElseThrow(() -> PlenumException.badMessage("Unknown message type '" + command.type() + "'."));
        return run(registered, session, command);
      }
    }
  }

  private static <C> Future<JsonObject> run(Features.Command<C> c, LiveSession session, Envelope command) {
    C fields = command.as(c.fields());
    CommandHandler<C> handler = c.handler();
    return handler.handle(session, fields);
  }

  private static Future<JsonObject> presence(LiveSession s, CoreCommands.PresenceUpdate p) {
    JsonObject changes = new JsonObject();
    if (p.device() != null) {
      changes.put("device", p.device());
    }
    if (p.following() != null) {
      changes.put("following", p.following());
    }
    if (p.view() != null) {
      changes.put("view", new JsonObject().put("document", p.view().document()).put("page", p.view().page()));
    }
    s.updatePresence(changes);
    return Future.succeededFuture(Acks.ack(null));
  }

  /**
   * R1–R6: replays exactly the events after the client's {@code lastSeq} that it may see, in order — or, when that
   * gap is over ws.resume_max_events, unknown (null) or ahead of the server, a snapshot at a seq. Then the ack,
   * then presence, then what happened meanwhile. The reply is written by the session; nothing else is acked.
   */
  private Future<JsonObject> resume(LiveSession s, Envelope c) {
    Long lastSeq = c.as(CoreCommands.Resume.class).lastSeq();
    if (s.resuming()) {
      return Future.failedFuture(PlenumException.badMessage("This connection has already resumed; open a new one to resume again."));
    }
    s.beginResume();
    Actor viewer = s.actor();
    // The channel's last delivered seq is the head as far as this socket is concerned: anything later reaches it
    // through the channel after the resume (R5). Only a client ahead of the channel asks the database (R4).
    return s.channel().ready().compose(v -> lastSeq != null && lastSeq > s.channel().delivered() ? ledger.headSeq(s.meeting())
        : Future.succeededFuture(s.channel().delivered())).compose(head -> {
      boolean ahead = lastSeq != null && lastSeq > head;
      if (lastSeq == null || lastSeq < 0 || ahead || head - lastSeq > resumeMax) {
        return snapshots.snapshot(s.meeting(), viewer).map(snap -> {
          long seq = snap.getLong("seq");
          JsonObject frame = new JsonObject().put("type", "snapshot").put("seq", seq).put("data", snap);
          JsonObject ackFrame = Acks.ack(seq).put("requestId", c.requestId()).put("mode", "snapshot").put("replayed", 0)
              .put("reason", ahead ? "STALE_CLOCK" : lastSeq == null ? "NO_SEQ" : "GAP_TOO_OLD");
          s.finishResume(List.of(frame.encode(), ackFrame.encode()), seq);
          return (JsonObject) null;
        });
      }
      // An up-to-date client (an idle tablet reconnecting) costs no database read.
      Future<List<LedgerEvent>> missed = lastSeq.longValue() == head ? Future.succeededFuture(List.of())
          : ledger.read(s.meeting(), lastSeq, head, resumeMax + 1);
      return missed.map(events -> {
        List<String> frames = new ArrayList<>();
        for (LedgerEvent e : events) {
          projections.prepare(e).frameFor(viewer).ifPresent(frames::add);
        }
        frames.add(Acks.ack(head).put("requestId", c.requestId()).put("mode", "replay").put("replayed", frames.size()).encode());
        s.finishResume(frames, head);
        return (JsonObject) null;
      });
    }).onFailure(err -> s.failResume());
  }
}
