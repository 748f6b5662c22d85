package org.plenum.bench;

import io.vertx.core.Vertx;
import java.util.List;
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
  }

  private StrokeLoad() {}

  static Result run(String target, Vertx vertx, Sockets sockets, Framer framer, int annotators, int hz, int warmupSeconds, int seconds, Cpu cpu,
                    Consumer<String> log) throws InterruptedException {
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
        long k = pointX(text);
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
    long[] timers = new long[annotators];
    AtomicLong requests = new AtomicLong();
    Cpu.Mark[] mark = new Cpu.Mark[1];
    for (int a = 0; a < annotators; a++) {
      int annotator = a;
      long[] frame = {0};
      String[] stroke = {UUID.randomUUID().toString()};
      // spread the annotators over the period so that they do not all send in the same millisecond
      vertx.setTimer(1 + periodMs * annotator / annotators, first -> timers[annotator] = vertx.setPeriodic(periodMs, t -> {
        if (frame[0] >= perAnnotator) {
          vertx.cancelTimer(timers[annotator]);
          return;
        }
        if (frame[0] % hz == 0) {
          stroke[0] = UUID.randomUUID().toString();
        }
        long k = frame[0] * annotators + annotator;
        frame[0]++;
        if (k == warmup && mark[0] == null) {
          mark[0] = cpu.mark();
        }
        sentAt.set((int) k, System.nanoTime());
        sockets.send(annotator, framer.frame(stroke[0], k, requests.incrementAndGet()));
        sent.incrementAndGet();
      }));
    }
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupSeconds + seconds + 1);
    while (System.nanoTime() < until) {
      Thread.sleep(200);
    }
    Cpu.Usage usage = mark[0] == null ? null : cpu.since(mark[0]);
    Thread.sleep(2000); // let the last frames arrive
    long measuredSent = total - warmup;
    long expected = measuredSent * (n - 1);
    log.accept(String.format("bench: %s: %d frames sent (%d measured), %d of %d deliveries", target, sent.get(), measuredSent, delivered.get(),
        expected));
    return new Result(target, n, annotators, hz, seconds, measuredSent, expected, delivered.get(), latency.copy(), sockets.errors(), usage);
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

  static List<Integer> indices(int n) {
    return java.util.stream.IntStream.range(0, n).boxed().toList();
  }
}
