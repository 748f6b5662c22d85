package org.plenum.server.meeting;

import org.plenum.server.core.Role;
import io.vertx.core.json.JsonObject;
import org.plenum.server.auth.AccountId;

public record Participant(AccountId accountId, String username, String displayName, Role role, boolean votingRight) {
  public JsonObject toJson() {
    return new JsonObject().put("accountId", accountId.toString()).put("username", username)
        .put("displayName", displayName).put("role", role.name()).put("votingRight", votingRight);
  }
}
