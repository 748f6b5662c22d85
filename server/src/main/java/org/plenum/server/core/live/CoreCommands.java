package org.plenum.server.core.live;

import org.plenum.server.core.error.PlenumException;

/** The fields of the core's own commands (docs/protocol.md §4: ping, session.resume, presence.update). */
final class CoreCommands {
  private CoreCommands() {}

  record Resume(Long lastSeq) {}

  record PresenceUpdate(String device, Boolean following, View view) {
    PresenceUpdate {
      if (device != null && device.length() > 64) {
        throw PlenumException.badMessage("Field 'device' is longer than 64 characters.");
      }
    }
  }

  record View(String document, Integer page) {
    View {
      if (document != null && document.length() > 200) {
        throw PlenumException.badMessage("Field 'view.document' is longer than 200 characters.");
      }
      if (page != null && (page < 1 || page > 100_000)) {
        throw PlenumException.badMessage("Field 'view.page' must be from 1 to 100000.");
      }
    }
  }
}
