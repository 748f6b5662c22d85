package org.plenum.server.ws;

import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.plenum.server.app.Services;
import org.plenum.server.auth.TicketService;
import org.plenum.server.error.Errors;
import org.plenum.server.error.PlenumException;
import org.plenum.server.meeting.MeetingId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WebSocket entry of a meeting: {@code GET /ws/meetings/{id}?ticket=...}. The ticket is redeemed before the
 * upgrade, so a bad or foreign ticket is refused with the usual JSON error and an HTTP status, never a socket.
 * The live meeting protocol (docs/protocol.md) builds on this entry.
 */
public final class MeetingGateway {
  private static final Logger LOG = LoggerFactory.getLogger(MeetingGateway.class);

  private final Vertx vertx;
  private final Services services;

  public MeetingGateway(Vertx vertx, Services services) {
    this.vertx = vertx;
    this.services = services;
  }

  public void mount(Router router) {
    router.get("/ws/meetings/:meetingId").handler(this::upgrade);
  }

  private void upgrade(RoutingContext ctx) {
    // Keep the request unread while the ticket is checked, or the upgrade finds it already consumed.
    ctx.request().pause();
    MeetingId meeting;
    try {
      meeting = MeetingId.parse(ctx.pathParam("meetingId"));
    } catch (PlenumException e) {
      ctx.fail(e);
      return;
    }
    services.tickets().redeem(ctx.request().getParam("ticket"), meeting)
        .compose(holder -> services.meetingStore().roleOf(meeting, holder.accountId()).map(role -> new Session(holder, role.map(Enum::name).orElse(null))))
        .compose(session -> ctx.request().toWebSocket().map(ws -> {
          open(ws, session);
          return ws;
        }))
        .onFailure(ctx::fail);
  }

  private record Session(TicketService.Holder holder, String role) {}

  private void open(ServerWebSocket ws, Session session) {
    LOG.info("WebSocket open: account {} in meeting {} as {}", session.holder().accountId(), session.holder().meetingId(), session.role());
    ws.writeTextMessage(new JsonObject().put("type", "hello").put("meetingId", session.holder().meetingId().toString())
        .put("accountId", session.holder().accountId().toString()).put("role", session.role()).encode());
    ws.textMessageHandler(text -> {
      String requestId = null;
      try {
        JsonObject msg = new JsonObject(text);
        requestId = msg.getValue("requestId") instanceof String r ? r : null;
        if ("ping".equals(msg.getString("type"))) {
          ws.writeTextMessage(new JsonObject().put("type", "pong").put("requestId", requestId).encode());
          return;
        }
        throw PlenumException.badMessage("Unknown message type '" + msg.getValue("type") + "'.");
      } catch (DecodeException | ClassCastException e) {
        ws.writeTextMessage(Errors.render(PlenumException.badMessage("Messages must be JSON objects with a 'type'."), "ws").toJson(null).encode());
      } catch (PlenumException e) {
        ws.writeTextMessage(Errors.render(e, "ws").toJson(requestId).encode());
      }
    });
  }
}
