/**
 * Room agents: headless WebRTC endpoints in Java ({@code dev.onvoid.webrtc:webrtc-java} 0.14.0) for remote rooms
 * without a browser, simulators, recorders and video tests. {@link org.plenum.media.agent.RoomAgent} publishes a
 * synthetic video whose frames carry an identity code ({@link org.plenum.media.agent.IdentityPattern}) and counts
 * and identifies the frames it receives ({@link org.plenum.media.agent.ReceivedTrack}); one
 * {@link org.plenum.media.agent.PeerSession} per peer connection exposes offer / answer / candidate operations for
 * any signalling (a Janus client, or a {@link org.plenum.media.agent.SignallingChannel} to a peer).
 * {@link org.plenum.media.agent.PlenumLink} joins an agent to a Plenum meeting as a remote room over the meeting
 * socket (docs/protocol.md §13); {@link org.plenum.media.agent.WhipClient} publishes through WHIP or receives through
 * WHEP like a hardware encoder or decoder (§13.1); {@code ./plenum room-agent} runs {@link org.plenum.media.agent.RoomAgentMain}.
 *
 * <h2>webrtc-java 0.14.0: the classes used</h2>
 * {@code dev.onvoid.webrtc.PeerConnectionFactory(AudioDeviceModuleBase)} with
 * {@code dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule}; {@code RTCConfiguration} (public fields
 * {@code iceServers}, {@code iceTransportPolicy}, {@code bundlePolicy}, {@code portAllocatorConfig}) and
 * {@code PortAllocatorConfig} ({@code setDisableTcp}, {@code setDisableStun}, {@code setDisableRelay});
 * {@code RTCPeerConnection.createOffer/createAnswer(options, CreateSessionDescriptionObserver)},
 * {@code setLocalDescription/setRemoteDescription(RTCSessionDescription(RTCSdpType, sdp),
 * SetSessionDescriptionObserver)}, {@code addIceCandidate(RTCIceCandidate(sdpMid, sdpMLineIndex, sdp))},
 * {@code addTrack(track, streamIds)}; {@code PeerConnectionObserver.onIceCandidate / onConnectionChange / onTrack
 * (RTCRtpTransceiver)}; {@code dev.onvoid.webrtc.media.video.CustomVideoSource.pushFrame(VideoFrame)} with
 * {@code NativeI420Buffer.allocate(w, h)} (release the pushed frame), {@code VideoTrack.addSink(VideoTrackSink)}
 * ({@code onVideoFrame(VideoFrame)}: {@code frame.buffer.toI420()} returns the buffer itself; do not release a
 * frame a sink receives). There is no {@code addTransceiver(MediaType, ...)}: a session that only receives waits
 * for the remote offer (as Janus subscribers do).
 *
 * <h2>Checked in the video tests ({@code *VideoIT}, in the namespace made by {@code media/src/test/netns/netns-java})</h2>
 * <ul>
 *   <li>Each peer connection gathers exactly two candidates, UDP host on 10.77.0.1 ({@code va}) and 10.77.0.2
 *       ({@code vb}); none on loopback, none for the IPv6 link-local addresses of the veth, none TCP (disabled).
 *       Two agents reach CONNECTED some 10–40 ms after the answer; 320x180 at 15 fps arrives at full size and every
 *       decoded frame carries the sender's code.</li>
 *   <li>Renegotiation works: a session that only received adds its track and re-offers; the other side answers
 *       the new offer (the path a Janus subscriber takes) and its own outgoing video keeps flowing.</li>
 *   <li>Headless Chromium with the fake camera (flag {@code --disable-features=WebRtcHideLocalIpsWithMdns}, and a
 *       granted camera anyway) gathers the same two UDP host addresses plus TCP "active" host candidates (port 9,
 *       unused). The agent decodes its 320x180 camera; the page, reading frames through
 *       {@code MediaStreamTrackProcessor} and an {@code OffscreenCanvas}, recognises the agent's code in every
 *       frame.</li>
 *   <li>At JVM exit the native library writes "VM attach current thread failed" to the process's stdout; surefire
 *       reports it as "Corrupted channel by directly writing to native stream" — a harmless warning.</li>
 * </ul>
 */
package org.plenum.media.agent;
