package org.plenum.server.meeting;

import org.plenum.server.core.FeatureApi;

/** Roll call: ABSENT (default), PRESENT in the hall or on a tablet, EXCUSED, REMOTE via a remote room. */
@FeatureApi
public enum Attendance { ABSENT, PRESENT, EXCUSED, REMOTE }
