package org.plenum.server.core.db;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ST2: keeps the embedded PostgreSQL running under a running server. Every {@code checkInterval} it looks whether the
 * postmaster it started is still alive; when it is gone (killed, crashed, stopped by hand) it waits for the rest of
 * the dead cluster to exit, starts PostgreSQL again on the same data folder and port (crash recovery replays the WAL,
 * so every committed transaction, and so every acknowledged command, is kept), and the connection pool reconnects by
 * itself. Until then requests answer 503 {@code UNAVAILABLE} and {@code /ready} is 503. Attempts back off from
 * {@code backoff} to {@code backoffMax}; after {@code maxAttempts} failures it gives up (logged at ERROR) and the
 * server stays not ready until it is restarted. One WARN when an outage starts, one INFO when it ends.
 *
 * <p>Only for the embedded database: an external PostgreSQL is the operator's to run (the server answers 503 while it
 * is away and recovers when it returns).
 */
public final class EmbeddedSupervisor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSupervisor.class);
  /** How long the dead cluster's backends get to notice the postmaster's death before they are killed. */
  private static final Duration LEFTOVER_WAIT = Duration.ofSeconds(10);

  /** {@code maxAttempts} 0 turns supervision off (the database is started once, as before ST2). */
  public record Policy(Duration checkInterval, int maxAttempts, Duration backoff, Duration backoffMax) {}

  private final Path root;
  private final int port;
  private final boolean durable;
  private final Policy policy;
  private final ScheduledExecutorService timer;
  private final Object lock = new Object();
  private final AtomicInteger restarts = new AtomicInteger();
  private EmbeddedDatabase current; // guarded by lock
  private volatile boolean closed;
  private volatile boolean gaveUp;
  /**
   * At JVM exit the library's own shutdown hook stops PostgreSQL while the server's hook closes the server (hooks run
   * concurrently): this one stops supervision first, so that a stop at exit is not taken for a death to repair.
   */
  private final Thread stopOnExit = new Thread(() -> closed = true, "embedded-postgres-supervisor-exit");

  private EmbeddedSupervisor(Path root, boolean durable, Policy policy, EmbeddedDatabase first) {
    this.root = root;
    this.port = first.port();
    this.durable = durable;
    this.policy = policy;
    this.current = first;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "embedded-postgres-supervisor");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts the embedded PostgreSQL in {@code root} (durable) and watches it. Blocking. */
  public static EmbeddedSupervisor start(Path root, int port, Policy policy) throws IOException {
    return start(root, port, true, policy);
  }

  public static EmbeddedSupervisor start(Path root, int port, boolean durable, Policy policy) throws IOException {
    return start(root, port, durable, policy, EmbeddedCache.in(""));
  }

  /** As above; a new data folder starts from {@code cache} (D43). */
  public static EmbeddedSupervisor start(Path root, int port, boolean durable, Policy policy, EmbeddedCache cache) throws IOException {
    EmbeddedSupervisor s = new EmbeddedSupervisor(root, durable, policy, EmbeddedDatabase.start(root, port, durable, cache));
    if (policy.maxAttempts() > 0) {
      Runtime.getRuntime().addShutdownHook(s.stopOnExit);
      long every = policy.checkInterval().toMillis();
      s.timer.scheduleWithFixedDelay(s::check, every, every, TimeUnit.MILLISECONDS);
    }
    return s;
  }

  /** The database as it runs now (a new object after each restart; same port and data). */
  public EmbeddedDatabase database() {
    synchronized (lock) {
      return current;
    }
  }

  public int port() {
    return port;
  }

  /** How many times the database was restarted under this server. */
  public int restarts() {
    return restarts.get();
  }

  /** True once the retries of an outage ran out: the server stays not ready until restarted. */
  public boolean gaveUp() {
    return gaveUp;
  }

  private void check() {
    if (closed || gaveUp) {
      return;
    }
    EmbeddedDatabase db = database();
    try {
      if (!db.running()) {
        recover(db);
      }
    } catch (RuntimeException e) {
      LOG.error("The embedded PostgreSQL supervisor failed", e);
    }
  }

  private void recover(EmbeddedDatabase dead) {
    if (closed) {
      return;
    }
    long started = System.nanoTime();
    LOG.warn("The embedded PostgreSQL (pid {}, 127.0.0.1:{}) is gone; restarting it on the same data (up to {} attempts). Until then "
        + "requests answer 503 UNAVAILABLE", dead.postmasterPid(), port, policy.maxAttempts());
    Duration backoff = policy.backoff();
    String last = "";
    for (int attempt = 1; attempt <= policy.maxAttempts(); attempt++) {
      try {
        synchronized (lock) {
          if (closed) {
            return;
          }
          dead.releaseAfterDeath();
          EmbeddedDatabase.awaitClusterGone(root, LEFTOVER_WAIT);
          EmbeddedDatabase.releaseLockFile(root.resolve("postgres"));
          current = EmbeddedDatabase.start(root, port, durable);
        }
        restarts.incrementAndGet();
        LOG.info("The embedded PostgreSQL is back (pid {}) after {} attempt(s) in {} ms; connections reconnect by themselves",
            database().postmasterPid(), attempt, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return;
      } catch (IOException | RuntimeException e) {
        last = e.toString();
        LOG.debug("Restart attempt {} of the embedded PostgreSQL failed: {}", attempt, last);
      }
      if (attempt == policy.maxAttempts()) {
        break;
      }
      try {
        Thread.sleep(backoff.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      backoff = backoff.multipliedBy(2).compareTo(policy.backoffMax()) > 0 ? policy.backoffMax() : backoff.multipliedBy(2);
    }
    if (!closed) {
      gaveUp = true;
      LOG.error("The embedded PostgreSQL could not be restarted in {} attempts (last: {}); the server stays not ready (503) until "
          + "Plenum is restarted", policy.maxAttempts(), last);
    }
  }

  /** Stops watching, then stops the database (waits for a restart in progress to finish first). */
  @Override
  public void close() {
    closed = true;
    timer.shutdownNow();
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException | IllegalArgumentException exiting) {
      // the JVM is exiting (the hook runs or ran), or supervision was off and it was never added
    }
    synchronized (lock) {
      current.close();
    }
  }
}
