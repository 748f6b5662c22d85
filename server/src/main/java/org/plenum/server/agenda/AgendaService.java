package org.plenum.server.agenda;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.ledger.Ledger;
import org.plenum.server.core.Actor;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Tx;

/**
 * Agenda editing. Rule (protocol AG1): only the chair, the secretary or an administrator edits the agenda or moves
 * the current item; every change is one {@code agenda.changed} event carrying the whole numbered agenda (internal
 * items are removed for everyone else before it is sent, AG2).
 */
public final class AgendaService implements Agenda {
  private static final int MAX_ITEMS = 500;
  private static final int MAX_DEPTH = 4;
  /** Agenda and status events folded for the timings: far more than a day's meeting writes. */
  private static final int MAX_TIMING_EVENTS = 100_000;

  private final Ledger ledger;
  private final AgendaStore store;

  public AgendaService(Ledger ledger, AgendaStore store) {
    this.ledger = ledger;
    this.store = store;
  }

  /** The fields of an item that a command may set; null means "leave as is". */
  public record Edit(String title, Integer durationMinutes, Boolean internal) {}

  public Future<Ledger.Written<JsonObject>> add(Actor actor, MeetingId meeting, UUID parentId, String title, Integer durationMinutes, boolean internal) {
    actor.requireRunner();
    UUID id = UUID.randomUUID();
    return change(actor, meeting, "added", id, (tx, tree) -> {
      if (tree.nodes().size() >= MAX_ITEMS) {
        throw new PlenumException(ErrorCode.CONFLICT, "The agenda already has " + MAX_ITEMS + " items.");
      }
      requireParent(tree, parentId);
      if (depth(tree, parentId) >= MAX_DEPTH) {
        throw PlenumException.badMessage("Agenda items nest at most " + MAX_DEPTH + " levels deep.");
      }
      int position = tree.children(parentId).size() + 1;
      return store.insert(tx, meeting, new AgendaTree.Node(id, parentId, position, title, durationMinutes, internal));
    });
  }

  public Future<Ledger.Written<JsonObject>> update(Actor actor, MeetingId meeting, UUID itemId, Edit edit) {
    actor.requireRunner();
    return change(actor, meeting, "updated", itemId, (tx, tree) -> {
      AgendaTree.Node n = require(tree, itemId);
      return store.update(tx, meeting, new AgendaTree.Node(n.id(), n.parentId(), n.position(),
          edit.title() != null ? edit.title() : n.title(),
          edit.durationMinutes() != null ? edit.durationMinutes() : n.durationMinutes(),
          edit.internal() != null ? edit.internal() : n.internal()));
    });
  }

  /** Moves an item under {@code parentId} (null: top level) to 1-based {@code position} among its new siblings. */
  public Future<Ledger.Written<JsonObject>> move(Actor actor, MeetingId meeting, UUID itemId, UUID parentId, int position) {
    actor.requireRunner();
    return change(actor, meeting, "moved", itemId, (tx, tree) -> {
      AgendaTree.Node n = require(tree, itemId);
      requireParent(tree, parentId);
      if (parentId != null && tree.subtree(itemId).contains(parentId)) {
        throw PlenumException.badMessage("An agenda item cannot be moved under itself or one of its sub-items.");
      }
      if (depth(tree, parentId) + height(tree, itemId) > MAX_DEPTH) {
        throw PlenumException.badMessage("Agenda items nest at most " + MAX_DEPTH + " levels deep.");
      }
      List<AgendaTree.Node> siblings = new ArrayList<>(tree.children(parentId));
      siblings.removeIf(s -> s.id().equals(itemId));
      if (position < 1 || position > siblings.size() + 1) {
        throw PlenumException.badMessage("Field 'position' must be from 1 to " + (siblings.size() + 1) + ".");
      }
      siblings.add(position - 1, n);
      Map<UUID, Integer> positions = new java.util.HashMap<>();
      for (int i = 0; i < siblings.size(); i++) {
        positions.put(siblings.get(i).id(), i + 1);
      }
      return store.update(tx, meeting, new AgendaTree.Node(n.id(), parentId, position, n.title(), n.durationMinutes(), n.internal()))
          .compose(v -> store.positions(tx, meeting, positions))
          .compose(v -> store.tree(tx, meeting))
          .compose(after -> store.positions(tx, meeting, after.normalizedPositions()));
    });
  }

  public Future<Ledger.Written<JsonObject>> remove(Actor actor, MeetingId meeting, UUID itemId) {
    actor.requireRunner();
    return change(actor, meeting, "removed", itemId, (tx, tree) -> {
      require(tree, itemId);
      return store.currentItem(tx, meeting)
          .compose(current -> current != null && tree.subtree(itemId).contains(current) ? store.setCurrent(tx, meeting, null) : Future.succeededFuture())
          .compose(v -> store.delete(tx, meeting, itemId))
          .compose(v -> store.tree(tx, meeting))
          .compose(after -> store.positions(tx, meeting, after.normalizedPositions()));
    });
  }

  /** Makes {@code itemId} the item under discussion (null: none). */
  public Future<Ledger.Written<JsonObject>> setCurrent(Actor actor, MeetingId meeting, UUID itemId) {
    actor.requireRunner();
    return change(actor, meeting, "current", itemId, (tx, tree) -> {
      if (itemId != null) {
        require(tree, itemId);
      }
      return store.setCurrent(tx, meeting, itemId);
    });
  }

  /** AG3: how long each item has been under discussion (the people running the meeting only). */
  public Future<JsonObject> timings(Actor actor, MeetingId meeting) {
    actor.requireRunner();
    return ledger.store().readTypes(meeting, AgendaTimings.TYPES, MAX_TIMING_EVENTS).map(events -> AgendaTimings.fold(events, java.time.Instant.now()));
  }

  @Override
  public Future<UUID> currentItem(Tx tx, MeetingId meeting) {
    return store.currentItem(tx, meeting);
  }

  @Override
  public Future<JsonObject> view(Tx c, MeetingId meeting, Actor viewer) {
    return store.tree(c, meeting).compose(tree -> store.currentItem(c, meeting).map(current -> {
      JsonObject full = tree.toJson(current);
      return viewer.runsMeeting() ? full : AgendaTree.publicView(full);
    }));
  }

  private interface Step {
    Future<Void> apply(Tx tx, AgendaTree tree);
  }

  private Future<Ledger.Written<JsonObject>> change(Actor actor, MeetingId meeting, String reason, UUID itemId, Step step) {
    // itemInternal: the item is internal (or was, when removed), so its id is withheld from everyone else (AG2, Projector).
    boolean[] internal = {false};
    return ledger.write(meeting, actor.accountId(), (tx, head) -> store.tree(tx, meeting)
        .compose(tree -> {
          internal[0] = itemId != null && tree.hidden(itemId);
          try {
            return step.apply(tx, tree);
          } catch (PlenumException e) {
            return Future.failedFuture(e);
          }
        })
        .compose(v -> store.tree(tx, meeting))
        .compose(tree -> store.currentItem(tx, meeting).map(current -> {
          JsonObject whole = tree.toJson(current);
          var event = new AgendaEvent.Changed(whole.getJsonArray("items"), whole.getString("currentItemId"), reason,
              itemId == null ? null : itemId.toString(), itemId != null && (tree.contains(itemId) ? tree.hidden(itemId) : internal[0]));
          return Ledger.Change.of(event.data(), event);
        })));
  }

  private static AgendaTree.Node require(AgendaTree tree, UUID id) {
    AgendaTree.Node n = tree.get(id);
    if (n == null) {
      throw PlenumException.notFound("No agenda item '" + id + "' in this meeting.");
    }
    return n;
  }

  private static void requireParent(AgendaTree tree, UUID parentId) {
    if (parentId != null && !tree.contains(parentId)) {
      throw PlenumException.notFound("No agenda item '" + parentId + "' in this meeting.");
    }
  }

  private static int depth(AgendaTree tree, UUID id) {
    int d = 0;
    for (UUID p = id; p != null; p = tree.get(p).parentId()) {
      d++;
    }
    return d;
  }

  private static int height(AgendaTree tree, UUID id) {
    int h = 0;
    for (AgendaTree.Node c : tree.children(id)) {
      h = Math.max(h, height(tree, c.id()));
    }
    return h + 1;
  }
}
