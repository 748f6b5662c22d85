package org.plenum.server.core;

import java.util.Optional;
import java.util.UUID;
import org.plenum.server.core.error.PlenumException;

/** Who does something in one meeting: the account, its role there (empty for a non-participant admin), admin flag. */
public record Actor(UUID accountId, String displayName, Optional<Role> role, boolean admin) {

  /** Chair, secretary or administrator: runs the meeting. */
  public boolean runsMeeting() {
    return admin || role.map(Role::runsMeeting).orElse(false);
  }

  public boolean isChair() {
    return admin || role.map(r -> r == Role.CHAIR).orElse(false);
  }

  public boolean is(Role r) {
    return role.map(x -> x == r).orElse(false);
  }

  public Actor requireRunner() {
    if (!runsMeeting()) {
      throw PlenumException.forbidden("Only the chair or the secretary may do this.");
    }
    return this;
  }

  public Actor requireChair() {
    if (!isChair()) {
      throw PlenumException.forbidden("Only the chair may do this.");
    }
    return this;
  }
}
