package org.plenum.server.meeting;

import org.plenum.server.core.Actor;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.Role;
import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.plenum.server.auth.AccountId;
import org.plenum.server.core.Principal;
import org.plenum.server.auth.TicketService;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.MeetingAccess;
import org.plenum.server.core.live.AccessChanges;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.ledger.LedgerStore;

/**
 * Meetings as a participant or an administrator sees and changes them.
 *
 * <p>Access rules (docs/protocol.md A1–A4):
 * A1 an administrator sees and manages every meeting;
 * A2 a participant sees the meetings they take part in, with agenda and participants — nobody else's;
 * A3 the chair and the secretary of a meeting edit its agenda and its participants (AgendaService, LiveMeetingService);
 * A4 a WebSocket ticket is issued only for a meeting the caller may see.
 */
public final class MeetingService implements MeetingAccess {
  private final Database db;
  private final MeetingStore store;
  private final LedgerStore ledger;
  private final TicketService tickets;
  /** D46: a person's role in a meeting as last read (participants and administrators only; refusals are not kept). */
  private final AccessChanges.Memo<RoleKey, Optional<Role>> roles;

  private record RoleKey(java.util.UUID accountId, boolean admin, MeetingId meeting) {}

  /** D48: told who the holder of a ticket just issued is in the meeting, read in access generation {@code readAt}. */
  interface TicketHolders {
    void remember(Actor holder, MeetingId meeting, long readAt);
  }

  private final AccessChanges changes;
  private final TicketHolders holders;

  public MeetingService(Database db, MeetingStore store, LedgerStore ledger, TicketService tickets, AccessChanges changes,
                        TicketHolders holders) {
    this.roles = changes.memo(100_000);
    this.changes = changes;
    this.holders = holders;
    this.db = db;
    this.store = store;
    this.ledger = ledger;
    this.tickets = tickets;
  }

  /** A meeting with everything a participant needs to start: agenda, participants, the caller's role. */
  public record MeetingView(Meeting meeting, Optional<Role> role, List<AgendaItem> agenda, List<Participant> participants) {}

  public Future<List<MeetingStore.Listed>> list(Principal p) {
    return store.listFor(new AccountId(p.accountId()), p.admin());
  }

  /** The caller's role in the meeting (empty for an administrator who is not a participant); FORBIDDEN otherwise. */
  public Future<Optional<Role>> access(Principal p, MeetingId id) {
    return roles.get(new RoleKey(p.accountId(), p.admin(), id), () -> read(p, id));
  }

  private Future<Optional<Role>> read(Principal p, MeetingId id) {
    return store.roleIn(id, new AccountId(p.accountId()))
        .compose(role -> role.isPresent() || p.admin() ? Future.succeededFuture(role)
            : Future.failedFuture(PlenumException.forbidden("You are not a participant of this meeting.")));
  }

  /** The caller as an actor in this meeting (FORBIDDEN when neither participant nor administrator). */
  @Override
  public Future<Actor> actor(Principal p, MeetingId id) {
    return access(p, id).map(role -> new Actor(p.accountId(), p.displayName(), role, p.admin()));
  }

  public Future<MeetingView> get(Principal p, MeetingId id) {
    return access(p, id).compose(role -> store.get(id)
        .compose(m -> store.agenda(id)
            .compose(agenda -> store.participants(id).map(parts -> new MeetingView(m, role, agenda, parts)))));
  }

  public Future<Meeting> create(Principal p, String title, OffsetDateTime startsAt, String location, List<String> agenda) {
    return create(p, title, startsAt, location, agenda, null);
  }

  /**
   * AD5: with a template (an earlier meeting), the new meeting gets its agenda tree and, unless given, its location;
   * agenda titles in the request are appended after the template's. NOT_FOUND for a template that does not exist.
   */
  public Future<Meeting> create(Principal p, String title, OffsetDateTime startsAt, String location, List<String> agenda, MeetingId template) {
    p.requireAdmin();
    Future<Optional<Meeting>> source = template == null ? Future.succeededFuture(Optional.empty()) : store.get(template).map(Optional::of);
    return source.compose(t -> {
      String place = location != null || t.isEmpty() ? location : t.get().location();
      return insert(p, new Meeting(MeetingId.random(), title, MeetingStatus.SCHEDULED, startsAt, place), agenda, template);
    });
  }

  private Future<Meeting> insert(Principal p, Meeting meeting, List<String> agenda, MeetingId template) {
    return db.inTransaction(tx -> {
      Future<Meeting> f = store.create(tx, meeting, new AccountId(p.accountId()))
          .compose(m -> ledger.createClock(tx, m.id()).map(m));
      if (template != null) {
        f = f.compose(m -> store.copyAgenda(tx, template, m.id()).map(m));
      }
      for (String item : agenda) {
        f = f.compose(m -> store.addAgendaItem(tx, meeting.id(), item, null).map(m));
      }
      return f;
    });
  }

  public Future<List<Participant>> participants(Principal p, MeetingId id) {
    return access(p, id).compose(role -> store.participants(id));
  }

  /** A4; the socket that redeems the ticket is admitted without reading again who the caller is here (D48). */
  public Future<TicketService.Ticket> ticket(Principal p, MeetingId id) {
    long readAt = changes.generation();
    return access(p, id).compose(role -> tickets.issue(p, id)
        .onSuccess(t -> holders.remember(new Actor(p.accountId(), p.displayName(), role, p.admin()), id, readAt)));
  }
}
