package org.plenum.media.bench;

import io.vertx.core.Future;
import org.plenum.media.agent.PeerSession;

/**
 * How a simulated remote room reaches the video of one meeting: join, publish its camera, watch the speaker, and
 * (as the chair) move the floor. The video bench drives rooms only through this interface.
 *
 * <p>Today the one implementation is {@link JanusDirectSignalling}: each room talks to the Janus VideoRoom itself
 * through our {@code JanusClient}/{@code VideoRoom} API, and a floor grant is the bench switching every watcher's
 * subscription. The path through the Plenum server (meeting WebSocket {@code media.*} commands, floor control from the
 * speaker queue) will be a second implementation of the same interface, so the same bench then measures the whole
 * control plane.
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
     * follows later grants. Completes once the answer was sent.
     */
    Future<Void> watchSpeaker(PeerSession session);

    /** Leaves the meeting (its sessions end); never fails. */
    Future<Void> leave();
  }

  /** Joins room {@code roomId} to the meeting; completes when the join was accepted. */
  Future<RoomLink> join(String roomId);

  /**
   * Gives the floor to a publishing room: every watcher's speaker view moves to its feed. Completes when the command
   * was accepted (not when the new video arrives).
   */
  Future<Void> grantFloor(RoomLink speaker);

  /** Ends the meeting's video (rooms that did not leave are dropped); never fails. */
  Future<Void> close();
}
