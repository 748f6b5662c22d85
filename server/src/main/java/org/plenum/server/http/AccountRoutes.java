package org.plenum.server.http;

import org.plenum.server.core.http.Http;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.plenum.server.account.Account;
import org.plenum.server.account.AccountService;
import org.plenum.server.auth.AuthService;
import org.plenum.server.meeting.MeetingService;

/** Rule: an administrator creates and lists accounts; every signed-in account reads itself and its meetings. */
final class AccountRoutes {
  private AccountRoutes() {}

  static void mount(Router api, AuthService auth, AccountService accounts, MeetingService meetings) {
    api.get("/me").handler(ctx -> Http.authed(ctx, auth, 200, p -> accounts.me(p)
        .compose(a -> meetings.list(p).map(list -> {
          JsonArray roles = new JsonArray();
          list.stream().filter(l -> l.role() != null)
              .forEach(l -> roles.add(new JsonObject().put("meetingId", l.meeting().id().toString()).put("role", l.role().name())));
          return a.toJson().put("meetings", roles);
        }))));
    api.get("/accounts").handler(ctx -> Http.authed(ctx, auth, 200, p -> accounts.list(p)
        .map(list -> new JsonObject().put("accounts", new JsonArray(list.stream().map(Account::toJson).toList())))));
    api.post("/accounts").handler(ctx -> Http.authed(ctx, auth, 201, p -> {
      var req = Http.body(ctx, Requests.CreateAccount.class);
      return accounts.create(p, req.username(), req.displayName(), req.password(), req.kind(), req.admin()).map(Account::toJson);
    }));
  }
}
