package org.plenum.server.app;

import io.vertx.sqlclient.Pool;
import org.plenum.server.account.AccountService;
import org.plenum.server.auth.AuthService;
import org.plenum.server.auth.TicketService;
import org.plenum.server.config.PlenumConfig;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.ledger.Ledger;
import org.plenum.server.meeting.MeetingService;
import org.plenum.server.storage.PgAccountStore;

/** Transitional: the services of the parts not yet in feature folders, built once in {@link PlenumApp}. */
public record Services(PlenumConfig config, Pool pool, Database db, AuthService auth,
                       AccountService accounts, PgAccountStore accountStore, MeetingService meetings, org.plenum.server.meeting.Meetings meetingApi,
                       TicketService tickets, Ledger ledger,
                       org.plenum.server.document.DocumentService documents,
                       org.plenum.server.vote.VoteService votes, org.plenum.server.auth.SigningKeys.Loaded resultKey,
                       org.plenum.server.room.RoomService rooms, org.plenum.server.room.RoomCredentialService roomCredentials,
                       org.plenum.server.room.TurnCredentials turn) {}
