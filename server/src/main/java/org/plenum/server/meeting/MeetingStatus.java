package org.plenum.server.meeting;

import org.plenum.server.core.FeatureApi;

/** Where a meeting is in its life: SCHEDULED → OPEN → CLOSED → ARCHIVED (MS1). */
@FeatureApi
public enum MeetingStatus { SCHEDULED, OPEN, CLOSED, ARCHIVED }
