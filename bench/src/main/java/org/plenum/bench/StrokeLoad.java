package org.plenum.bench;

import io.vertx.core.Vertx;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Live ink at a fixed rate, open loop: {@code annotators} of the sockets each send a stroke frame every
 * {@code 1000 / hz} ms (a new stroke every {@code hz} frames, as a pen lifts once a second), for a warm-up and then
 * the measured seconds; every socket reports what it receives. Frame k carries k as its first point's x, so a
 * receiver finds its send time without parsing the frame. The same load drives Plenum and the peer.
 */
final class StrokeLoad {
  /** One target's sockets: how to send a frame from socket i, and how to hear frames at socket i. */
  interface Sockets {
    int size();

    void send(int socket, String text);

    /** {@code onFrame} gets each frame's text and the nanoTime it was read. */
    void listen(int socket, java.util.function.ObjLongConsumer<String> onFrame);

    /** Errors the server answered to what was sent (RATE_LIMITED, …). */
    long errors();
  }

  /** Builds the text of one stroke frame: stroke id, sequence number k (the x of its point), frame counter. */
  interface Framer {
    String frame(String strokeId, long k, long requestNo);
  }

  record Result(String target, int sockets, int annotators, int hz, double seconds, long sent, long expected, long delivered, Histogram latencyMicros,
                long errors, Cpu.Usage cpu) {
    double deliveriesPerSecond() {
      return delivered / seconds;
    }

    /** Frames the annotators really sent per second while measured (a loaded client sends fewer than annotators × hz). */
    double framesPerSecond() {
      return sent / seconds;
    }
  }

  private StrokeLoad() {}

  static Result run(String target, Vertx vertx, Sockets sockets, Framer framer, int annotators, int hz, int warmupSeconds, int seconds, Cpu cpu,
                    Consumer<String> log) throws InterruptedException {
    return run(target, vertx, sockets, framer, StrokeLoad::pointX, annotators, hz, warmupSeconds, seconds, cpu, log);
  }

  /** As above, with {@code keyOf} finding a received frame's sequence number k (-1: not one of ours). */
  static Result run(String target, Vertx vertx, Sockets sockets, Framer framer, java.util.function.ToLongFunction<String> keyOf, int annotators,
                    int hz, int warmupSeconds, int seconds, Cpu cpu, Consumer<String> log) throws InterruptedException {
    int n = sockets.size();
    long perAnnotator = (long) hz * (warmupSeconds + seconds);
    long total = perAnnotator * annotators;
    long warmup = (long) hz * warmupSeconds * annotators;
    AtomicLongArray sentAt = new AtomicLongArray((int) total);
    ConcurrentHistogram latency = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(60), 3);
    AtomicLong delivered = new AtomicLong();
    AtomicLong sent = new AtomicLong();
    for (int s = 0; s < n; s++) {
      sockets.listen(s, (text, now) -> {
        long k = keyOf.applyAsLong(text);
        if (k < warmup || k >= total) {
          return;
        }
        long at = sentAt.get((int) k);
        if (at != 0) {
          latency.recordValue(Math.max(0, (now - at) / 1000));
          delivered.incrementAndGet();
        }
      });
    }
    long periodMs = Math.max(1, 1000 / hz);
    AtomicLong requests = new AtomicLong();
    Cpu.Mark[] mark = new Cpu.Mark[1];
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(annotators);
    for (int a = 0; a < annotators; a++) {
      int annotator = a;
      long[] frame = {0};
      String[] stroke = {UUID.randomUUID().toString()};
      // Each frame is scheduled one period after the previous one was sent (never a burst to catch up, as a real
      // client coalesces the points of a stall into its next frame); annotators start spread over one period.
      Runnable[] tick = new Runnable[1];
      tick[0] = () -> {
        if (frame[0] % hz == 0) {
          stroke[0] = UUID.randomUUID().toString();
        }
        long k = frame[0] * annotators + annotator;
        frame[0]++;
        if (k >= warmup && mark[0] == null) {
          mark[0] = cpu.mark();
        }
        sentAt.set((int) k, System.nanoTime());
        sockets.send(annotator, framer.frame(stroke[0], k, requests.incrementAndGet()));
        sent.incrementAndGet();
        if (frame[0] < perAnnotator) {
          vertx.setTimer(periodMs, t -> tick[0].run());
        } else {
          done.countDown();
        }
      };
      vertx.setTimer(1 + periodMs * annotator / annotators, first -> tick[0].run());
    }
    if (!done.await(warmupSeconds + seconds + 60L, TimeUnit.SECONDS)) {
      log.accept("bench: " + target + ": the annotators did not finish sending in time");
    }
    Cpu.Usage usage = mark[0] == null ? null : cpu.since(mark[0]);
    Thread.sleep(3000); // let the last frames arrive
    long measuredSent = total - warmup;
    long expected = measuredSent * (n - 1);
    log.accept(String.format("bench: %s: %d frames sent (%d measured), %d of %d deliveries", target, sent.get(), measuredSent, delivered.get(),
        expected));
    double measured = usage == null ? seconds : usage.wallSeconds();
    return new Result(target, n, annotators, hz, measured, measuredSent, expected, delivered.get(), latency.copy(), sockets.errors(), usage);
  }

  /** The x of the frame's first point, the frame's sequence number; -1 when the frame is not a stroke. */
  static long pointX(String text) {
    int at = text.indexOf("\"points\":[[");
    if (at < 0) {
      return -1;
    }
    int start = at + 11;
    int end = start;
    while (end < text.length() && (Character.isDigit(text.charAt(end)) || text.charAt(end) == '.')) {
      end++;
    }
    try {
      return (long) Double.parseDouble(text.substring(start, end));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

}
