package org.plenum.server.core.live;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.plenum.server.core.MeetingId;

/**
 * The live core's figures in {@code /metrics}, summed over every HTTP verticle's hub: open meeting sockets per
 * meeting ({@code plenum_ws_sockets{meeting}}, gone once a meeting has none), ledger events written to sockets
 * ({@code plenum_ws_events_delivered_total}) and sockets closed as slow consumers ({@code plenum_ws_slow_consumer_closes_total}, B3).
 */
public final class LiveMetrics {
  private final MeterRegistry registry;
  private final ConcurrentHashMap<MeetingId, Meeting> meetings = new ConcurrentHashMap<>();
  private final Counter delivered;
  private final Counter slowCloses;

  private record Meeting(AtomicInteger sockets, Gauge gauge) {}

  public LiveMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.delivered = Counter.builder("plenum.ws.events.delivered").description("Ledger event frames written to meeting sockets").register(registry);
    this.slowCloses = Counter.builder("plenum.ws.slow.consumer.closes").description("Meeting sockets closed with 4008 (slow consumer, B3)")
        .register(registry);
  }

  /** Figures nobody reads (tests that build the live core without a registry). */
  public static LiveMetrics none() {
    return new LiveMetrics(new SimpleMeterRegistry());
  }

  void opened(MeetingId meeting) {
    meetings.compute(meeting, (m, now) -> {
      if (now == null) {
        AtomicInteger n = new AtomicInteger();
        now = new Meeting(n, Gauge.builder("plenum.ws.sockets", n, AtomicInteger::get).description("Open meeting sockets of one meeting")
            .tag("meeting", m.toString()).register(registry));
      }
      now.sockets().incrementAndGet();
      return now;
    });
  }

  void closed(MeetingId meeting) {
    meetings.computeIfPresent(meeting, (m, now) -> {
      if (now.sockets().decrementAndGet() > 0) {
        return now;
      }
      registry.remove(now.gauge());
      return null;
    });
  }

  void delivered(int frames) {
    if (frames > 0) {
      delivered.increment(frames);
    }
  }

  void slowConsumerClosed() {
    slowCloses.increment();
  }
}
