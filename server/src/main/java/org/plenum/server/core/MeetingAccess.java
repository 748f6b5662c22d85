package org.plenum.server.core;

import io.vertx.core.Future;

/** Who a signed-in person is in one meeting (implemented by the meeting feature, used by the core's edges). */
public interface MeetingAccess {
  /** The caller as an actor of the meeting; FORBIDDEN when neither a participant nor an administrator. */
  Future<Actor> actor(Principal principal, MeetingId meeting);
}
