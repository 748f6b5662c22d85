package org.plenum.server.core.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.plenum.server.config.PlenumConfig.WsConfig;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.Errors;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.ledger.LedgerEvent;
import org.plenum.server.core.Actor;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.Role;
import org.plenum.server.core.ws.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open meeting socket. State: NEW (connected, nothing sent but {@code hello}) → RESUMING (replaying what the
 * client missed; live events wait) → LIVE. Enforces the message size and rate limits, heartbeats and the
 * slow-consumer rule; presence frames are dropped before ledger events ever are (protocol B1–B4).
 */
public final class LiveSession implements org.plenum.server.core.Connection {
  private static final Logger LOG = LoggerFactory.getLogger(LiveSession.class);
  public static final short CLOSE_HEARTBEAT = 4000;
  public static final short CLOSE_SIGNED_OUT = 4001;
  public static final short CLOSE_SLOW_CONSUMER = 4008;
  public static final short CLOSE_RATE_LIMITED = 4029;
  public static final short CLOSE_TOO_BIG = 1009;
  /** A run of refused messages that lasts this long is flooding, not a burst (B2). */
  private static final long FLOOD_NANOS = 1_000_000_000L;

  enum State { NEW, RESUMING, LIVE, CLOSED }

  /** Runs a parsed command for this session; returns the ack's fields. */
  public interface Dispatcher {
    Future<JsonObject> dispatch(LiveSession session, Envelope command);
  }

  private final Vertx vertx;
  private final ServerWebSocket ws;
  private final MeetingHub hub;
  private final WsConfig limits;
  private final String connectionId = UUID.randomUUID().toString();
  private final UUID authSession;
  private final Dispatcher dispatcher;
  private Actor actor;
  private MeetingChannel channel;
  private State state = State.NEW;
  private long lastSeq;
  /** Events that arrived while resuming (R5); null otherwise. */
  private List<Projections.Delivery> pending;
  private long lastSeen = System.nanoTime();
  private final boolean presenceWanted;
  private long slowTimer = -1;
  private boolean presenceStale;
  private double tokens;
  private long tokensAt = System.nanoTime();
  private int rejected;
  private long rejectingSince;
  private long lastRejected;

  public LiveSession(Vertx vertx, ServerWebSocket ws, MeetingHub hub, WsConfig limits, Actor actor, MeetingId meeting, UUID authSession,
                     Dispatcher dispatcher, boolean presenceWanted) {
    this.vertx = vertx;
    this.presenceWanted = presenceWanted;
    this.ws = ws;
    this.hub = hub;
    this.limits = limits;
    this.actor = actor;
    this.authSession = authSession;
    this.dispatcher = dispatcher;
    this.tokens = limits.rateBurst();
    this.meetingId = meeting;
  }

  private final MeetingId meetingId;
  /** Null until a feature hooks the close (most sockets never get one). */
  private List<Runnable> closeHooks;

  /** Runs {@code hook} once when this socket ends (e.g. the media plane detaches the connection's handles). */
  @Override
  public void onClose(Runnable hook) {
    if (state == State.CLOSED) {
      hook.run();
    } else {
      if (closeHooks == null) {
        closeHooks = new ArrayList<>(2);
      }
      closeHooks.add(hook);
    }
  }

  @Override
  public MeetingId meeting() {
    return meetingId;
  }

  public UUID authSession() {
    return authSession;
  }

  @Override
  public String connectionId() {
    return connectionId;
  }

  @Override
  public Actor actor() {
    return actor;
  }

  public MeetingChannel channel() {
    return channel;
  }

  /** Wires the socket: joins the meeting channel, greets, starts heartbeats. */
  public void start(JsonObject hello) {
    channel = hub.join(this);
    ws.setWriteQueueMaxSize(limits.writeQueueMaxBytes());
    // Whole messages, strictly (invalid UTF-8 → 1007, over ws.max_frame_bytes in total → 1009, bad fragments → 1002).
    org.plenum.server.core.ws.TextMessages.attach(ws, limits.maxFrameBytes(), this::onText, b -> {
      touch();
      sendError(null, PlenumException.badMessage("Binary messages are not part of the protocol; send JSON text."));
    });
    ws.pongHandler(b -> touch());
    ws.drainHandler(v -> onDrain());
    ws.closeHandler(v -> stop());
    ws.exceptionHandler(err -> {
      LOG.debug("WebSocket {}: {}", connectionId, err.toString());
      if (tooBig(err)) {
        closeWith(CLOSE_TOO_BIG, "PAYLOAD_TOO_LARGE: over ws.max_frame_bytes");
      }
    });
    channel.presence().join(new PresenceEntry(connectionId, actor.accountId().toString(), actor.displayName(), actor.role().map(Role::name).orElse(null),
        java.time.Instant.now().toString(), null));
    write(hello.encode());
  }

  /**
   * Vert.x reports a frame over ws.max_frame_bytes as a corrupt frame (and then drops the connection without a close
   * frame), and a message reassembled over it as an IllegalStateException (and then silently skips it): both end the
   * socket with 1009 (B1).
   */
  private static boolean tooBig(Throwable err) {
    return err instanceof io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException c && c.closeStatus().code() == CLOSE_TOO_BIG
        || err instanceof IllegalStateException && String.valueOf(err.getMessage()).contains("max message size");
  }

  private void touch() {
    lastSeen = System.nanoTime();
  }

  /** Called by the hub's one timer every ws.heartbeat_interval (B4). */
  void heartbeat() {
    if (System.nanoTime() - lastSeen > limits.heartbeatTimeout().toNanos()) {
      LOG.info("WebSocket {} of {}: no sign of life for {}; closing", connectionId, actor.accountId(), limits.heartbeatTimeout());
      closeWith(CLOSE_HEARTBEAT, "heartbeat timeout");
      return;
    }
    if (!ws.isClosed()) {
      ws.writePing(Buffer.buffer("hb"));
    }
  }

  private void onText(String text) {
    touch();
    if (!takeToken()) {
      return;
    }
    if (text.length() > limits.maxMessageBytes() || text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > limits.maxMessageBytes()) {
      sendError(Envelope.requestIdOf(text.length() > 4 * limits.maxMessageBytes() ? "{}" : text), new PlenumException(ErrorCode.PAYLOAD_TOO_LARGE,
          "A message may have at most " + limits.maxMessageBytes() + " bytes (ws.max_message_bytes)."));
      return;
    }
    Envelope command;
    try {
      command = Envelope.parse(text);
    } catch (PlenumException e) {
      sendError(Envelope.requestIdOf(text), e);
      return;
    }
    Future<JsonObject> result;
    try {
      result = dispatcher.dispatch(this, command);
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onSuccess(ack -> {
      if (ack != null) {
        write(ack.put("requestId", command.requestId()).encode());
      }
    }).onFailure(err -> sendError(command.requestId(), err));
  }

  /**
   * Token bucket: ws.rate_per_second refill, ws.rate_burst capacity. Refused messages form a run until a second
   * passes without one; a run longer than a second (and more than a burst) is flooding and closes the socket — one
   * burst sent before the client could read its first RATE_LIMITED is not.
   */
  private boolean takeToken() {
    long now = System.nanoTime();
    tokens = Math.min(limits.rateBurst(), tokens + (now - tokensAt) / 1e9 * limits.ratePerSecond());
    tokensAt = now;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    if (rejected == 0 || now - lastRejected > FLOOD_NANOS) {
      rejected = 0;
      rejectingSince = now;
    }
    rejected++;
    lastRejected = now;
    if (rejected > limits.rateBurst() && now - rejectingSince > FLOOD_NANOS) {
      closeWith(CLOSE_RATE_LIMITED, "RATE_LIMITED: too many messages");
    } else if (rejected <= 3) {
      sendError(null, new PlenumException(ErrorCode.RATE_LIMITED, "Too many messages; at most " + limits.ratePerSecond()
          + " per second (ws.rate_per_second). Messages are dropped until you slow down."));
    }
    return false;
  }

  private void sendError(String requestId, Throwable err) {
    write(Errors.render(err, "ws " + connectionId).toJson(requestId).encode());
  }

  // ---- resume (protocol R1–R6) ----

  public boolean resuming() {
    return state != State.NEW;
  }

  /** Marks the start of a resume: live events from now on wait in {@link #pending}. */
  public void beginResume() {
    state = State.RESUMING;
    pending = new ArrayList<>();
  }

  /** Sends the frames the resume produced, then everything that arrived meanwhile, and goes live. */
  public void finishResume(List<String> frames, long upToSeq) {
    frames.forEach(this::write);
    lastSeq = upToSeq;
    state = State.LIVE;
    write(channel.presenceFor(this));
    List<Projections.Delivery> waiting = pending;
    pending = null;
    if (waiting != null) {
      waiting.forEach(this::offer);
    }
  }

  public void failResume() {
    state = State.NEW;
    pending = null;
  }

  /** Called by the channel for every committed event, in seq order; true when a frame was written. */
  boolean offer(Projections.Delivery d) {
    LedgerEvent e = d.event();
    if (state == State.RESUMING) {
      pending.add(d);
      return false;
    }
    if (state != State.LIVE || e.seq() <= lastSeq) {
      return false;
    }
    lastSeq = e.seq();
    if (actor.accountId() != null) {
      actor = d.actorAfter(actor);
    }
    var frame = d.sharedFor(actor);
    frame.ifPresent(this::write);
    return frame.isPresent();
  }

  /**
   * Whether this socket gets every presence entry even in a large meeting (PS3): chairs, secretaries and
   * administrators (who run the meeting), remote rooms (the wall) and sockets opened with {@code presence=full}.
   */
  boolean watchesPresence() {
    return presenceWanted || actor.runsMeeting() || actor.role().map(r -> r == Role.REMOTE_ROOM).orElse(false);
  }

  public long lastSeq() {
    return lastSeq;
  }

  // ---- writing with backpressure ----

  private void write(String frame) {
    if (ws.isClosed()) {
      return;
    }
    ws.writeTextMessage(frame);
    watchBackpressure();
  }

  /** A frame many sockets get: the same bytes, not encoded again for this socket. */
  private void write(SharedFrame frame) {
    if (ws.isClosed()) {
      return;
    }
    ws.writeFrame(frame.frame());
    watchBackpressure();
  }

  /** B3: a write queue that stays full for ws.slow_consumer_grace ends the socket. */
  private void watchBackpressure() {
    if (ws.writeQueueFull() && slowTimer < 0) {
      slowTimer = vertx.setTimer(limits.slowConsumerGrace().toMillis(), t -> {
        slowTimer = -1;
        if (ws.writeQueueFull()) {
          LOG.info("WebSocket {} of {}: reader too slow for {}; closing, the client resumes from seq {}", connectionId, actor.accountId(),
              limits.slowConsumerGrace(), lastSeq);
          hub.metrics().slowConsumerClosed();
          closeWith(CLOSE_SLOW_CONSUMER, "RATE_LIMITED: slow consumer, resume from your last seq");
        }
      });
    }
  }

  @Override
  public void signal(org.plenum.server.core.DomainEvent signal) {
    Signals.publish(vertx, meetingId, connectionId, signal);
  }

  @Override
  public void tell(org.plenum.server.core.DomainEvent event) {
    if (state == State.LIVE && !ws.isClosed()) {
      ws.writeTextMessage(new JsonObject().put("type", event.type()).put("data", event.data()).encode());
    }
  }

  /** Signals are the most droppable frames (B5): only to a live socket, and skipped while its write queue is full. */
  void sendSignal(SharedFrame frame) {
    if (state == State.LIVE && !ws.isClosed() && !ws.writeQueueFull()) {
      ws.writeFrame(frame.frame());
    }
  }

  /** Presence is best effort: skipped while the socket is backed up, then replaced by a full snapshot. */
  void sendPresence(SharedFrame frame) {
    if (state != State.LIVE || ws.isClosed()) {
      return;
    }
    if (ws.writeQueueFull() || presenceStale) {
      presenceStale = true;
      return;
    }
    ws.writeFrame(frame.frame());
  }

  private void onDrain() {
    if (slowTimer >= 0) {
      vertx.cancelTimer(slowTimer);
      slowTimer = -1;
    }
    if (presenceStale && state == State.LIVE) {
      presenceStale = false;
      ws.writeFrame(channel.presenceFor(this).frame());
    }
  }

  public void closeWith(short code, String reason) {
    if (!ws.isClosed()) {
      ws.close(code, reason);
    }
    stop();
  }

  private void stop() {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    if (slowTimer >= 0) {
      vertx.cancelTimer(slowTimer);
    }
    hub.leave(this);
    if (closeHooks == null) {
      return;
    }
    closeHooks.forEach(h -> {
      try {
        h.run();
      } catch (RuntimeException e) {
        LOG.warn("WebSocket {}: close hook failed", connectionId, e);
      }
    });
    closeHooks.clear();
  }

  /** For presence.update: merges the fields into this connection's presence entry. */
  public void updatePresence(JsonObject changes) {
    channel.presence().update(connectionId, changes);
  }
}
