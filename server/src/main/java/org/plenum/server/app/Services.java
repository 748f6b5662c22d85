package org.plenum.server.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.sqlclient.Pool;
import org.plenum.server.account.AccountService;
import org.plenum.server.auth.AuthService;
import org.plenum.server.auth.TicketService;
import org.plenum.server.config.PlenumConfig;
import org.plenum.server.meeting.MeetingService;
import org.plenum.server.storage.PgMeetingStore;

/** Everything the HTTP and WebSocket edges call, built once in {@link PlenumApp}. */
public record Services(PlenumConfig config, Pool pool, String schemaVersion, PrometheusMeterRegistry metrics, AuthService auth,
                       AccountService accounts, MeetingService meetings, PgMeetingStore meetingStore, TicketService tickets) {}
