package org.plenum.media.agent;

import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Pushes {@link IdentityPattern} frames into a {@link CustomVideoSource} at a fixed rate, on a thread of its own. */
final class SyntheticCamera implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SyntheticCamera.class);

  private final CustomVideoSource source;
  private final VideoFormat format;
  private final int code;
  private final ScheduledExecutorService clock;
  private final AtomicLong framesPushed = new AtomicLong();

  SyntheticCamera(String agentName, CustomVideoSource source, VideoFormat format, int code) {
    this.source = source;
    this.format = format;
    this.code = code;
    this.clock = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "agent-camera-" + agentName);
      t.setDaemon(true);
      return t;
    });
  }

  void start() {
    long periodMicros = 1_000_000L / format.fps();
    clock.scheduleAtFixedRate(this::pushFrame, 0, periodMicros, TimeUnit.MICROSECONDS);
  }

  long framesPushed() {
    return framesPushed.get();
  }

  private void pushFrame() {
    try {
      NativeI420Buffer buffer = NativeI420Buffer.allocate(format.width(), format.height());
      long n = framesPushed.get();
      IdentityPattern.paint(code, n, format.width(), format.height(),
          buffer.getDataY(), buffer.getStrideY(), buffer.getDataU(), buffer.getStrideU(),
          buffer.getDataV(), buffer.getStrideV());
      VideoFrame frame = new VideoFrame(buffer, System.nanoTime());
      source.pushFrame(frame);
      frame.release();
      framesPushed.incrementAndGet();
    } catch (RuntimeException e) {
      LOG.warn("synthetic camera could not push a frame", e);   // keep the schedule alive
    }
  }

  /** Stops pushing; returns once no frame is being pushed. */
  @Override
  public void close() {
    clock.shutdownNow();
    try {
      clock.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
