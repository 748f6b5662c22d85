package org.plenum.server.speaker;

import java.util.List;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.http.JsonBodies;

/** The fields of the list of speakers' socket commands (docs/protocol.md §7); each validates itself. */
final class SpeakerCommands {
  private SpeakerCommands() {}

  record Request(SpeakerKind kind) {
    Request {
      kind = kind == null ? SpeakerKind.SPEECH : kind;
    }
  }

  record Add(String accountId, SpeakerKind kind) {
    Add {
      JsonBodies.required(accountId, "accountId", 64);
      kind = kind == null ? SpeakerKind.SPEECH : kind;
    }
  }

  record EntryRef(String entryId) {
    EntryRef {
      JsonBodies.required(entryId, "entryId", 64);
    }
  }

  record Grant(String entryId, Integer timeLimitSeconds) {
    Grant {
      JsonBodies.required(entryId, "entryId", 64);
    }
  }

  record Reorder(List<String> entryIds) {
    Reorder {
      JsonBodies.requiredValue(entryIds, "entryIds");
      if (entryIds.size() > 1000) {
        throw PlenumException.badMessage("Field 'entryIds' has more than 1000 entries.");
      }
    }
  }
}
