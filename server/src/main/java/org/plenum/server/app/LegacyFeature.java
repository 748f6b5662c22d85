package org.plenum.server.app;

import io.vertx.core.Future;
import java.util.Set;
import org.plenum.server.core.Acks;
import org.plenum.server.core.Feature;
import org.plenum.server.core.FeatureRegistry;
import org.plenum.server.core.db.Pg;
import org.plenum.server.core.live.Features;
import org.plenum.server.protocol.Commands;

/** Transitional: everything not yet in a feature folder, registered through the feature SPI. */
final class LegacyFeature implements Feature {
  private final Services s;

  LegacyFeature(Services s) {
    this.s = s;
  }

  @Override
  public String name() {
    return "legacy";
  }

  @Override
  public void register(FeatureRegistry r) {
    var votes = s.votes();
    r.command("poll.create", Commands.PollCreate.class, (c, a) -> Acks.written(votes.create(c.actor(), c.meeting(), a.spec(), a.settings())));
    r.command("poll.open", Commands.PollRef.class, (c, a) -> Acks.written(votes.open(c.actor(), c.meeting(), pollId(a))));
    r.command("poll.close", Commands.PollRef.class, (c, a) -> Acks.written(votes.close(c.actor(), c.meeting(), pollId(a))));
    r.command("poll.cancel", Commands.PollRef.class, (c, a) -> Acks.written(votes.cancel(c.actor(), c.meeting(), pollId(a))));
    r.command("vote.cast", Commands.VoteCast.class, (c, a) -> votes.cast(c.actor(), c.meeting(), org.plenum.server.vote.PollId.parse(a.pollId()),
        Commands.optionalUuid(a.voterId(), "voterId"), new org.plenum.server.vote.Choice(a.choice()), a.idempotencyKey())
        .map(cast -> Acks.ack(cast.seq()).put("receipt", cast.receipt())));
    r.command("vote.paper", Commands.VoteCast.class, (c, a) -> votes.enterPaper(c.actor(), c.meeting(), org.plenum.server.vote.PollId.parse(a.pollId()),
        Commands.optionalUuid(a.voterId(), "voterId"), new org.plenum.server.vote.Choice(a.choice()), a.idempotencyKey())
        .map(cast -> Acks.ack(cast.seq()).put("receipt", cast.receipt())));
    r.command("proxy.set", Commands.ProxySet.class, (c, a) -> Acks.written(votes.setProxy(c.actor(), c.meeting(),
        new org.plenum.server.vote.Proxy(Commands.uuid(a.giverId(), "giverId"), Commands.uuid(a.holderId(), "holderId")))));
    r.command("proxy.clear", Commands.ProxyClear.class, (c, a) ->
        Acks.written(votes.clearProxy(c.actor(), c.meeting(), Commands.uuid(a.giverId(), "giverId"))));

    ((Features) r).rawEvents(Set.of("room.credentialIssued", "room.credentialRevoked", "rooms.imported", "document.published",
        "document.versionAdded", "document.accessChanged", "poll.created", "poll.opened", "poll.closed", "poll.cancelled", "vote.recorded",
        "vote.paperEntered", "proxy.changed"), new LegacyProjection());

    r.snapshot("documents", (tx, m, v) -> s.documents().list(Pg.sql(tx), v, m));
    r.snapshot("polls", (tx, m, v) -> votes.list(Pg.sql(tx), m));
    r.snapshot("proxies", (tx, m, v) -> votes.proxies(Pg.sql(tx), m));
    r.snapshot("quorum", (tx, m, v) -> votes.quorum(Pg.sql(tx), m));

    r.routes(new org.plenum.server.http.LegacyRoutes(s));
  }

  private static org.plenum.server.vote.PollId pollId(Commands.PollRef r) {
    return org.plenum.server.vote.PollId.parse(r.pollId());
  }

  @Override
  public Future<Void> start() {
    return s.votes().resumeTimers().map(n -> null);
  }
}
