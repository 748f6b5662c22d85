package org.plenum.server.agenda;

import io.vertx.core.Future;
import java.util.Map;
import java.util.UUID;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Tx;

/** Agenda items (a tree per meeting) and the meeting's current item. */
public interface AgendaStore {
  Future<AgendaTree> tree(Tx tx, MeetingId meeting);

  /** The current item, null when none (or no such meeting). */
  Future<UUID> currentItem(Tx tx, MeetingId meeting);

  Future<Void> setCurrent(Tx tx, MeetingId meeting, UUID item);

  Future<Void> insert(Tx tx, MeetingId meeting, AgendaTree.Node node);

  Future<Void> update(Tx tx, MeetingId meeting, AgendaTree.Node node);

  Future<Void> delete(Tx tx, MeetingId meeting, UUID item);

  /** Sets the position of each listed item (items of other meetings are left alone). */
  Future<Void> positions(Tx tx, MeetingId meeting, Map<UUID, Integer> positions);
}
