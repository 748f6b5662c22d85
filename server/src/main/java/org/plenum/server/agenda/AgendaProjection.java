package org.plenum.server.agenda;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.plenum.server.core.Actor;
import org.plenum.server.core.Projection;

/** AG2: the people running the meeting see the whole agenda; everyone else the agenda without internal items. */
final class AgendaProjection implements Projection<AgendaEvent> {
  @Override
  public Optional<String> viewOf(AgendaEvent event, Actor viewer) {
    if (event instanceof AgendaEvent.Changed) {
      return Optional.of(viewer.runsMeeting() ? "runner" : "public");
    }
    return Optional.empty();
  }

  @Override
  public JsonObject render(AgendaEvent event, String view) {
    AgendaEvent.Changed c = (AgendaEvent.Changed) event;
    JsonObject data = c.data();
    return view.equals("runner") ? data : publicAgenda(data);
  }

  /** The agenda without internal items, and without the id of the item changed when that item is internal. */
  private static JsonObject publicAgenda(JsonObject data) {
    JsonObject view = AgendaTree.publicView(data);
    String itemId = data.getString("itemId");
    boolean hidden = data.getBoolean("itemInternal", false)
        || (itemId != null && view.getJsonArray("items").stream().noneMatch(i -> itemId.equals(((JsonObject) i).getString("id")))
            && data.getJsonArray("items").stream().anyMatch(i -> itemId.equals(((JsonObject) i).getString("id"))));
    return view.put("reason", data.getString("reason")).put("itemId", hidden ? null : itemId);
  }
}
