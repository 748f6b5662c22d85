package org.plenum.server.vote;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.plenum.server.core.Actor;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Tx;
import org.plenum.server.core.ledger.Ledger;

/**
 * Proxies (ủy quyền, VT10): the chair or the secretary registers, moves and withdraws them; the proxy rules (E4) are
 * checked when one is registered (BAD_MESSAGE). Each change carries the meeting's quorum after it (VT11).
 */
final class ProxyService {
  private final Ledger ledger;
  private final PollStore store;
  private final VoteRoll roll;

  ProxyService(Ledger ledger, PollStore store, VoteRoll roll) {
    this.ledger = ledger;
    this.store = store;
    this.roll = roll;
  }

  /** Registers (or moves) an absent member's proxy. */
  Future<Ledger.Written<VoteEvent.ProxyChanged>> set(Actor actor, MeetingId meeting, Proxy proxy) {
    actor.requireRunner();
    return ledger.write(meeting, actor.accountId(), (tx, head) -> roll.requireActive(tx, meeting).compose(v -> roll.of(tx, meeting)).compose(r -> {
      r.checkRegistration(proxy);
      return store.putProxy(tx, meeting, proxy, actor.accountId()).compose(v -> changed(tx, meeting, proxy.from(), proxy.to()));
    }));
  }

  /** Withdraws the giver's proxy; NOT_FOUND when there is none. */
  Future<Ledger.Written<VoteEvent.ProxyChanged>> clear(Actor actor, MeetingId meeting, UUID giver) {
    actor.requireRunner();
    return ledger.write(meeting, actor.accountId(), (tx, head) -> store.deleteProxy(tx, meeting, giver)
        .compose(v -> changed(tx, meeting, giver, null)));
  }

  private Future<Ledger.Change<VoteEvent.ProxyChanged>> changed(Tx tx, MeetingId meeting, UUID giver, UUID holder) {
    return roll.quorum(tx, meeting).map(q -> {
      var event = new VoteEvent.ProxyChanged(giver, holder, q);
      return Ledger.Change.of(event, event);
    });
  }

  /** The proxies registered in the meeting, for snapshots. */
  Future<JsonArray> list(Tx tx, MeetingId meeting) {
    return store.proxies(tx, meeting).map(list -> {
      JsonArray out = new JsonArray();
      list.forEach(p -> out.add(new JsonObject().put("giverId", p.from().toString()).put("holderId", p.to().toString())));
      return out;
    });
  }
}
