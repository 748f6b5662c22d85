package org.plenum.server.meeting;

import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.http.JsonBodies;

/** The fields of the meeting's socket commands (docs/protocol.md §5, §8); each validates itself. */
final class MeetingCommands {
  private MeetingCommands() {}

  record AttendanceSet(String accountId, Attendance status, String roomId) {
    AttendanceSet {
      JsonBodies.required(accountId, "accountId", 64);
      JsonBodies.requiredValue(status, "status");
    }
  }

  record InvitationRespond(Invitation response, String note) {
    InvitationRespond {
      JsonBodies.requiredValue(response, "response");
      if (note != null && note.length() > 1000) {
        throw PlenumException.badMessage("Field 'note' is longer than 1000 characters.");
      }
    }
  }
}
