/**
 * The media plane as the meeting socket sees it (docs/protocol.md §13): {@link org.plenum.server.media.MediaService}
 * (bridge pool or an autostarted local Janus, one VideoRoom per meeting, signalling relay),
 * {@link org.plenum.server.media.FloorControl} (speaker queue → mute/un-mute and {@code media.floor}; bridge loss and
 * return → {@code media.status}), {@link org.plenum.server.media.MediaPeer} (one Janus session per meeting socket, or
 * per WHIP/WHEP session of {@link org.plenum.server.media.MediaEndpoints}, MV11–MV14).
 *
 * <h2>Janus 1.1.2 facts this package relies on (checked in ServerVideoIT)</h2>
 * <ul>
 *   <li>A subscriber {@code join} to a publisher whose WebRTC connection is not up yet fails with 428 "No such feed":
 *       a feed is announced only after the publisher handle's {@code webrtcup} event.</li>
 *   <li>Janus puts its candidates into the SDPs it sends (no trickle from Janus to clients is needed); clients trickle
 *       theirs after the ack of the command that made the handle.</li>
 *   <li>A publisher {@code id} is unique per room (436 "User ID already exists"): the feed id is the account id and a
 *       second publication of the account kicks the first.</li>
 *   <li>After SIGKILL the WebSocket closes at once (bridge marked down, rooms and handles gone); after a restart the
 *       client reconnects with back-off, the next Admin API sample marks the bridge healthy, the room is created again
 *       with the same secret (derived from the admin secret and the meeting id).</li>
 *   <li>VideoRoom subscribers cannot send the offer ("Only publishers send offers" in 1.1.2's plugin): WHEP is served
 *       with the server offering (MV12).</li>
 * </ul>
 * Switching the speaker is done by clients (a new {@code media.subscribe "speaker"} on each {@code media.floor}),
 * not with the VideoRoom {@code switch} request (1.1.2 has it for subscribers): one code path for first join, floor
 * change and rejoin after a bridge loss.
 */
package org.plenum.server.media;
