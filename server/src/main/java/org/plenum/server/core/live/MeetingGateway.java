package org.plenum.server.core.live;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import org.plenum.server.config.PlenumConfig.WsConfig;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.Role;
import org.plenum.server.core.error.PlenumException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WebSocket entry of a meeting: {@code GET /ws/meetings/{id}?ticket=...}. The ticket is redeemed before the
 * upgrade, so a bad or foreign ticket is refused with the usual JSON error and an HTTP status, never a socket
 * (protocol S1–S3). Each accepted socket becomes a {@link LiveSession} of this node's {@link MeetingHub}.
 */
public final class MeetingGateway {
  private static final Logger LOG = LoggerFactory.getLogger(MeetingGateway.class);

  private final Vertx vertx;
  private final WsConfig config;
  private final MeetingHub hub;
  private final SocketAdmission admission;
  private final CommandRouter commands;

  public MeetingGateway(Vertx vertx, WsConfig config, MeetingHub hub, SocketAdmission admission, CommandRouter commands) {
    this.vertx = vertx;
    this.config = config;
    this.hub = hub;
    this.admission = admission;
    this.commands = commands;
  }

  public MeetingHub hub() {
    return hub;
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
    admission.admit(ctx.request().getParam("ticket"), meeting)
        .compose(opening -> ctx.request().toWebSocket().map(ws -> {
          LiveSession session = new LiveSession(vertx, ws, hub, config, opening.actor(), meeting, opening.authSession(), commands,
              "full".equals(ctx.request().getParam("presence")));
          session.start(new JsonObject().put("type", "hello").put("protocol", 1).put("meetingId", meeting.toString())
              .put("accountId", opening.actor().accountId().toString()).put("connectionId", session.connectionId())
              .put("role", opening.actor().role().map(Role::name).orElse(null)).put("admin", opening.actor().admin())
              .put("serverTime", Instant.now().toString())
              .put("heartbeatSeconds", config.heartbeatInterval().toSeconds())
              .put("limits", new JsonObject().put("maxMessageBytes", config.maxMessageBytes()).put("ratePerSecond", config.ratePerSecond())
                  .put("rateBurst", config.rateBurst()).put("resumeMaxEvents", config.resumeMaxEvents())));
          LOG.info("WebSocket open: account {} in meeting {} as {}", opening.actor().accountId(), meeting,
              opening.actor().role().map(Role::name).orElse("admin"));
          return ws;
        }))
        .onFailure(ctx::fail);
  }
}
