package org.plenum.server.agenda;

import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.http.JsonBodies;

/** The fields of the agenda's socket commands (docs/protocol.md §6); each validates itself. */
final class AgendaCommands {
  private AgendaCommands() {}

  record Add(String title, String parentId, Integer durationMinutes, Boolean internal) {
    Add {
      JsonBodies.required(title, "title", 500);
      duration(durationMinutes);
      internal = internal != null && internal;
    }
  }

  record Update(String itemId, String title, Integer durationMinutes, Boolean internal) {
    Update {
      JsonBodies.required(itemId, "itemId", 64);
      if (title != null) {
        JsonBodies.required(title, "title", 500);
      }
      duration(durationMinutes);
    }
  }

  record Move(String itemId, String parentId, Integer position) {
    Move {
      JsonBodies.required(itemId, "itemId", 64);
      JsonBodies.requiredValue(position, "position");
    }
  }

  record ItemRef(String itemId) {
    ItemRef {
      JsonBodies.required(itemId, "itemId", 64);
    }
  }

  record SetCurrent(String itemId) {}

  static void duration(Integer minutes) {
    if (minutes != null && (minutes < 0 || minutes > 24 * 60)) {
      throw PlenumException.badMessage("Field 'durationMinutes' must be from 0 to 1440.");
    }
  }
}
