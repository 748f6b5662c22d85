package org.plenum.server.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.sqlclient.Pool;
import org.plenum.server.account.AccountService;
import org.plenum.server.agenda.AgendaService;
import org.plenum.server.auth.AuthService;
import org.plenum.server.auth.TicketService;
import org.plenum.server.config.PlenumConfig;
import org.plenum.server.core.ledger.Ledger;
import org.plenum.server.core.live.SnapshotService;
import org.plenum.server.meeting.LiveMeetingService;
import org.plenum.server.meeting.MeetingService;
import org.plenum.server.meeting.PresentationService;
import org.plenum.server.speaker.SpeakerService;
import org.plenum.server.storage.PgAccountStore;
import org.plenum.server.storage.PgMeetingStore;
import org.plenum.server.storage.PgParticipantStore;
import org.plenum.server.core.live.MeetingCommands;

/** Everything the HTTP and WebSocket edges call, built once in {@link PlenumApp}. */
public record Services(PlenumConfig config, Pool pool, String schemaVersion, PrometheusMeterRegistry metrics, AuthService auth,
                       AccountService accounts, PgAccountStore accountStore, MeetingService meetings, PgMeetingStore meetingStore,
                       TicketService tickets, Ledger ledger, LiveMeetingService live, AgendaService agenda, SpeakerService speakers,
                       PresentationService presentation, PgParticipantStore participants, SnapshotService snapshots,
                       MeetingCommands commands, org.plenum.server.document.DocumentService documents,
                       org.plenum.server.vote.VoteService votes, org.plenum.server.auth.SigningKeys.Loaded resultKey,
                       org.plenum.server.room.RoomService rooms, org.plenum.server.room.RoomCredentialService roomCredentials,
                       org.plenum.server.room.TurnCredentials turn, org.plenum.server.media.MediaService media) {}
