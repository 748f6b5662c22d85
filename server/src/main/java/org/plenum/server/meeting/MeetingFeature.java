package org.plenum.server.meeting;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.plenum.server.agenda.Agenda;
import org.plenum.server.auth.AccountService;
import org.plenum.server.auth.TicketService;
import org.plenum.server.core.Acks;
import org.plenum.server.core.Actor;
import org.plenum.server.core.Feature;
import org.plenum.server.core.FeatureRegistry;
import org.plenum.server.core.MeetingAccess;
import org.plenum.server.core.NoFields;
import org.plenum.server.core.Role;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.http.JsonBodies;
import org.plenum.server.core.ledger.Ledger;
import org.plenum.server.core.live.SocketAdmission;

/**
 * The meeting itself (cuộc họp): creation and listing, status, participants and their roles, roll call, invitations;
 * who may open a meeting socket and act in a meeting.
 */
public final class MeetingFeature implements Feature {
  private final Database db;
  private final MeetingStore store;
  private final MeetingService meetings;
  private final LiveMeetingService live;
  private final MeetingAdmission admission;
  private final Agenda agenda;
  private final AccountService accounts;

  public MeetingFeature(io.vertx.core.Vertx vertx, Database db, Ledger ledger, TicketService tickets, AccountService accounts, Agenda agenda) {
    this.db = db;
    this.store = new PgMeetingStore(db);
    var changes = org.plenum.server.core.live.AccessChanges.of(vertx);
    this.admission = new MeetingAdmission(tickets, store, accounts, changes);
    this.meetings = new MeetingService(db, store, ledger.store(), tickets, changes, admission::remember);
    this.live = new LiveMeetingService(ledger, store, new PgParticipantStore(), changes);
    this.agenda = agenda;
    this.accounts = accounts;
  }

  /** The meeting as other features see it. */
  public Meetings api() {
    return live;
  }

  /** Who a signed-in person is in a meeting (for the core's routes). */
  public MeetingAccess access() {
    return meetings;
  }

  /** Who may open a meeting socket (for the core's gateway). */
  public SocketAdmission admission() {
    return admission;
  }

  /** Meetings and participants for first-run data (the demo). */
  public MeetingStore store() {
    return store;
  }

  @Override
  public String name() {
    return "meeting";
  }

  @Override
  public void register(FeatureRegistry r) {
    r.command("meeting.open", NoFields.class, (c, a) -> Acks.written(live.setStatus(c.actor(), c.meeting(), MeetingStatus.OPEN)));
    r.command("meeting.close", NoFields.class, (c, a) -> Acks.written(live.setStatus(c.actor(), c.meeting(), MeetingStatus.CLOSED)));
    r.command("meeting.archive", NoFields.class, (c, a) -> Acks.written(live.setStatus(c.actor(), c.meeting(), MeetingStatus.ARCHIVED)));
    r.command("attendance.set", MeetingCommands.AttendanceSet.class, (c, a) -> Acks.written(live.setAttendance(c.actor(), c.meeting(),
        JsonBodies.uuid(a.accountId(), "accountId"), a.status(), JsonBodies.uuid(a.roomId(), "roomId"))));
    r.command("invitation.respond", MeetingCommands.InvitationRespond.class, (c, a) ->
        Acks.written(live.respondInvitation(c.actor(), c.meeting(), a.response(), a.note())));
    r.events(MeetingEvent.class, new MeetingProjection());
    r.snapshot("meeting", (tx, m, viewer) -> store.header(tx, m));
    r.snapshot("participants", (tx, m, viewer) -> live.participants(tx, m).map(all -> {
      JsonArray out = new JsonArray();
      all.forEach(p -> out.add(MeetingProjection.participantView((JsonObject) p, viewer)));
      return out;
    }));
    r.actorUpdates(MeetingFeature::afterRoleChange);
    r.routes(new MeetingRoutes(db, meetings, live, agenda, accounts));
  }

  /** An open socket of a participant whose role changed acts with the new role at once. */
  private static Optional<Actor> afterRoleChange(org.plenum.server.core.DomainEvent e, Actor actor) {
    if (!(e instanceof MeetingEvent.ParticipantChanged p) || !actor.accountId().toString().equals(p.participant().getString("accountId"))) {
      return Optional.empty();
    }
    return Optional.of(new Actor(actor.accountId(), actor.displayName(), Optional.of(Role.valueOf(p.participant().getString("role"))),
        actor.admin()));
  }
}
