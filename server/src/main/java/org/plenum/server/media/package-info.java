/**
 * The media feature (docs/protocol.md §13), one class per job:
 * <ul>
 *   <li>{@link org.plenum.server.media.MediaFeature}: what the feature registers with the core — the {@code media.*}
 *       commands ({@link org.plenum.server.media.MediaCommands}), the events {@code media.floor} and
 *       {@code media.status} ({@link org.plenum.server.media.MediaEvent}, seen whole by everyone in the meeting) and the
 *       WHIP/WHEP routes ({@link org.plenum.server.media.MediaEndpointRoutes}); it starts the plane before it registers
 *       and stops it with the server;</li>
 *   <li>{@link org.plenum.server.media.MediaService}: starts the bridge pool (or an autostarted local Janus,
 *       {@link org.plenum.server.media.LocalJanus}) and is the surface the commands call;</li>
 *   <li>{@link org.plenum.server.media.MediaSignalling}: the {@code media.*} commands (publish, subscribe, answer,
 *       candidate, leave, state) and the room's live feeds;</li>
 *   <li>{@link org.plenum.server.media.RoomPlacement}: the rooms of this node and which bridge a room and a subscriber
 *       go to; {@link org.plenum.server.media.RoomCascade}: the second bridge and its relays (MV17);
 *       {@link org.plenum.server.media.BridgeFailover}: bridge loss and return (MV9, MV10);</li>
 *   <li>{@link org.plenum.server.media.FloorControl}: speaker queue ({@code speaker.SpeakerQueue} and the
 *       {@code SpeakerEvent} records) → mute/un-mute and {@code media.floor};
 *       {@link org.plenum.server.media.FloorFollowers}: the subscriptions that follow the floor by {@code switch}
 *       (WHEP, and sockets with {@code follow}; {@code media.resubscribe} when one cannot, MV29–MV31);
 *       {@link org.plenum.server.media.MediaPeer}: one Janus session per bridge for each meeting socket or WHIP/WHEP
 *       resource ({@link org.plenum.server.media.MediaEndpoints}, MV11–MV14); {@link org.plenum.server.media.SdpLines}:
 *       the SDP lines the plane reads;</li>
 *   <li>{@link org.plenum.server.media.MediaRelay}: in a cluster, where a command runs — here when this node holds the
 *       duty {@code media}, else forwarded to its holder over the event bus; the takeover of the previous owner's
 *       meetings (docs/protocol.md CL7–CL10, decision D44).</li>
 * </ul>
 *
 * <h2>Ownership: one context, no locks (decision D20)</h2>
 * All media state of this node — every {@link org.plenum.server.media.MeetingRoom} with its peers, publishers,
 * placement, cascade and floor, and the WHIP/WHEP resources — is owned by one Vert.x context, the
 * {@link org.plenum.server.media.MediaOwner} (a verticle of its own). It is plain fields and plain maps: no
 * {@code volatile}, no {@code synchronized}, no concurrent map. Everything that touches it first hops onto that
 * context: socket commands and HTTP WHIP/WHEP requests through {@code MediaOwner.call} (the answer goes back to the
 * caller's context), Janus replies through {@code MediaOwner.resume} (the Janus client completes them on its own
 * context), Janus events, bridge down/up, ledger events, the credential-revoked message and timers through
 * {@code MediaOwner.run}. Between two steps of an async operation the room may have lost its bridge, been placed
 * again or its peer may have left: each step re-checks before it acts — a room's {@code Placement} (bridge and epoch)
 * must still be held, a publication or subscription must still be the peer's current one, and a Janus session that
 * arrives for a peer that dropped it is destroyed. A Janus {@code webrtcup} counts only for the current publication on
 * the current placement, so no feed is recorded on a dead bridge (MediaRaceVideoIT).
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
 * Following the floor (MV22 for WHEP, MV29–MV31 for sockets with {@code follow}, decision D45) is the VideoRoom
 * {@code switch} request on the existing subscriber handle, made by {@link org.plenum.server.media.FloorFollowers}
 * after every floor announcement. Janus 1.1.2 answers a {@code switch} with success even when it did not move a stream
 * (another codec: it does not transcode) and says so only in its {@code changes} count, which
 * {@code MediaPeer.switchTo} checks. Sockets without {@code follow} still switch themselves by a new
 * {@code media.subscribe "speaker"} on each {@code media.floor} (MV8), as does every client after a rejoin.
 */
package org.plenum.server.media;
