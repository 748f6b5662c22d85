package org.plenum.server.agenda;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.http.Http;
import org.plenum.server.core.http.JsonBodies;
import org.plenum.server.core.http.RouteMount;
import org.plenum.server.core.http.Routes;

/** The agenda over REST: add, edit, remove, move an item, set the current item (same rules as the socket commands); timings (AG3). */
final class AgendaRoutes implements RouteMount {
  private final AgendaService agenda;

  AgendaRoutes(AgendaService agenda) {
    this.agenda = agenda;
  }

  record AddItem(String title, Integer durationMinutes, String parentId, Boolean internal) {
    AddItem {
      JsonBodies.required(title, "title", 500);
      AgendaCommands.duration(durationMinutes);
    }
  }

  record EditItem(String title, Integer durationMinutes, Boolean internal) {
    EditItem {
      if (title != null) {
        JsonBodies.required(title, "title", 500);
      }
      AgendaCommands.duration(durationMinutes);
    }
  }

  record MoveItem(String parentId, Integer position) {
    MoveItem {
      JsonBodies.requiredValue(position, "position");
    }
  }

  record CurrentItem(String itemId) {}

  @Override
  public void mount(Routes r) {
    r.write(HttpMethod.POST, "/meetings/:meetingId/agenda", 201, (ctx, a) -> {
      var req = Http.body(ctx, AddItem.class);
      return agenda.add(a, Routes.meeting(ctx), JsonBodies.uuid(req.parentId(), "parentId"), req.title().strip(), req.durationMinutes(),
          req.internal() != null && req.internal());
    });
    r.write(HttpMethod.PATCH, "/meetings/:meetingId/agenda/:itemId", (ctx, a) -> {
      var req = Http.body(ctx, EditItem.class);
      return agenda.update(a, Routes.meeting(ctx), itemId(ctx), new AgendaService.Edit(req.title() == null ? null : req.title().strip(),
          req.durationMinutes(), req.internal()));
    });
    r.write(HttpMethod.DELETE, "/meetings/:meetingId/agenda/:itemId", (ctx, a) -> agenda.remove(a, Routes.meeting(ctx), itemId(ctx)));
    r.write(HttpMethod.POST, "/meetings/:meetingId/agenda/:itemId/move", (ctx, a) -> {
      var req = Http.body(ctx, MoveItem.class);
      return agenda.move(a, Routes.meeting(ctx), itemId(ctx), JsonBodies.uuid(req.parentId(), "parentId"), req.position());
    });
    r.get("/meetings/:meetingId/agenda/timings", (ctx, a) -> agenda.timings(a, Routes.meeting(ctx)));
    r.write(HttpMethod.PUT, "/meetings/:meetingId/current-item", (ctx, a) ->
        agenda.setCurrent(a, Routes.meeting(ctx), JsonBodies.uuid(Http.body(ctx, CurrentItem.class).itemId(), "itemId")));
  }

  private static UUID itemId(RoutingContext ctx) {
    try {
      return UUID.fromString(ctx.pathParam("itemId"));
    } catch (IllegalArgumentException e) {
      throw PlenumException.notFound("No agenda item '" + ctx.pathParam("itemId") + "'.");
    }
  }
}
