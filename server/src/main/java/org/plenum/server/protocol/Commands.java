package org.plenum.server.protocol;

import java.util.List;
import java.util.UUID;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.http.JsonBodies;
import org.plenum.server.meeting.Attendance;
import org.plenum.server.meeting.Invitation;
import org.plenum.server.meeting.MeetingStatus;
import org.plenum.server.speaker.SpeakerKind;

/** The fields of each client command (docs/protocol.md lists them with examples). Each validates itself. */
public final class Commands {
  private Commands() {}

  public record None() {}

  public record Resume(Long lastSeq) {}

  public record PresenceUpdate(String device, Boolean following, View view) {
    public PresenceUpdate {
      if (device != null && device.length() > 64) {
        throw PlenumException.badMessage("Field 'device' is longer than 64 characters.");
      }
    }
  }

  public record View(String document, Integer page) {
    public View {
      if (document != null && document.length() > 200) {
        throw PlenumException.badMessage("Field 'view.document' is longer than 200 characters.");
      }
      if (page != null && (page < 1 || page > 100_000)) {
        throw PlenumException.badMessage("Field 'view.page' must be from 1 to 100000.");
      }
    }
  }

  public record SetStatus(MeetingStatus status) {
    public SetStatus {
      JsonBodies.requiredValue(status, "status");
    }
  }

  public record AgendaAdd(String title, String parentId, Integer durationMinutes, Boolean internal) {
    public AgendaAdd {
      JsonBodies.required(title, "title", 500);
      duration(durationMinutes);
      internal = internal != null && internal;
    }
  }

  public record AgendaUpdate(String itemId, String title, Integer durationMinutes, Boolean internal) {
    public AgendaUpdate {
      JsonBodies.required(itemId, "itemId", 64);
      if (title != null) {
        JsonBodies.required(title, "title", 500);
      }
      duration(durationMinutes);
    }
  }

  public record AgendaMove(String itemId, String parentId, Integer position) {
    public AgendaMove {
      JsonBodies.required(itemId, "itemId", 64);
      JsonBodies.requiredValue(position, "position");
    }
  }

  public record ItemRef(String itemId) {
    public ItemRef {
      JsonBodies.required(itemId, "itemId", 64);
    }
  }

  public record AgendaSetCurrent(String itemId) {}

  public record AttendanceSet(String accountId, Attendance status, String roomId) {
    public AttendanceSet {
      JsonBodies.required(accountId, "accountId", 64);
      JsonBodies.requiredValue(status, "status");
    }
  }

  public record InvitationRespond(Invitation response, String note) {
    public InvitationRespond {
      JsonBodies.requiredValue(response, "response");
      if (note != null && note.length() > 1000) {
        throw PlenumException.badMessage("Field 'note' is longer than 1000 characters.");
      }
    }
  }

  public record SpeakerRequest(SpeakerKind kind) {
    public SpeakerRequest {
      kind = kind == null ? SpeakerKind.SPEECH : kind;
    }
  }

  public record SpeakerAdd(String accountId, SpeakerKind kind) {
    public SpeakerAdd {
      JsonBodies.required(accountId, "accountId", 64);
      kind = kind == null ? SpeakerKind.SPEECH : kind;
    }
  }

  public record EntryRef(String entryId) {
    public EntryRef {
      JsonBodies.required(entryId, "entryId", 64);
    }
  }

  public record SpeakerGrant(String entryId, Integer timeLimitSeconds) {
    public SpeakerGrant {
      JsonBodies.required(entryId, "entryId", 64);
    }
  }

  public record SpeakerReorder(List<String> entryIds) {
    public SpeakerReorder {
      JsonBodies.requiredValue(entryIds, "entryIds");
      if (entryIds.size() > 1000) {
        throw PlenumException.badMessage("Field 'entryIds' has more than 1000 entries.");
      }
    }
  }

  public record PresentationShow(String document, Integer page, Double zoom) {
    public PresentationShow {
      JsonBodies.required(document, "document", 200);
      JsonBodies.requiredValue(page, "page");
      zoom = zoom == null ? 1.0 : zoom;
    }
  }

  public record PresenterSet(String accountId) {}

  /** A UUID field of a command; a malformed one is BAD_MESSAGE naming the field. */
  public static UUID uuid(String value, String field) {
    if (value == null) {
      return null;
    }
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw PlenumException.badMessage("Field '" + field + "' must be an id (UUID).");
    }
  }

  private static void duration(Integer minutes) {
    if (minutes != null && (minutes < 0 || minutes > 24 * 60)) {
      throw PlenumException.badMessage("Field 'durationMinutes' must be from 0 to 1440.");
    }
  }
}
