package org.plenum.server.room;

import java.util.UUID;
import org.plenum.server.auth.AccountId;
import org.plenum.server.core.FeatureApi;
import org.plenum.server.core.MeetingId;

/**
 * What a valid room credential entitles its holder to: this room, in this meeting, for this kind of use;
 * {@code roomName} is the room's display name (what its WHIP feed is called, MV26).
 */
@FeatureApi
public record RoomGrant(MeetingId meetingId, AccountId roomAccountId, String roomCode, String roomName, UUID credentialId,
                        CredentialKind kind) {}
