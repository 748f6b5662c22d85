package org.plenum.media.agent;

import dev.onvoid.webrtc.media.video.I420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.onvoid.webrtc.media.video.VideoTrackSink;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Counts the decoded frames of one remote video track and reads the identity code each carries. Runs on
 * libwebrtc's decoder thread; {@link #snapshot()} may be called from any thread.
 */
final class FrameCounter implements VideoTrackSink {

  private final String trackId;
  private long frames;
  private long lastFrameMillis;
  private int width;
  private int height;
  private final Map<Integer, Long> codeCounts = new HashMap<>();

  FrameCounter(String trackId) {
    this.trackId = trackId;
  }

  @Override
  public void onVideoFrame(VideoFrame frame) {
    // the frame belongs to the caller: read it, never release it
    I420Buffer buffer = frame.buffer.toI420();
    int w = buffer.getWidth();
    int h = buffer.getHeight();
    OptionalInt code = IdentityPattern.read(w, h, buffer.getDataY(), buffer.getStrideY());
    synchronized (this) {
      frames++;
      lastFrameMillis = System.currentTimeMillis();
      width = w;
      height = h;
      code.ifPresent(c -> codeCounts.merge(c, 1L, Long::sum));
    }
  }

  synchronized ReceivedTrack snapshot() {
    Optional<Instant> last = frames == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(lastFrameMillis));
    return new ReceivedTrack(trackId, frames, last, width, height, codeCounts);
  }
}
