package org.plenum.server.meeting;

import io.vertx.core.Future;
import org.plenum.server.auth.AccountService;
import org.plenum.server.auth.TicketService;
import org.plenum.server.core.Actor;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.live.SocketAdmission;

/** S1–S3: a socket opens for the holder of a valid ticket of this meeting who is a participant (or an administrator). */
final class MeetingAdmission implements SocketAdmission {
  private final TicketService tickets;
  private final MeetingStore meetings;
  private final AccountService accounts;

  MeetingAdmission(TicketService tickets, MeetingStore meetings, AccountService accounts) {
    this.tickets = tickets;
    this.meetings = meetings;
    this.accounts = accounts;
  }

  @Override
  public Future<Admission> admit(String ticket, MeetingId meeting) {
    return tickets.redeem(ticket, meeting)
        .compose(holder -> meetings.roleOf(meeting, holder.accountId())
            .compose(role -> accounts.get(holder.accountId()).map(a -> {
              if (role.isEmpty() && !a.admin()) {
                throw PlenumException.forbidden("You are not a participant of this meeting.");
              }
              return new Admission(holder.sessionId(), new Actor(holder.accountId().value(), a.displayName(), role, a.admin()));
            })));
  }
}
