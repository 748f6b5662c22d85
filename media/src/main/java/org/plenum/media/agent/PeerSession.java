package org.plenum.media.agent;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.onvoid.webrtc.media.video.VideoTrack;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebRTC peer connection of a {@link RoomAgent}: towards another peer, or one Janus handle (a publisher, or a
 * subscriber — Janus sends subscribers an offer, which {@link #answer(String)} takes).
 *
 * <p>Signalling operations are serialised: each starts when the previous one has finished, whatever thread calls
 * them. libwebrtc's callbacks hop onto the agent's Vert.x context; only frame counting stays on the decoder
 * thread. Remote candidates that arrive before the remote description are held until it is set.
 */
public final class PeerSession {

  private static final Logger LOG = LoggerFactory.getLogger(PeerSession.class);

  private final String label;
  private final Context context;
  private final RTCPeerConnection pc;
  private final List<FrameCounter> counters = new CopyOnWriteArrayList<>();
  private final List<String> localCandidates = new CopyOnWriteArrayList<>();
  private final Promise<Void> connected = Promise.promise();
  private final List<RTCIceCandidate> heldCandidates = new ArrayList<>();   // context thread only
  private Consumer<SignalMessage.Candidate> candidateHandler = c -> { };  // context thread only
  private boolean remoteDescriptionSet;                                    // context thread only
  private Future<?> tail = Future.succeededFuture();                       // context thread only
  private volatile RTCPeerConnectionState state = RTCPeerConnectionState.NEW;
  private volatile SignallingChannel channel;
  private final List<Runnable> sinkRemovals = new CopyOnWriteArrayList<>();

  /** {@code open} creates the peer connection with the session's observer (the factory call). */
  PeerSession(String label, Context context, Function<PeerConnectionObserver, RTCPeerConnection> open) {
    this.label = label;
    this.context = context;
    this.pc = open.apply(new Observer());
  }

  public String label() {
    return label;
  }

  /** Creates an offer, sets it as the local description and returns its SDP. */
  public Future<String> createOffer() {
    return serial(() -> describe(true).compose(this::setLocal).map(d -> d.sdp));
  }

  /** Applies the remote peer's answer to our offer. */
  public Future<Void> applyAnswer(String sdp) {
    return serial(() -> setRemote(new RTCSessionDescription(RTCSdpType.ANSWER, sdp)));
  }

  /** Takes a remote offer (a browser's, or Janus's for a subscriber) and returns our answer, already set locally. */
  public Future<String> answer(String offerSdp) {
    return serial(() -> setRemote(new RTCSessionDescription(RTCSdpType.OFFER, offerSdp))
        .compose(v -> describe(false)).compose(this::setLocal).map(d -> d.sdp));
  }

  /** Adds a remote ICE candidate, or holds it until the remote description is set. */
  public void addRemoteCandidate(SignalMessage.Candidate candidate) {
    RTCIceCandidate c = new RTCIceCandidate(candidate.mid(), candidate.mLineIndex(), candidate.candidate());
    context.runOnContext(v -> {
      if (remoteDescriptionSet) {
        addCandidate(c);
      } else {
        heldCandidates.add(c);
      }
    });
  }

  /** Where our own candidates go as libwebrtc gathers them (one handler; a second call replaces the first). */
  public void onLocalCandidate(Consumer<SignalMessage.Candidate> handler) {
    context.runOnContext(v -> candidateHandler = handler);
  }

  /**
   * Signals through {@code channel}: our candidates go out, remote offers are answered, remote answers and
   * candidates are applied. Call {@link #negotiate()} on the side that offers.
   */
  public void attach(SignallingChannel channel) {
    onLocalCandidate(channel::send);
    channel.onMessage(message -> {
      if (message instanceof SignalMessage.Offer offer) {
        answer(offer.sdp()).onSuccess(sdp -> channel.send(new SignalMessage.Answer(sdp)))
            .onFailure(err -> LOG.warn("{}: could not answer the remote offer", label, err));
      } else if (message instanceof SignalMessage.Answer answer) {
        applyAnswer(answer.sdp()).onFailure(err -> LOG.warn("{}: could not apply the remote answer", label, err));
      } else if (message instanceof SignalMessage.Candidate candidate) {
        addRemoteCandidate(candidate);
      }
    });
    this.channel = channel;
  }

  /** Offers through the attached channel (first negotiation, or renegotiation after publishing). */
  public Future<Void> negotiate() {
    SignallingChannel ch = channel;
    if (ch == null) {
      return Future.failedFuture(new IllegalStateException(label + ": no signalling channel attached"));
    }
    return createOffer().map(sdp -> {
      ch.send(new SignalMessage.Offer(sdp));
      return null;
    });
  }

  void sendVideo(VideoTrack track, String streamId) {
    pc.addTrack(track, List.of(streamId));
  }

  /** Completes once ICE and DTLS are connected; fails if the connection fails. */
  public Future<Void> connected() {
    return connected.future();
  }

  public RTCPeerConnectionState state() {
    return state;
  }

  /** Our gathered candidates ({@code candidate:...} lines), in gathering order. */
  public List<String> localCandidates() {
    return List.copyOf(localCandidates);
  }

  public List<ReceivedTrack> receivedTracks() {
    return counters.stream().map(FrameCounter::snapshot).toList();
  }

  /** Closes the connection. Blocks while libwebrtc tears down (call it off the event loop). */
  void close() {
    sinkRemovals.forEach(Runnable::run);
    sinkRemovals.clear();
    try {
      pc.close();
    } catch (RuntimeException | Error e) {
      LOG.warn("{}: closing the peer connection failed", label, e);
    }
  }

  // --- libwebrtc calls as futures

  private <T> Future<T> serial(Supplier<Future<T>> step) {
    Promise<T> result = Promise.promise();
    context.runOnContext(v -> {
      Future<T> next = tail.transform(ignored -> {
        try {
          return step.get();
        } catch (RuntimeException e) {
          return Future.failedFuture(e);
        }
      });
      tail = next.transform(ignored -> Future.succeededFuture());
      next.onComplete(result);
    });
    return result.future();
  }

  private Future<RTCSessionDescription> describe(boolean offer) {
    Promise<RTCSessionDescription> p = Promise.promise();
    CreateSessionDescriptionObserver observer = new CreateSessionDescriptionObserver() {
      @Override
      public void onSuccess(RTCSessionDescription description) {
        context.runOnContext(v -> p.complete(description));
      }

      @Override
      public void onFailure(String error) {
        context.runOnContext(v -> p.fail(new IllegalStateException(label + ": " + (offer ? "createOffer" : "createAnswer") + ": " + error)));
      }
    };
    if (offer) {
      pc.createOffer(new RTCOfferOptions(), observer);
    } else {
      pc.createAnswer(new RTCAnswerOptions(), observer);
    }
    return p.future();
  }

  private Future<RTCSessionDescription> setLocal(RTCSessionDescription description) {
    Promise<RTCSessionDescription> p = Promise.promise();
    pc.setLocalDescription(description, observer(p, description, "setLocalDescription"));
    return p.future();
  }

  private Future<Void> setRemote(RTCSessionDescription description) {
    Promise<RTCSessionDescription> p = Promise.promise();
    pc.setRemoteDescription(description, observer(p, description, "setRemoteDescription"));
    return p.future().map(d -> {
      remoteDescriptionSet = true;
      heldCandidates.forEach(this::addCandidate);
      heldCandidates.clear();
      return null;
    });
  }

  private SetSessionDescriptionObserver observer(Promise<RTCSessionDescription> p, RTCSessionDescription d, String what) {
    return new SetSessionDescriptionObserver() {
      @Override
      public void onSuccess() {
        context.runOnContext(v -> p.complete(d));
      }

      @Override
      public void onFailure(String error) {
        context.runOnContext(v -> p.fail(new IllegalStateException(label + ": " + what + " (" + d.sdpType + "): " + error)));
      }
    };
  }

  private void addCandidate(RTCIceCandidate candidate) {
    try {
      pc.addIceCandidate(candidate);
    } catch (RuntimeException e) {
      LOG.warn("{}: remote candidate rejected: {}", label, candidate.sdp, e);
    }
  }

  private final class Observer implements PeerConnectionObserver {

    @Override
    public void onIceCandidate(RTCIceCandidate candidate) {
      LOG.info("{}: local candidate {}", label, candidate.sdp);
      localCandidates.add(candidate.sdp);
      SignalMessage.Candidate message = new SignalMessage.Candidate(candidate.sdpMid, candidate.sdpMLineIndex, candidate.sdp);
      context.runOnContext(v -> candidateHandler.accept(message));
    }

    @Override
    public void onConnectionChange(RTCPeerConnectionState newState) {
      state = newState;
      LOG.info("{}: connection {}", label, newState);
      context.runOnContext(v -> {
        if (newState == RTCPeerConnectionState.CONNECTED) {
          connected.tryComplete();
        } else if (newState == RTCPeerConnectionState.FAILED) {
          connected.tryFail(new IllegalStateException(label + ": connection failed"));
        }
      });
    }

    @Override
    public void onTrack(RTCRtpTransceiver transceiver) {
      // on libwebrtc's signalling thread, before any frame of this track is decoded
      MediaStreamTrack track = transceiver.getReceiver().getTrack();
      if (track instanceof VideoTrack video) {
        FrameCounter counter = new FrameCounter(video.getId());
        counters.add(counter);
        video.addSink(counter);
        sinkRemovals.add(() -> {
          try {
            video.removeSink(counter);
          } catch (RuntimeException | Error e) {
            LOG.debug("{}: removing a frame counter failed", label, e);
          }
        });
        LOG.info("{}: receiving video track {} (mid {})", label, video.getId(), transceiver.getMid());
      }
    }
  }
}
