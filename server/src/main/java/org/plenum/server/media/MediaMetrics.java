package org.plenum.server.media;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The media plane in {@code /metrics} (issue 17): bridges by health, publishers and subscriptions of this node. The
 * rooms live on the media owner's thread, so the figures are counted there once a second and the scrape only reads
 * them: {@code plenum_media_bridges{state="healthy"|"down"}}, {@code plenum_media_publishers},
 * {@code plenum_media_subscriptions}, {@code plenum_media_rooms}.
 */
final class MediaMetrics {
  private final AtomicLong healthy = new AtomicLong();
  private final AtomicLong down = new AtomicLong();
  private final AtomicLong publishers = new AtomicLong();
  private final AtomicLong subscriptions = new AtomicLong();
  private final AtomicLong rooms = new AtomicLong();

  MediaMetrics(MeterRegistry registry) {
    Gauge.builder("plenum_media_bridges", healthy, AtomicLong::get).tag("state", "healthy")
        .description("Janus bridges of the pool that answer their health check").register(registry);
    Gauge.builder("plenum_media_bridges", down, AtomicLong::get).tag("state", "down")
        .description("Janus bridges of the pool marked down").register(registry);
    Gauge.builder("plenum_media_publishers", publishers, AtomicLong::get).description("Live feeds published in this node's rooms")
        .register(registry);
    Gauge.builder("plenum_media_subscriptions", subscriptions, AtomicLong::get)
        .description("Subscriptions (watchers' streams) of this node's peers").register(registry);
    Gauge.builder("plenum_media_rooms", rooms, AtomicLong::get).description("Meeting rooms this node holds on a bridge").register(registry);
  }

  /** Called on the media owner's thread. */
  void update(long healthyBridges, long allBridges, long publishers, long subscriptions, long rooms) {
    this.healthy.set(healthyBridges);
    this.down.set(allBridges - healthyBridges);
    this.publishers.set(publishers);
    this.subscriptions.set(subscriptions);
    this.rooms.set(rooms);
  }
}
