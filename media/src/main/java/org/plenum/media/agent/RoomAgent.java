package org.plenum.media.agent;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PortAllocatorConfig;
import dev.onvoid.webrtc.RTCBundlePolicy;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceServer;
import dev.onvoid.webrtc.RTCIceTransportPolicy;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.VideoTrack;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A headless WebRTC endpoint for a remote room, a simulator or a test: it can publish a synthetic video whose frames
 * carry the agent's identity code ({@link IdentityPattern}), and count the frames it receives per remote track and
 * recognise whose they are ({@link ReceivedTrack}).
 *
 * <p>Built on {@code dev.onvoid.webrtc:webrtc-java} 0.14.0, a full libwebrtc peer (it decodes and re-encodes: about
 * a tenth of a core per 360p stream, so it is never the media plane). Facts this class relies on:
 * <ul>
 *   <li>The factory is always {@code new PeerConnectionFactory(new HeadlessAudioDeviceModule())}
 *       ({@code dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule}): the default audio module opens sound
 *       devices and aborts the JVM on a machine without them.</li>
 *   <li>{@code VideoTrack.dispose()} after the connection closed may throw {@code Error("Native object was not
 *       deleted")}; it is caught, or the JVM hangs at exit. Disposal order: camera thread, peer connections, local
 *       track, video source, factory, audio module.</li>
 *   <li>ICE uses host candidates only unless TURN servers are configured: no STUN server, no TCP candidates.
 *       libwebrtc ignores loopback interfaces, so two agents on one machine need a non-loopback address: inside the
 *       test network namespace (veth {@code va}/{@code vb}, 10.77.0.1 and 10.77.0.2) each session gathers one host
 *       candidate per veth address, and the pair connects over them.</li>
 * </ul>
 * Signalling is not this class's business: a {@link PeerSession} exposes offer/answer/candidate operations, and
 * {@link PeerSession#attach(SignallingChannel)} wires them to a peer that speaks {@link SignalMessage}s.
 */
public final class RoomAgent implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RoomAgent.class);

  private final RoomAgentConfig config;
  private final Context context;
  private final HeadlessAudioDeviceModule audio;
  private final PeerConnectionFactory factory;
  private final List<PeerSession> sessions = new CopyOnWriteArrayList<>();
  private CustomVideoSource videoSource;
  private VideoTrack videoTrack;
  private SyntheticCamera camera;
  private boolean closed;

  public RoomAgent(Vertx vertx, RoomAgentConfig config) {
    this.config = config;
    this.context = vertx.getOrCreateContext();
    this.audio = new HeadlessAudioDeviceModule();
    this.factory = new PeerConnectionFactory(audio);
  }

  public RoomAgentConfig config() {
    return config;
  }

  /** A new peer connection; {@code label} names it in logs. */
  public synchronized PeerSession newSession(String label) {
    requireOpen();
    RTCConfiguration rtc = rtcConfiguration();
    String name = config.name() + "/" + label;
    PeerSession session = new PeerSession(name, context, observer -> factory.createPeerConnection(rtc, observer));
    sessions.add(session);
    return session;
  }

  /**
   * Sends the agent's synthetic video on {@code session} (the camera starts with the first published session).
   * On a session that is already connected, {@link PeerSession#negotiate()} afterwards.
   */
  public synchronized void publishOn(PeerSession session) {
    requireOpen();
    if (videoTrack == null) {
      videoSource = new CustomVideoSource();
      videoTrack = factory.createVideoTrack("video-" + config.name(), videoSource);
      camera = new SyntheticCamera(config.name(), videoSource, config.format(), config.identityCode());
      camera.start();
    }
    session.sendVideo(videoTrack, "agent-" + config.name());
  }

  /** Frames the synthetic camera has pushed so far (0 when not publishing). */
  public synchronized long framesPublished() {
    return camera == null ? 0 : camera.framesPushed();
  }

  /** Every remote video track of every session. */
  public List<ReceivedTrack> receivedTracks() {
    List<ReceivedTrack> all = new ArrayList<>();
    sessions.forEach(s -> all.addAll(s.receivedTracks()));
    return all;
  }

  public List<PeerSession> sessions() {
    return List.copyOf(sessions);
  }

  /** Stops the camera, closes every session and frees the native objects. Blocks; call it off the event loop. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (camera != null) {
      camera.close();
    }
    sessions.forEach(PeerSession::close);
    if (videoTrack != null) {
      dispose("video track", videoTrack::dispose);
      dispose("video source", videoSource::dispose);
    }
    dispose("peer connection factory", factory::dispose);
    dispose("audio module", audio::dispose);
  }

  private RTCConfiguration rtcConfiguration() {
    RTCConfiguration rtc = new RTCConfiguration();
    rtc.bundlePolicy = RTCBundlePolicy.MAX_BUNDLE;
    rtc.iceTransportPolicy = RTCIceTransportPolicy.ALL;
    for (TurnServer turn : config.turnServers()) {
      RTCIceServer server = new RTCIceServer();
      server.urls = List.of(turn.url());
      server.username = turn.username();
      server.password = turn.credential();
      rtc.iceServers.add(server);
    }
    PortAllocatorConfig ports = new PortAllocatorConfig();
    ports.setDisableTcp(true);
    ports.setDisableStun(true);
    ports.setDisableRelay(config.turnServers().isEmpty());
    rtc.portAllocatorConfig = ports;
    return rtc;
  }

  private void dispose(String what, Runnable disposal) {
    try {
      disposal.run();
    } catch (RuntimeException | Error e) {
      // VideoTrack.dispose() after close: Error "Native object was not deleted" (harmless; rethrowing hangs the JVM)
      LOG.debug("{}: disposing the {} failed: {}", config.name(), what, e.toString());
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("room agent " + config.name() + " is closed");
    }
  }
}
