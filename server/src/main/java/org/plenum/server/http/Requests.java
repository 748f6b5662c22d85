package org.plenum.server.http;

import org.plenum.server.core.http.JsonBodies;
import java.util.List;
import org.plenum.server.core.Role;

/** Request bodies of the REST API (see openapi.yaml); each validates itself when parsed. */
public final class Requests {
  private Requests() {}

  public record CreateMeeting(String title, String startsAt, String location, List<String> agenda) {
    public CreateMeeting {
      JsonBodies.required(title, "title", 300);
      agenda = agenda == null ? List.of() : agenda;
      if (agenda.size() > 500) {
        throw org.plenum.server.core.error.PlenumException.badMessage("Field 'agenda' has more than 500 items.");
      }
      for (int i = 0; i < agenda.size(); i++) {
        JsonBodies.required(agenda.get(i), "agenda[" + i + "]", 500);
      }
    }
  }

  public record AddAgendaItem(String title, Integer durationMinutes, String parentId, Boolean internal) {
    public AddAgendaItem {
      JsonBodies.required(title, "title", 500);
      if (durationMinutes != null && (durationMinutes < 0 || durationMinutes > 24 * 60)) {
        throw org.plenum.server.core.error.PlenumException.badMessage("Field 'durationMinutes' must be from 0 to 1440.");
      }
    }
  }

  /** {@code voteWeight} (VT9): the weight of this member's ballot, &gt; 0, at most 1,000,000 and 6 decimals; null keeps it (1 when new). */
  public record PutParticipant(String accountId, Role role, Boolean votingRight, java.math.BigDecimal voteWeight) {
    public PutParticipant {
      JsonBodies.required(accountId, "accountId", 64);
      JsonBodies.requiredValue(role, "role");
      votingRight = votingRight == null ? role == Role.DELEGATE || role == Role.CHAIR : votingRight;
      if (voteWeight != null && (voteWeight.signum() <= 0 || voteWeight.compareTo(java.math.BigDecimal.valueOf(1_000_000)) > 0
          || voteWeight.stripTrailingZeros().scale() > 6)) {
        throw org.plenum.server.core.error.PlenumException.badMessage("Field 'voteWeight' must be > 0 and at most 1000000, with at most 6 decimals.");
      }
    }
  }

  public record EditAgendaItem(String title, Integer durationMinutes, Boolean internal) {
    public EditAgendaItem {
      if (title != null) {
        JsonBodies.required(title, "title", 500);
      }
      if (durationMinutes != null && (durationMinutes < 0 || durationMinutes > 24 * 60)) {
        throw org.plenum.server.core.error.PlenumException.badMessage("Field 'durationMinutes' must be from 0 to 1440.");
      }
    }
  }

  public record MoveAgendaItem(String parentId, Integer position) {
    public MoveAgendaItem {
      JsonBodies.requiredValue(position, "position");
    }
  }

  public record CurrentItem(String itemId) {}

  public record SetAttendance(org.plenum.server.meeting.Attendance status, String roomId) {
    public SetAttendance {
      JsonBodies.requiredValue(status, "status");
    }
  }

  public record SetStatus(org.plenum.server.meeting.MeetingStatus status) {
    public SetStatus {
      JsonBodies.requiredValue(status, "status");
    }
  }
}
