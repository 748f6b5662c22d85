package org.plenum.media.bench;

import io.vertx.core.Future;
import org.plenum.media.agent.PeerSession;
import org.plenum.media.agent.RoomAgent;

/**
 * How a simulated remote room reaches the video of one meeting: join, publish its camera, watch the speaker, and
 * (as the chair) move the floor. The video bench drives rooms only through this interface.
 *
 * <p>Two implementations: {@link PlenumSignalling} ({@code --via server}, the default) goes through the Plenum server
 * (meeting WebSocket {@code media.*} commands, floor control from the chair's speaker queue, watchers switched by the
 * server, MV29, or re-subscribing on {@code media.floor} with {@code --via server-resubscribe}); {@link JanusDirectSignalling} ({@code --via janus}) lets each room talk to the Janus
 * VideoRoom itself, a floor grant being the bench switching every watcher's subscription.
 */
public interface RoomSignalling {

  /** One room of the meeting, joined (signalling only until {@link #publish} or {@link #watchSpeaker}). */
  interface RoomLink {

    /** The room's id, also the id of its feed once it publishes. */
    String roomId();

    /** Sends the room's camera: offer from {@code session}, answer applied; completes once answered (not connected). */
    Future<Void> publish(PeerSession session);

    /**
     * Receives the current speaker on {@code session} (the floor must have been granted once); the subscription
     * follows later grants (on {@code session}, or on new sessions of {@code agent} where the signalling
     * re-subscribes). Completes once the answer was sent.
     */
    Future<Void> watchSpeaker(RoomAgent agent, PeerSession session);

    /** Leaves the meeting (its sessions end); never fails. */
    Future<Void> leave();
  }

  /** Joins room {@code roomId} to the meeting; completes when the join was accepted. */
  Future<RoomLink> join(String roomId);

  /**
   * What a floor grant to {@code speaker} needs before the grant itself (the chair's {@code speaker.add} through the
   * server); called before the switch clock starts. Nothing by default.
   */
  default Future<Void> prepareFloor(RoomLink speaker) {
    return Future.succeededFuture();
  }

  /**
   * Gives the floor to a publishing room: every watcher's speaker view moves to its feed. Completes when the command
   * was accepted (not when the new video arrives).
   */
  Future<Void> grantFloor(RoomLink speaker);

  /** Ends the meeting's video (rooms that did not leave are dropped); never fails. */
  Future<Void> close();
}
