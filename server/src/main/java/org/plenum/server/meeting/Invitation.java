package org.plenum.server.meeting;

import org.plenum.server.core.FeatureApi;

/** A participant's answer to the invitation. */
@FeatureApi
public enum Invitation { PENDING, ACCEPTED, DECLINED }
