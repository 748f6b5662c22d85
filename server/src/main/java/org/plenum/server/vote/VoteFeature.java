package org.plenum.server.vote;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.plenum.server.agenda.Agenda;
import org.plenum.server.auth.SigningKeys;
import org.plenum.server.core.Acks;
import org.plenum.server.core.Feature;
import org.plenum.server.core.FeatureRegistry;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.db.Tx;
import org.plenum.server.core.http.JsonBodies;
import org.plenum.server.core.ledger.Ledger;
import org.plenum.server.meeting.Meetings;

/**
 * Votes (biểu quyết, docs/protocol.md §11, rules VT1–VT14): polls and their lifecycle, ballots on tablets and on paper,
 * proxies, the quorum, signed published results. The pure rules are the rest of this package (see package-info).
 */
public final class VoteFeature implements Feature {
  private final VoteRoll roll;
  private final PollService polls;
  private final BallotBatches ballots;
  private final ProxyService proxies;
  private final PollResults results;
  private final SigningKeys.Loaded resultKey;
  private final PollTimers timers;

  /**
   * @param ballotKeyFile the master key that seals secret polls' ballot keys (D24), created there if missing
   * @param maxUnitEntries how many unit entries a weighted secret poll may publish ({@code votes.secret_max_unit_entries})
   */
  public VoteFeature(Vertx vertx, Database db, Ledger ledger, Agenda agenda, Meetings meetings, int maxProxiesPerVoter,
                     SigningKeys.Loaded resultKey, Path ballotKeyFile, int maxUnitEntries, org.plenum.server.core.cluster.Ownership ownership,
                     io.micrometer.core.instrument.MeterRegistry registry) {
    PollStore store = new PgPollStore();
    BallotSeal seal = BallotSeal.load(ballotKeyFile);
    this.roll = new VoteRoll(store, meetings, maxProxiesPerVoter);
    this.polls = new PollService(vertx, db, ledger, store, agenda, roll, resultKey.keyPair(), seal, maxUnitEntries);
    this.ballots = new BallotBatches(vertx, db, ledger, store, maxProxiesPerVoter, seal, registry);
    this.proxies = new ProxyService(ledger, store, roll);
    this.results = new PollResults(db, store);
    this.resultKey = resultKey;
    this.timers = new PollTimers(vertx, polls, ownership);
  }

  /** The duty whose owner closes timed polls across a cluster (CL3, D42). */
  public static final String POLL_TIMERS = PollTimers.DUTY;

  /** VT11: the meeting's quorum now (null when nobody has a voting right), for the meeting's participant events. */
  public Future<JsonObject> quorum(Tx tx, MeetingId meeting) {
    return roll.quorum(tx, meeting);
  }

  @Override
  public String name() {
    return "vote";
  }

  @Override
  public void register(FeatureRegistry r) {
    r.command("poll.create", VoteCommands.PollCreate.class, (c, a) -> Acks.written(polls.create(c.actor(), c.meeting(), a.spec(), a.settings())));
    r.command("poll.open", VoteCommands.PollRef.class, (c, a) -> Acks.written(polls.open(c.actor(), c.meeting(), a.id())));
    r.command("poll.close", VoteCommands.PollRef.class, (c, a) -> Acks.written(polls.close(c.actor(), c.meeting(), a.id())));
    r.command("poll.cancel", VoteCommands.PollRef.class, (c, a) -> Acks.written(polls.cancel(c.actor(), c.meeting(), a.id())));
    r.command("vote.cast", VoteCommands.VoteCast.class, (c, a) -> receipt(ballots.cast(c.actor(), c.meeting(), PollId.parse(a.pollId()),
        JsonBodies.uuid(a.voterId(), "voterId"), new Choice(a.choice()), a.idempotencyKey())));
    r.command("vote.paper", VoteCommands.VoteCast.class, (c, a) -> receipt(ballots.enterPaper(c.actor(), c.meeting(), PollId.parse(a.pollId()),
        JsonBodies.uuid(a.voterId(), "voterId"), new Choice(a.choice()), a.idempotencyKey())));
    r.command("proxy.set", VoteCommands.ProxySet.class, (c, a) -> Acks.written(proxies.set(c.actor(), c.meeting(),
        new Proxy(JsonBodies.uuid(a.giverId(), "giverId"), JsonBodies.uuid(a.holderId(), "holderId")))));
    r.command("proxy.clear", VoteCommands.ProxyClear.class, (c, a) ->
        Acks.written(proxies.clear(c.actor(), c.meeting(), JsonBodies.uuid(a.giverId(), "giverId"))));
    r.events(VoteEvent.class, new VoteProjection());
    r.snapshot("polls", (tx, m, viewer) -> polls.list(tx, m));
    r.snapshot("proxies", (tx, m, viewer) -> proxies.list(tx, m));
    r.snapshot("quorum", (tx, m, viewer) -> roll.quorum(tx, m));
    r.routes(new VoteRoutes(results, resultKey));
  }

  private static Future<JsonObject> receipt(Future<BallotBatches.Cast> cast) {
    return cast.map(c -> Acks.ack(c.seq()).put("receipt", c.receipt()));
  }

  /** Re-arms the clocks of timed polls that are still open (VT8). */
  @Override
  public Future<Void> start() {
    timers.start();
    return polls.resumeTimers().mapEmpty();
  }

  @Override
  public void close() {
    timers.stop();
  }
}
