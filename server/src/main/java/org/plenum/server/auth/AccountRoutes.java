package org.plenum.server.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.http.Http;
import org.plenum.server.core.http.JsonBodies;
import org.plenum.server.core.http.RouteMount;
import org.plenum.server.core.http.Routes;

/**
 * Rule: an administrator creates, lists, disables/enables (AD3) and resets (AD4) accounts. ({@code GET /me}, the caller's account with its meetings, is
 * served by the meeting feature.)
 */
final class AccountRoutes implements RouteMount {
  private final AccountService accounts;

  AccountRoutes(AccountService accounts) {
    this.accounts = accounts;
  }

  record CreateAccount(String username, String displayName, String password, AccountKind kind, Boolean admin) {
    CreateAccount {
      JsonBodies.required(username, "username", 64);
      JsonBodies.required(displayName, "displayName", 200);
      JsonBodies.required(password, "password", 256);
      kind = kind == null ? AccountKind.PERSON : kind;
      admin = admin != null && admin;
    }
  }

  record SetDisabled(Boolean disabled) {
    SetDisabled {
      JsonBodies.requiredValue(disabled, "disabled");
    }
  }

  @Override
  public void mount(Routes r) {
    var api = r.api();
    api.get("/accounts").handler(ctx -> r.authed(ctx, 200, p -> accounts.list(p)
        .map(list -> new JsonObject().put("accounts", new JsonArray(list.stream().map(Account::toJson).toList())))));
    api.post("/accounts").handler(ctx -> r.authed(ctx, 201, p -> {
      var req = Http.body(ctx, CreateAccount.class);
      return accounts.create(p, req.username(), req.displayName(), req.password(), req.kind(), req.admin()).map(Account::toJson);
    }));
    api.put("/accounts/:accountId/disabled").handler(ctx -> r.authed(ctx, 200, p -> {
      p.requireAdmin();
      var req = Http.body(ctx, SetDisabled.class);
      return accounts.setDisabled(p, account(ctx.pathParam("accountId")), req.disabled()).map(Account::toJson);
    }));
    api.post("/accounts/:accountId/password-reset").handler(ctx -> r.authed(ctx, 200, p -> {
      p.requireAdmin();
      return accounts.resetPassword(p, account(ctx.pathParam("accountId")))
          .map(reset -> new JsonObject().put("account", reset.account().toJson()).put("password", reset.password()));
    }));
  }

  /** A path id that is not a UUID names no account: NOT_FOUND, as for a missing one. */
  private static AccountId account(String text) {
    try {
      return AccountId.parse(text);
    } catch (RuntimeException e) {
      throw PlenumException.notFound("No such account.");
    }
  }
}
