package org.plenum.server.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.plenum.server.core.db.EmbeddedDatabase;

/**
 * One real PostgreSQL 17 (zonky) per test JVM, with a fresh database for each server a test starts. Its data
 * lives under target/ and is wiped at the start of each run.
 */
public final class TestPostgres {
  private static EmbeddedDatabase instance;
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private TestPostgres() {}

  public static synchronized EmbeddedDatabase get() {
    if (instance == null) {
      try {
        Path root = Path.of("target", "test-pg-" + ProcessHandle.current().pid()).toAbsolutePath();
        if (Files.exists(root)) {
          try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
          }
        }
        instance = EmbeddedDatabase.start(root, 0, false); // throw-away: no fsync
        EmbeddedDatabase started = instance;
        Runtime.getRuntime().addShutdownHook(new Thread(started::close));
      } catch (Exception e) {
        throw new IllegalStateException("Cannot start the test PostgreSQL", e);
      }
    }
    return instance;
  }

  /** A new empty database; returns its URL for db.url. */
  public static String newDatabase() {
    EmbeddedDatabase pg = get();
    String name = "t" + COUNTER.incrementAndGet();
    pg.ensureDatabase(name);
    return pg.url(name);
  }
}
