package org.plenum.server.core.live;

import io.vertx.core.Future;
import java.util.UUID;
import org.plenum.server.core.Actor;
import org.plenum.server.core.MeetingId;

/**
 * Who may open a meeting socket: redeems a single-use ticket for one meeting (protocol S1–S3) and names the actor.
 * Implemented outside the core (tickets are auth's, roles the meeting's); a refusal is a failed future with the error.
 */
@FunctionalInterface
public interface SocketAdmission {
  /** The login session the socket belongs to (signing it out closes the socket, S4) and who is connecting. */
  record Admission(UUID authSession, Actor actor) {}

  Future<Admission> admit(String ticket, MeetingId meeting);
}
