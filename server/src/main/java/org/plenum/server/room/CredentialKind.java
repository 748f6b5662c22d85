package org.plenum.server.room;

import org.plenum.server.core.FeatureApi;

/**
 * What a room credential opens: the room's kiosk page (a browser on the room's PC or TV), a WHIP ingest (a hardware
 * encoder publishing the room's camera), a WHEP egress (a hardware decoder showing the meeting), or a HALL ingest: a
 * WHIP ingest whose publication is the meeting's hall feed (MV27), for the encoder of the main hall's camera.
 */
@FeatureApi
public enum CredentialKind { KIOSK, WHIP, WHEP, HALL }
