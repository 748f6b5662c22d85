package org.plenum.server.core.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.plenum.server.config.PlenumConfig;
import org.plenum.server.core.MeetingAccess;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.live.LiveMeetings;

/** What the HTTP surface is built from: the core's parts and the ports that auth and the meeting feature fill. */
public record Surface(PlenumConfig config, Database db, String schemaVersion, PrometheusMeterRegistry metrics, LiveMeetings live,
                      Authenticator auth, MeetingAccess access) {}
