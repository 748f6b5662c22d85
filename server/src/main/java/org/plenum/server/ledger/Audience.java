package org.plenum.server.ledger;

import java.util.UUID;
import org.plenum.server.meeting.Actor;

/**
 * Who may receive a ledger event. Stored with the event as text: {@code ALL}, {@code RUNNERS} (chair, secretary,
 * administrators) or {@code ACCOUNT:<uuid>} (that account, plus the runners).
 */
public record Audience(String text) {
  public static final Audience ALL = new Audience("ALL");
  public static final Audience RUNNERS = new Audience("RUNNERS");

  public static Audience account(UUID id) {
    return new Audience("ACCOUNT:" + id);
  }

  public boolean admits(Actor viewer) {
    if (text.equals("ALL")) {
      return true;
    }
    if (viewer.runsMeeting()) {
      return true;
    }
    return text.startsWith("ACCOUNT:") && text.substring(8).equals(viewer.accountId().toString());
  }

  @Override
  public String toString() {
    return text;
  }
}
