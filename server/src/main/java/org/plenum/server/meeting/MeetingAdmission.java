package org.plenum.server.meeting;

import io.vertx.core.Future;
import org.plenum.server.auth.AccountId;
import org.plenum.server.auth.AccountService;
import org.plenum.server.auth.TicketService;
import org.plenum.server.core.Actor;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.live.AccessChanges;
import org.plenum.server.core.live.SocketAdmission;

/** S1–S3: a socket opens for the holder of a valid ticket of this meeting who is a participant (or an administrator). */
final class MeetingAdmission implements SocketAdmission {
  private final TicketService tickets;
  private final MeetingStore meetings;
  private final AccountService accounts;
  /** D46: who a ticket's holder is in the meeting, as last read (participants and administrators only). */
  private final AccessChanges.Memo<Key, Actor> actors;

  private record Key(AccountId account, MeetingId meeting) {}

  MeetingAdmission(TicketService tickets, MeetingStore meetings, AccountService accounts, AccessChanges changes) {
    this.actors = changes.memo(100_000);
    this.tickets = tickets;
    this.meetings = meetings;
    this.accounts = accounts;
  }

  @Override
  public Future<Admission> admit(String ticket, MeetingId meeting) {
    return tickets.redeem(ticket, meeting)
        .compose(holder -> actors.get(new Key(holder.accountId(), meeting), () -> actor(holder.accountId(), meeting))
            .map(actor -> new Admission(holder.sessionId(), actor)));
  }

  /**
   * D48: the actor a ticket was just issued to, as the ticket route read it (role from the participants, name and
   * flags from the login session's account) in access generation {@code readAt}: the socket that redeems the ticket
   * is then admitted without a database read; forgotten with everything else on any change of access.
   */
  void remember(Actor holder, MeetingId meeting, long readAt) {
    actors.remember(new Key(new AccountId(holder.accountId()), meeting), holder, readAt);
  }

  private Future<Actor> actor(AccountId account, MeetingId meeting) {
    return meetings.roleOf(meeting, account)
        .compose(role -> accounts.get(account).map(a -> {
          if (role.isEmpty() && !a.admin()) {
            throw PlenumException.forbidden("You are not a participant of this meeting.");
          }
          return new Actor(account.value(), a.displayName(), role, a.admin());
        }));
  }
}
