package org.plenum.server.app;

import org.plenum.server.auth.AuthService;
import org.plenum.server.config.PlenumConfig;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.ledger.Ledger;
import org.plenum.server.meeting.MeetingService;

/** Transitional: the services of the parts not yet in feature folders, built once in {@link PlenumApp}. */
public record Services(PlenumConfig config, Database db, AuthService auth,
                       MeetingService meetings, org.plenum.server.meeting.Meetings meetingApi, Ledger ledger,
                       org.plenum.server.room.RoomCredentials roomCredentials, org.plenum.server.media.MediaService media) {}
