package org.plenum.server.room;

import org.plenum.server.core.FeatureApi;

/**
 * What a room credential opens: the room's kiosk page (a browser on the room's PC or TV), a WHIP ingest (a hardware
 * encoder publishing the room's camera) or a WHEP egress (a hardware decoder showing the meeting).
 */
@FeatureApi
public enum CredentialKind { KIOSK, WHIP, WHEP }
