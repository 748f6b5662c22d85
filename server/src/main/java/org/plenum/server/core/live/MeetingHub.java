package org.plenum.server.core.live;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.ledger.LedgerStore;

/**
 * The live meetings of this node (of one HTTP verticle): a {@link MeetingChannel} per meeting with at least one
 * socket. Also ends the sockets of a login session that signs out (protocol S4).
 */
public final class MeetingHub {
  public static final String REVOKED_ADDRESS = "plenum.auth.revoked";

  private final Vertx vertx;
  private final LedgerStore ledger;
  private final Projections projections;
  private final long presenceIntervalMs;
  private final Map<MeetingId, MeetingChannel> channels = new HashMap<>();
  private final Map<UUID, List<LiveSession>> byAuthSession = new HashMap<>();

  public MeetingHub(Vertx vertx, LedgerStore ledger, Projections projections, long presenceIntervalMs) {
    this.projections = projections;
    this.vertx = vertx;
    this.ledger = ledger;
    this.presenceIntervalMs = presenceIntervalMs;
    // every node hears a sign-out (CL2): its sockets of that login session close wherever they are
    vertx.eventBus().<String>consumer(REVOKED_ADDRESS, msg -> {
      List<LiveSession> sessions = byAuthSession.get(UUID.fromString(msg.body()));
      if (sessions != null) {
        new ArrayList<>(sessions).forEach(s -> s.closeWith(LiveSession.CLOSE_SIGNED_OUT, "NOT_AUTHENTICATED: signed out"));
      }
    });
  }

  public MeetingChannel join(LiveSession s) {
    MeetingChannel ch = channels.computeIfAbsent(s.meeting(), m -> new MeetingChannel(vertx, m, ledger, projections, presenceIntervalMs));
    ch.add(s);
    byAuthSession.computeIfAbsent(s.authSession(), k -> new ArrayList<>()).add(s);
    return ch;
  }

  public void leave(LiveSession s) {
    MeetingChannel ch = channels.get(s.meeting());
    if (ch != null && ch.remove(s)) {
      ch.close();
      channels.remove(s.meeting());
    }
    List<LiveSession> list = byAuthSession.get(s.authSession());
    if (list != null) {
      list.remove(s);
      if (list.isEmpty()) {
        byAuthSession.remove(s.authSession());
      }
    }
  }

  public int sessions() {
    return byAuthSession.values().stream().mapToInt(List::size).sum();
  }
}
