package org.plenum.server.core.live;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.ledger.LedgerStore;

/**
 * The live meetings of one HTTP verticle (one event loop): a {@link MeetingChannel} per meeting with at least one
 * socket here. Also ends the sockets of a login session that signs out (protocol S4; the sign-out is published, so
 * every hub hears it), and checks every socket's heartbeat with one timer (B4) instead of one timer per socket.
 */
public final class MeetingHub {
  public static final String REVOKED_ADDRESS = "plenum.auth.revoked";

  private final Vertx vertx;
  private final LedgerStore ledger;
  private final Projections projections;
  private final MeetingChannel.PresenceLimits presenceLimits;
  private final LiveMetrics metrics;
  private final Map<MeetingId, MeetingChannel> channels = new HashMap<>();
  private final Map<UUID, List<LiveSession>> byAuthSession = new HashMap<>();
  private final LinkedHashSet<LiveSession> all = new LinkedHashSet<>();

  public MeetingHub(Vertx vertx, LedgerStore ledger, Projections projections, MeetingChannel.PresenceLimits presenceLimits, LiveMetrics metrics,
                    long heartbeatIntervalMs) {
    this.projections = projections;
    this.vertx = vertx;
    this.ledger = ledger;
    this.presenceLimits = presenceLimits;
    this.metrics = metrics;
    LiveBus.<String>consumer(vertx, LiveBus.revoked(), msg -> {
      List<LiveSession> sessions = byAuthSession.get(UUID.fromString(msg.body()));
      if (sessions != null) {
        new ArrayList<>(sessions).forEach(s -> s.closeWith(LiveSession.CLOSE_SIGNED_OUT, "NOT_AUTHENTICATED: signed out"));
      }
    });
    vertx.setPeriodic(heartbeatIntervalMs, t -> {
      for (LiveSession s : all.toArray(new LiveSession[0])) {
        s.heartbeat();
      }
    });
  }

  public MeetingChannel join(LiveSession s) {
    MeetingChannel ch = channels.computeIfAbsent(s.meeting(), m -> new MeetingChannel(vertx, m, ledger, projections, presenceLimits, metrics));
    ch.add(s);
    all.add(s);
    byAuthSession.computeIfAbsent(s.authSession(), k -> new ArrayList<>(1)).add(s);
    metrics.opened(s.meeting());
    return ch;
  }

  public void leave(LiveSession s) {
    if (!all.remove(s)) {
      return;
    }
    metrics.closed(s.meeting());
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

  LiveMetrics metrics() {
    return metrics;
  }

  public int sessions() {
    return all.size();
  }
}
