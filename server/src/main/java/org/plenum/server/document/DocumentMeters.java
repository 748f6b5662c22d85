package org.plenum.server.document;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.function.Supplier;

/**
 * The document feature's figures in {@code /metrics} (DC9): bytes of contents served from the disk cache and from
 * PostgreSQL, cache hits and misses (fills) by kind, bytes filled, evictions and the cache's size.
 */
final class DocumentMeters {
  private final MeterRegistry registry;
  private final Counter fromCache;
  private final Counter fromDatabase;
  private final Counter filled;
  private final Counter evictions;

  DocumentMeters(MeterRegistry registry) {
    this.registry = registry == null ? new SimpleMeterRegistry() : registry;
    this.fromCache = Counter.builder("plenum.documents.served.bytes").tag("source", "cache")
        .description("Bytes of document contents sent to readers, by where they were read from").register(this.registry);
    this.fromDatabase = Counter.builder("plenum.documents.served.bytes").tag("source", "database")
        .description("Bytes of document contents sent to readers, by where they were read from").register(this.registry);
    this.filled = Counter.builder("plenum.documents.cache.filled.bytes").description("Bytes written into the cache").register(this.registry);
    this.evictions = Counter.builder("plenum.documents.cache.evictions").description("Cache files deleted to stay within documents.cache_max_bytes")
        .register(this.registry);
  }

  void cacheSize(Supplier<Number> bytes) {
    Gauge.builder("plenum.documents.cache.bytes", bytes).description("Bytes held in the document cache on disk").register(registry);
  }

  void servedFromCache(long n) {
    fromCache.increment(n);
  }

  void servedFromDatabase(long n) {
    fromDatabase.increment(n);
  }

  /** A file of this kind ("blobs", "watermarked", "thumbnails") handed out as it was. */
  void hit(String kind) {
    Counter.builder("plenum.documents.cache.hits").tag("kind", kind).description("Cache files handed out as they were").register(registry)
        .increment();
  }

  /** A file of this kind made (again) from PostgreSQL or on the PDF workers. */
  void miss(String kind) {
    Counter.builder("plenum.documents.cache.misses").tag("kind", kind).description("Cache files made (again) from PostgreSQL or the PDF workers")
        .register(registry).increment();
  }

  void filled(long n) {
    filled.increment(n);
  }

  void evicted() {
    evictions.increment();
  }
}
