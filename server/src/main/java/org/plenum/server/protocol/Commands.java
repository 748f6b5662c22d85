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

  public record PollOptionIn(String id, String label) {}

  public record QuorumIn(org.plenum.server.vote.QuorumRule.Kind kind, Integer n, org.plenum.server.vote.QuorumRule.Proxies proxies) {
    public org.plenum.server.vote.QuorumRule rule() {
      JsonBodies.requiredValue(kind, "quorum.kind");
      return new org.plenum.server.vote.QuorumRule(kind, n == null ? 0 : n,
          proxies == null ? org.plenum.server.vote.QuorumRule.Proxies.NOT_COUNTED : proxies);
    }
  }

  /** poll.create: defaults NAMED, SIMPLE majority, quorum more than half of the members, abstentions IGNORED. */
  public record PollCreate(String title, org.plenum.server.vote.PollKind kind, org.plenum.server.vote.Secrecy secrecy, List<PollOptionIn> options,
                           Integer minChoices, Integer maxChoices, org.plenum.server.vote.MajorityRule rule, QuorumIn quorum,
                           org.plenum.server.vote.Abstentions abstentions, Integer durationSeconds,
                           org.plenum.server.vote.NamedVisibility namedVisibility) {
    public PollCreate {
      JsonBodies.required(title, "title", org.plenum.server.vote.PollSpec.MAX_TITLE);
      JsonBodies.requiredValue(kind, "kind");
      if (options != null && options.size() > org.plenum.server.vote.PollSpec.MAX_OPTIONS) {
        throw PlenumException.badMessage("Field 'options' has more than " + org.plenum.server.vote.PollSpec.MAX_OPTIONS + " entries.");
      }
    }

    public org.plenum.server.vote.PollSpec spec() {
      List<org.plenum.server.vote.PollOption> opts;
      if (options == null && kind == org.plenum.server.vote.PollKind.YES_NO_ABSTAIN) {
        opts = List.of(org.plenum.server.vote.PollOption.YES, org.plenum.server.vote.PollOption.NO, org.plenum.server.vote.PollOption.ABSTAIN);
      } else {
        JsonBodies.requiredValue(options, "options");
        opts = options.stream().map(o -> {
          if (o == null) {
            throw PlenumException.badMessage("Field 'options' has an empty entry.");
          }
          return new org.plenum.server.vote.PollOption(o.id(), o.label());
        }).toList();
      }
      return new org.plenum.server.vote.PollSpec(title, kind, secrecy == null ? org.plenum.server.vote.Secrecy.NAMED : secrecy, opts,
          minChoices == null ? 1 : minChoices, maxChoices == null ? 1 : maxChoices,
          rule == null ? org.plenum.server.vote.MajorityRule.SIMPLE : rule,
          quorum == null ? org.plenum.server.vote.QuorumRule.moreThanHalfOfMembers() : quorum.rule(),
          abstentions == null ? org.plenum.server.vote.Abstentions.IGNORED : abstentions);
    }

    public org.plenum.server.vote.PollSettings settings() {
      return new org.plenum.server.vote.PollSettings(durationSeconds, namedVisibility);
    }
  }

  public record PollRef(String pollId) {
    public PollRef {
      JsonBodies.required(pollId, "pollId", 64);
    }
  }

  /** vote.cast and vote.paper; {@code voterId} is the member whose ballot this is (default: the caster). */
  public record VoteCast(String pollId, String voterId, List<String> choice, String idempotencyKey) {
    public VoteCast {
      JsonBodies.required(pollId, "pollId", 64);
      JsonBodies.requiredValue(choice, "choice");
      if (choice.size() > org.plenum.server.vote.PollSpec.MAX_OPTIONS) {
        throw PlenumException.badMessage("Field 'choice' has more than " + org.plenum.server.vote.PollSpec.MAX_OPTIONS + " entries.");
      }
    }
  }

  /** proxy.set: the absent member {@code giverId} lets the present member {@code holderId} cast their ballot. */
  public record ProxySet(String giverId, String holderId) {
    public ProxySet {
      JsonBodies.required(giverId, "giverId", 64);
      JsonBodies.required(holderId, "holderId", 64);
    }
  }

  public record ProxyClear(String giverId) {
    public ProxyClear {
      JsonBodies.required(giverId, "giverId", 64);
    }
  }

  /** A UUID field that may be absent (null). */
  public static UUID optionalUuid(String value, String field) {
    return value == null ? null : uuid(value, field);
  }

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
