package org.plenum.server.core.cluster;

import io.vertx.core.Future;
import java.time.Duration;

/** The owner leases (table {@code owner_lease}, D42). Times are the database's. */
public interface LeaseStore {
  /**
   * Takes the lease of {@code duty} for {@code holder} when it is free, expired or already {@code holder}'s, for
   * {@code ttl} from now. True when {@code holder} holds it afterwards.
   */
  Future<Boolean> acquire(String duty, String holder, Duration ttl);

  /** Gives the lease back (a node that stops cleanly): the next candidate takes it at once. */
  Future<Void> release(String duty, String holder);
}
