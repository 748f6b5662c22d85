package org.plenum.server.core.live;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.plenum.server.agenda.AgendaService;
import org.plenum.server.agenda.AgendaTree;
import org.plenum.server.core.ledger.LedgerEvent;
import org.plenum.server.core.Actor;
import org.plenum.server.meeting.LiveMeetingService;

/**
 * Per-recipient filtering, done on the server before encoding (protocol P7): an event's audience decides whether a
 * viewer gets it at all; its type decides what of its data the viewer sees. Viewers with the same
 * {@link #viewKey} get byte-identical frames, so each frame is encoded once per distinct view.
 */
public final class Projector {
  private Projector() {}

  public static boolean admits(LedgerEvent e, Actor viewer) {
    return e.audience().admits(viewer);
  }

  public static String viewKey(LedgerEvent e, Actor viewer) {
    return switch (e.type()) {
      case AgendaService.CHANGED -> viewer.runsMeeting() ? "runner" : "public";
      case LiveMeetingService.PARTICIPANT_CHANGED -> viewer.runsMeeting()
          || viewer.accountId().toString().equals(e.dataJson().getJsonObject("participant").getString("accountId")) ? "full" : "public";
      case org.plenum.server.document.DocumentService.ACCESS_CHANGED -> documentAccess(e.dataJson()).permits(viewer) ? "all" : "revoked";
      default -> e.type().startsWith("speaker.") ? (viewer.runsMeeting() ? "runner" : "public") : "all";
    };
  }

  /** Speaker entries name their agenda item; for an internal item only the people running the meeting see which. */
  public static JsonObject speakerView(JsonObject data, Actor viewer) {
    if (viewer.runsMeeting()) {
      return data;
    }
    JsonObject out = data.copy();
    if (out.getJsonObject("entry") != null) {
      hideInternalItem(out.getJsonObject("entry"));
    }
    JsonObject queue = out.getJsonObject("queue") != null ? out.getJsonObject("queue") : out.containsKey("waiting") ? out : null;
    if (queue != null) {
      if (queue.getJsonObject("current") != null) {
        hideInternalItem(queue.getJsonObject("current"));
      }
      queue.getJsonArray("waiting", new JsonArray()).forEach(e -> hideInternalItem((JsonObject) e));
      if (queue.getJsonArray("history") != null) {
        queue.getJsonArray("history").forEach(e -> hideInternalItem((JsonObject) e));
      }
    }
    return out;
  }

  private static void hideInternalItem(JsonObject entry) {
    if (entry.getBoolean("agendaItemInternal", false)) {
      entry.put("agendaItemId", null);
    }
  }

  private static org.plenum.server.document.DocumentAccess documentAccess(JsonObject data) {
    JsonObject a = data.getJsonObject("document").getJsonObject("access");
    return org.plenum.server.document.DocumentAccess.fromJson(a);
  }

  public static JsonObject project(String type, JsonObject data, Actor viewer) {
    return switch (type) {
      case AgendaService.CHANGED -> viewer.runsMeeting() ? data : publicAgenda(data);
      case LiveMeetingService.PARTICIPANT_CHANGED -> data.copy().put("participant",
          LiveMeetingService.participantView(data.getJsonObject("participant"), viewer));
      case org.plenum.server.document.DocumentService.ACCESS_CHANGED -> documentAccess(data).permits(viewer) ? data
          : new JsonObject().put("documentId", data.getJsonObject("document").getString("id")).put("revoked", true);
      default -> type.startsWith("speaker.") ? speakerView(data, viewer) : data;
    };
  }

  /** AG2: the agenda without internal items, and without the id of the item changed when that item is internal. */
  private static JsonObject publicAgenda(JsonObject data) {
    JsonObject view = AgendaTree.publicView(data);
    String itemId = data.getString("itemId");
    boolean hidden = data.getBoolean("itemInternal", false)
        || (itemId != null && view.getJsonArray("items").stream().noneMatch(i -> itemId.equals(((JsonObject) i).getString("id")))
            && data.getJsonArray("items").stream().anyMatch(i -> itemId.equals(((JsonObject) i).getString("id"))));
    return view.put("reason", data.getString("reason")).put("itemId", hidden ? null : itemId);
  }

  public static JsonArray participants(JsonArray all, Actor viewer) {
    JsonArray out = new JsonArray();
    for (Object o : all) {
      out.add(LiveMeetingService.participantView((JsonObject) o, viewer));
    }
    return out;
  }
}
