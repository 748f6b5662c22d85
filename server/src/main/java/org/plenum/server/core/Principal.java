package org.plenum.server.core;

import java.util.UUID;
import org.plenum.server.core.error.PlenumException;

/** The authenticated caller of a request: an account and the login session its token belongs to. */
public record Principal(UUID accountId, String username, String displayName, boolean admin, UUID sessionId) {

  public Principal requireAdmin() {
    if (!admin) {
      throw PlenumException.forbidden("Only an administrator may do this.");
    }
    return this;
  }
}
