package org.plenum.server.core.ledger;

import java.util.UUID;
import org.plenum.server.core.Actor;

/**
 * Who may receive a ledger event. Stored with the event as text: {@code ALL}, {@code RUNNERS} (chair, secretary,
 * administrators), {@code ACCOUNT:<uuid>} (that account, plus the runners) or {@code ONLY:…} (exactly the listed
 * roles and accounts — documents with restricted access).
 */
public record Audience(String text) {
  public static final Audience ALL = new Audience("ALL");
  public static final Audience RUNNERS = new Audience("RUNNERS");

  public static Audience account(UUID id) {
    return new Audience("ACCOUNT:" + id);
  }

  /**
   * Exactly these viewers, no one implied: administrators when {@code admins}, participants with one of
   * {@code roles}, and the named {@code accounts}. Text {@code ONLY:a=1;r=CHAIR,SECRETARY;p=<uuid>,<uuid>}.
   */
  public static Audience only(boolean admins, java.util.Collection<String> roles, java.util.Collection<UUID> accounts) {
    return new Audience("ONLY:a=" + (admins ? 1 : 0) + ";r=" + String.join(",", new java.util.TreeSet<>(roles)) + ";p="
        + String.join(",", accounts.stream().map(UUID::toString).sorted().toList()));
  }

  public boolean admits(Actor viewer) {
    if (text.equals("ALL")) {
      return true;
    }
    if (text.startsWith("ONLY:")) {
      String[] parts = text.substring(5).split(";", -1);
      if (parts[0].equals("a=1") && viewer.admin()) {
        return true;
      }
      String roles = parts[1].substring(2);
      if (viewer.role().isPresent() && !roles.isEmpty() && java.util.Arrays.asList(roles.split(",")).contains(viewer.role().get().name())) {
        return true;
      }
      return java.util.Arrays.asList(parts[2].substring(2).split(",")).contains(viewer.accountId().toString());
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
