package org.plenum.server.app;

import io.vertx.core.Future;
import org.plenum.server.core.db.Tx;

/** Facts about this installation that must happen once (e.g. the demo seeded). */
public interface InstallationStore {
  /** Whether {@code key} was marked. */
  Future<Boolean> marked(String key);

  /** Marks {@code key} in {@code tx}; false when it already was (another process got there first). */
  Future<Boolean> mark(Tx tx, String key);
}
